import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import type { FigureRow } from "../domain/kind.ts";
import { recomputedDashboardRollups } from "./dashboard.repository.ts";
import type { StoredRecord } from "./record.repository.ts";
import type { Database } from "./schema.ts";
import { LEVEL_SHIFTS, ROLLUP_SHIFT } from "./tile-rollup.repository.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A claimed figure as stored, with the visibility it was stored under. */
export type StoredFigure = FigureRow & { visibility: string; restricted_to: string | null };

/** A record as stored with every column derived from it: what verify recomputes and compares. */
export type StoredRow = StoredRecord & {
  kind: string | null;
  date_start: Date | null;
  date_end: Date | null;
  west: number | null;
  south: number | null;
  east: number | null;
  north: number | null;
  verification: string | null;
  cell: number | null;
  sort_key: string;
  refs: string[];
  figures: StoredFigure[];
};

type RawRow = Omit<StoredRow, "cell" | "figures" | "refs"> & {
  cell: string | number | null;
  refs: string[] | string | null;
};

/** PGlite may hand a text[] back as its literal when it comes through raw SQL. */
function textArray(value: string[] | string | null): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, "");
  if (inner === "") return [];
  return inner.split(",").map((item) => item.replace(/^"(.*)"$/, "$1").replace(/\\(.)/g, "$1"));
}

/**
 * Every record of a process with its derived columns and its claimed figures, in pages of `pageSize`
 * in id order: one pass over the table, the figures fetched with their record.
 */
export async function* pagesOfStoredRows(
  db: Db,
  processId: string,
  pageSize = 2000,
): AsyncGenerator<StoredRow[]> {
  let after = "";
  for (;;) {
    const { rows } = await sql<RawRow>`
      SELECT r.id, r.type, r.version, r.visibility, r.restricted_to, r.body, r.created_at,
        r.updated_at, r.kind, r.date_start, r.date_end, r.west, r.south, r.east, r.north,
        r.verification, r.cell, r.sort_key, r.refs
      FROM record r
      WHERE r.process_id = ${processId} AND r.id > ${after}
      ORDER BY r.id
      LIMIT ${pageSize}`.execute(db);
    const last = rows.at(-1);
    // The page's figures in one range of the figure table's key, not a query per record.
    const figures = new Map<string, StoredFigure[]>();
    if (last) {
      const found = await sql<StoredFigure & { claim_id: string }>`
        SELECT claim_id, category, side, low, high, incident_id, claimant, visibility, restricted_to
        FROM claim_figure
        WHERE process_id = ${processId} AND claim_id > ${after} AND claim_id <= ${last.id}`.execute(
        db,
      );
      for (const { claim_id, ...figure } of found.rows) {
        const list = figures.get(claim_id) ?? [];
        list.push(figure);
        figures.set(claim_id, list);
      }
    }
    const page = rows.map((row) => ({
      ...row,
      cell: row.cell === null ? null : Number(row.cell),
      refs: textArray(row.refs),
      figures: figures.get(row.id) ?? [],
    }));
    if (page.length > 0) yield page;
    if (page.length < pageSize || last === undefined) return;
    after = last.id;
  }
}

/**
 * The ids among these whose stored search column does not hold the text's words, as the writer
 * indexes them. Positions are left out: a kind may list a record's names in its fields' order,
 * which a jsonb column does not keep.
 */
export async function searchColumnsDiffering(
  db: Db,
  processId: string,
  texts: ReadonlyArray<{ id: string; text: string }>,
): Promise<string[]> {
  if (texts.length === 0) return [];
  const { rows } = await sql<{ id: string }>`
    SELECT r.id
    FROM jsonb_to_recordset(${JSON.stringify(texts)}::jsonb) AS t(id text, text text)
    JOIN record r ON r.process_id = ${processId} AND r.id = t.id
    WHERE strip(r.search) IS DISTINCT FROM strip(to_tsvector('simple', t.text))
    ORDER BY r.id`.execute(db);
  return rows.map((row) => row.id);
}

/** One table derived from the records, and how to make it again from them. */
type DerivedTable = {
  table: string;
  keys: readonly string[];
  /** Summed values compared exactly. */
  exact: readonly string[];
  /** Summed coordinates: added in another order by the upkeep, equal within rounding. */
  approximate: readonly string[];
  recomputed: RawBuilder<unknown>;
};

