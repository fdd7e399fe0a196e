/** The web app's pages: the server answers each with the app, which then shows the page. */
export const WEB_ROUTES = [
  "/",
  "/map",
  "/timeline",
  "/agreements",
  "/statements",
  "/commitments",
  "/incidents",
  "/detainees",
  "/border",
  "/mine-action",
  "/sources",
  "/ledger",
  "/login",
] as const;
