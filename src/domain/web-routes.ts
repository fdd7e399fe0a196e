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
  "/alerts",
  "/field",
] as const;

/** The web page that lists one kind of record: every kind has one, derived from its definition. */
export function kindPagePath(kind: { path: string }): string {
  return `/records/${kind.path}`;
}

/**
 * The web page that shows one record of a process, for links from outside the app (feeds, alerts):
 * an incident's own page, a commitment in its list, any other record in its kind's list.
 */
export function recordPagePath(
  kind: { type: string; path: string },
  id: string,
  slug: string,
): string {
  const page =
    kind.type === "incident"
      ? "/incidents"
      : kind.type === "commitment"
        ? "/commitments"
        : kindPagePath(kind);
  return `${page}?${new URLSearchParams({ process: slug, id })}`;
}