function derivedTables(processId: string): DerivedTable[] {
  const dashboard = recomputedDashboardRollups(processId);
  const period = ["process_id", "zoom", "period", "cx", "cy", "day", "days"];
  return [
    {
      table: "tile_rollup",
      keys: ["process_id", "type", "cell12", "kind", "verification", "visibility", "restricted_to"],
      exact: ["count"],
      approximate: ["sum_lon", "sum_lat"],
      recomputed: sql`
        SELECT process_id, type, cell >> ${ROLLUP_SHIFT} AS cell12, coalesce(kind, '') AS kind,
          coalesce(verification, '') AS verification, visibility,
          coalesce(restricted_to, '') AS restricted_to, count(*) AS count, sum(west) AS sum_lon,
          sum(south) AS sum_lat
        FROM record
        WHERE process_id = ${processId} AND cell IS NOT NULL AND west IS NOT NULL
          AND south IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    },
    {
      table: "tile_rollup_level",
      keys: ["process_id", "type", "shift", "cell", "visibility", "restricted_to"],
      exact: ["count"],
      approximate: ["sum_lon", "sum_lat"],
      recomputed: sql`
        SELECT r.process_id, r.type, s.shift, r.cell >> s.shift AS cell, r.visibility,
          coalesce(r.restricted_to, '') AS restricted_to, count(*) AS count, sum(r.west) AS sum_lon,
          sum(r.south) AS sum_lat
        FROM record r CROSS JOIN unnest(${[...LEVEL_SHIFTS]}::int[]) AS s(shift)
        WHERE r.process_id = ${processId} AND r.cell IS NOT NULL AND r.west IS NOT NULL
          AND r.south IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, 6`,
    },
    {
      table: "incident_rollup",
      keys: [...period, "kind", "verification", "visibility", "restricted_to"],
      exact: ["count"],
      approximate: [],
      recomputed: dashboard.incident_rollup,
    },
    {
      table: "incident_actor_rollup",
      keys: [...period, "actor", "visibility", "restricted_to"],
      exact: ["count"],
      approximate: [],
      recomputed: dashboard.incident_actor_rollup,
    },
    {
      table: "claim_figure_rollup",
      keys: [
        ...period,
        "visibility",
        "restricted_to",
        "figure_visibility",
        "figure_restricted_to",
        "claimant",
        "category",
        "side",
      ],
      exact: ["count", "sum_low", "n_low", "sum_high", "n_high"],
      approximate: [],
      recomputed: dashboard.claim_figure_rollup,
    },
  ];
}

export type RollupDifference = {
  table: string;
  /** How many rows differ (stored and missing, or recomputed and missing, or with other sums). */
  rows: number;
  /** The first differing row's key, and its counts stored and recomputed (null: no such row). */
  example: { key: Record<string, unknown>; stored: number | null; recomputed: number | null };
};

/**
 * Each rollup of the process compared with the same rollup made again from its records (and
 * claimed figures) now: the tables whose rows differ, with how many and the first. Rows the upkeep
 * left at zero count as absent. Table and column names come from this file, never from input.
 */
export async function rollupDifferences(db: Db, processId: string): Promise<RollupDifference[]> {
  const found: RollupDifference[] = [];
  for (const table of derivedTables(processId)) {
    const ids = (names: readonly string[]) => names.map((name) => sql.id(name));
    const differs = sql.join(
      [
        ...table.exact.map((c) => sql`w.${sql.id(c)} IS DISTINCT FROM h.${sql.id(c)}`),
        ...table.approximate.map(
          (c) => sql`abs(w.${sql.id(c)} - h.${sql.id(c)}) > 1e-6 * (1 + abs(w.${sql.id(c)}))`,
        ),
      ],
      sql` OR `,
    );
    const { rows } = await sql<Record<string, unknown>>`
      WITH want AS (${table.recomputed}),
        have AS (SELECT * FROM ${sql.table(table.table)} WHERE process_id = ${processId} AND count <> 0)
      SELECT ${sql.join(ids(table.keys))}, h.count AS stored_count, w.count AS recomputed_count,
        count(*) OVER () AS differing
      FROM want w FULL JOIN have h USING (${sql.join(ids(table.keys))})
      WHERE ${differs}
      ORDER BY ${sql.join(ids(table.keys))}
      LIMIT 1`.execute(db);
    const first = rows[0];
    if (!first) continue;
    const { stored_count, recomputed_count, differing, ...key } = first;
    delete key.process_id;
    found.push({
      table: table.table,
      rows: Number(differing),
      example: {
        key,
        stored: stored_count === null ? null : Number(stored_count),
        recomputed: recomputed_count === null ? null : Number(recomputed_count),
      },
    });
  }
  return found;
}

/** The frontier the process row keeps of its ledger's tree (what the next entry is added to). */
export async function storedFrontier(db: Db, processId: string): Promise<string[]> {
  const row = await db
    .selectFrom("process")
    .select("ledger_frontier")
    .where("id", "=", processId)
    .executeTakeFirst();
  const frontier: unknown = row?.ledger_frontier;
  return Array.isArray(frontier) ? frontier.map(String) : [];
}

/**
 * Gives the rest of verify's transaction room to group the rollups in memory: at a million
 * incidents the default work_mem sent their sorts to disk.
 */
export async function roomToRecompute(db: Transaction<Database>): Promise<void> {
  await sql`SET LOCAL work_mem = '256MB'`.execute(db);
}
