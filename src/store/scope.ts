import { type RawBuilder, sql } from "kysely";

/**
 * Who is asking. Every query that returns records goes through `visibleTo`, so no route, export or
 * ledger listing can forget it. Until accounts land (issue 5) the server runs as the local operator.
 */
export type Viewer =
  | { role: "admin" | "mediator" }
  | { role: "monitor" | "viewer" }
  | { role: "delegate"; party: string }
  | { role: "public" };

export const OPERATOR: Viewer = { role: "admin" };
export const PUBLIC: Viewer = { role: "public" };

/**
 * The records a viewer may see, as a WHERE condition on the `record` table (or an alias of it, for
 * queries that join records to records).
 */
export function visibleTo(viewer: Viewer, alias = "record"): RawBuilder<boolean> {
  const visibility = sql.ref(`${alias}.visibility`);
  switch (viewer.role) {
    case "admin":
    case "mediator":
      return sql<boolean>`true`;
    case "monitor":
    case "viewer":
      return sql<boolean>`${visibility} IN ('public', 'members')`;
    case "delegate":
      return sql<boolean>`(${visibility} IN ('public', 'members') OR (${visibility} = 'restricted' AND ${sql.ref(`${alias}.restricted_to`)} = ${viewer.party}))`;
    case "public":
      return sql<boolean>`${visibility} = 'public'`;
  }
}
