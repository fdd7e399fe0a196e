import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from "kysely";
import type { Database } from "./schema.ts";

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

/** The records a viewer may see, as a WHERE condition on `record`. */
export function visibleTo(
  viewer: Viewer,
): (eb: ExpressionBuilder<Database, "record">) => ExpressionWrapper<Database, "record", SqlBool> {
  return (eb) => {
    switch (viewer.role) {
      case "admin":
      case "mediator":
        return eb.val(true) as unknown as ExpressionWrapper<Database, "record", SqlBool>;
      case "monitor":
      case "viewer":
        return eb("record.visibility", "in", ["public", "members"]);
      case "delegate":
        return eb.or([
          eb("record.visibility", "in", ["public", "members"]),
          eb.and([
            eb("record.visibility", "=", "restricted"),
            eb("record.restricted_to", "=", viewer.party),
          ]),
        ]);
      case "public":
        return eb("record.visibility", "=", "public");
    }
  };
}
