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
  "/records",
  "/login",
  "/processes",
] as const;

/** The web page that lists one kind of record: every kind has one, derived from its definition. */
export function kindPagePath(kind: { path: string }): string {
  return `/records/${kind.path}`;
}
