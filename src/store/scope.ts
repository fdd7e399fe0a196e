import { type RawBuilder, sql } from "kysely";

import type { Viewer } from "../domain/access.ts";

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
