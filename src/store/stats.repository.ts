import { type Kysely, sql, type Transaction } from "kysely";
import type { Viewer } from "../domain/access.ts";
import { matchFilters, type RecordFilters } from "./record-filters.ts";
import type { Database } from "./schema.ts";
import { visibleTo } from "./scope.ts";

type Db = Kysely<Database> | Transaction<Database>;

export type StatsFilters = Pick<RecordFilters, "from" | "to" | "bbox" | "kind" | "actor">;

/** The incidents the overview counts: visible to the viewer and inside the filters. */
function incidents(db: Db, processId: string, viewer: Viewer, filters: StatsFilters) {
  return db
    .selectFrom("record")
    .where("record.process_id", "=", processId)
    .where("record.type", "=", "incident")
    .where(visibleTo(viewer))
    .where(matchFilters(filters));
}

// An incident is counted in a week only when its date is known to within a week: a month-precision
// incident is not placed in the month's first week.
const WEEK = sql<string>`to_char(date_trunc('week', record.date_start AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;
const IS_WEEKLY = sql<boolean>`record.date_end - record.date_start <= interval '7 days'`;

export async function incidentCounts(
  db: Db,
  processId: string,
  viewer: Viewer,
  filters: StatsFilters,
) {
  const base = incidents(db, processId, viewer, filters);
  const [totals, byWeek, byKind, byVerification] = await Promise.all([
    base
      .select([
        (eb) => eb.fn.countAll<string>().as("total"),
        sql<string>`count(*) FILTER (WHERE NOT (${IS_WEEKLY}))`.as("not_weekly"),
      ])
      .executeTakeFirstOrThrow(),
    base
      .select([WEEK.as("week"), (eb) => eb.fn.countAll<string>().as("count")])
      .where(IS_WEEKLY)
      .groupBy(sql`1`)
      .orderBy(sql`1`)
      .execute(),
    base
      .select(["record.kind", (eb) => eb.fn.countAll<string>().as("count")])
      .groupBy("record.kind")
      .orderBy("record.kind")
      .execute(),
    base
      .select(["record.verification", (eb) => eb.fn.countAll<string>().as("count")])
      .groupBy("record.verification")
      .orderBy("record.verification")
      .execute(),
  ]);
  return { totals, byWeek, byKind, byVerification };
}

/** Incidents per actor involved (any reference from the incident to an actor). */
export async function incidentsByActor(
  db: Db,
  processId: string,
  viewer: Viewer,
  filters: StatsFilters,
) {
  const referred = incidents(db, processId, viewer, filters).select(
    sql<string>`unnest(record.refs)`.as("to_id"),
  );
  return db
    .selectFrom(referred.as("r"))
    .innerJoin("record as actor", (join) =>
      join.on("actor.process_id", "=", processId).onRef("actor.id", "=", "r.to_id"),
    )
    .where("actor.type", "=", "actor")
    .select(["r.to_id as actor", sql<string>`count(*)`.as("count")])
    .groupBy("r.to_id")
    .orderBy("r.to_id")
    .execute();
}

/**
 * The figures claimed about those incidents, summed per claimant, category and side, and per week:
 * each claimant's numbers stay apart, never merged into one.
 */
export async function claimedFigures(
  db: Db,
  processId: string,
  viewer: Viewer,
  filters: StatsFilters,
) {
  const joined = incidents(db, processId, viewer, filters)
    .innerJoin("claim_figure as f", (join) =>
      join.onRef("f.process_id", "=", "record.process_id").onRef("f.incident_id", "=", "record.id"),
    )
    .where(visibleTo(viewer, "f"));
  const totals = joined
    .select([
      "f.claimant",
      "f.category",
      "f.side",
      sql<string>`sum(f.low)`.as("low"),
      sql<string>`sum(f.high)`.as("high"),
      sql<string>`count(DISTINCT f.claim_id)`.as("claims"),
    ])
    .groupBy(["f.claimant", "f.category", "f.side"])
    .orderBy("f.claimant")
    .orderBy("f.category")
    .orderBy("f.side")
    .execute();
  const weekly = joined
    .where(IS_WEEKLY)
    .select([
      WEEK.as("week"),
      "f.claimant",
      "f.category",
      sql<string>`sum(f.low)`.as("low"),
      sql<string>`sum(f.high)`.as("high"),
    ])
    .groupBy([sql`1`, "f.claimant", "f.category"])
    .orderBy(sql`1`)
    .execute();
  const [byClaimant, byWeek] = await Promise.all([totals, weekly]);
  return { byClaimant, byWeek };
}
