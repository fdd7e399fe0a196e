import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateProcess, SYNTHETIC_PROCESS } from "../bench/generate.ts";
import { createProcess } from "../src/core/create-process.ts";
import { createRecord } from "../src/core/create-record.ts";
import { deleteRecord } from "../src/core/delete-record.ts";
import { rollupWindowOf } from "../src/core/get-stats.ts";
import { importRecords } from "../src/core/import-records.ts";
import { writeToProcess } from "../src/core/process-writer.ts";
import { boundsOf } from "../src/core/query-params.ts";
import type { Services } from "../src/core/services.ts";
import { updateRecord } from "../src/core/update-record.ts";
import { OPERATOR, operatorCaller, PUBLIC, type Viewer } from "../src/domain/access.ts";
import { cellOf, splitBoxByCells } from "../src/domain/tiles.ts";
import { OverviewMemory } from "../src/read-model/overview-memory.ts";
import {
  rollupClaimedFigures,
  rollupIncidentCounts,
  rollupIncidentsByActor,
} from "../src/store/dashboard.repository.ts";
import { listMigrations, splitStatements } from "../src/store/migrate.ts";
import { findProcess } from "../src/store/process.repository.ts";
import {
  claimedFigures,
  incidentCounts,
  incidentsByActor,
  type StatsFilters,
} from "../src/store/stats.repository.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const SLUG = SYNTHETIC_PROCESS.slug;
const OP = operatorCaller("test");

type Row = Record<string, unknown>;
const numbers = (rows: readonly Row[]) =>
  rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [
        key,
        typeof value === "string" && /^-?\d+$/.test(value) && key !== "week"
          ? Number(value)
          : value,
      ]),
    ),
  );
const byWeekOrder = (rows: readonly Row[]) =>
  numbers(rows).sort((a, b) =>
    JSON.stringify([a.week, a.claimant, a.category]) <
    JSON.stringify([b.week, b.claimant, b.category])
      ? -1
      : 1,
  );

type Shown = {
  totals: Row | undefined;
  byWeek: Row[];
  byKind: Row[];
  byVerification: Row[];
  actors: Row[];
  byClaimant: Row[];
  figuresByWeek: Row[];
};

/** The overview as the plain SQL computes it. */
async function plainWay(services: Services, viewer: Viewer, filters: StatsFilters) {
  const db = services.store.db;
  const [counts, actors, figures] = await Promise.all([
    incidentCounts(db, SLUG, viewer, filters),
    incidentsByActor(db, SLUG, viewer, filters),
    claimedFigures(db, SLUG, viewer, filters),
  ]);
  return shown(counts, actors, figures);
}

function shown(
  counts: { totals: Row; byWeek: Row[]; byKind: Row[]; byVerification: Row[] },
  actors: Row[],
  figures: { byClaimant: Row[]; byWeek: Row[] },
): Shown {
  return {
    totals: numbers([counts.totals])[0],
    byWeek: numbers(counts.byWeek),
    byKind: numbers(counts.byKind),
    byVerification: numbers(counts.byVerification),
    actors: numbers(actors),
    byClaimant: numbers(figures.byClaimant),
    figuresByWeek: byWeekOrder(figures.byWeek),
  };
}

/** The overview from the in-memory index, caught up with the ledger first. */
async function memoryWay(
  services: Services,
  memory: OverviewMemory,
  viewer: Viewer,
  filters: StatsFilters,
): Promise<Shown> {
  const process = await findProcess(services.store.db, SLUG);
  const answer = await memory.query(
    services.store.db,
    SLUG,
    process?.ledger_size ?? 0,
    viewer,
    filters,
  );
  if (!answer) throw new Error("the overview's index is not held");
  return shown(answer.counts, answer.byActor, answer.figures);
}

/** The overview both ways: the plain SQL, and the rollups plus the rim and the rest read plainly. */
async function bothWays(services: Services, viewer: Viewer, filters: StatsFilters) {
  const db = services.store.db;
  const window = rollupWindowOf(filters);
  if (!window) throw new Error(`no rollup window for ${JSON.stringify(filters)}`);
  const [counts, actors, figures, fastCounts, fastActors, fastFigures] = await Promise.all([
    incidentCounts(db, SLUG, viewer, filters),
    incidentsByActor(db, SLUG, viewer, filters),
    claimedFigures(db, SLUG, viewer, filters),
    rollupIncidentCounts(db, SLUG, viewer, filters, window),
    rollupIncidentsByActor(db, SLUG, viewer, filters, window),
    rollupClaimedFigures(db, SLUG, viewer, filters, window),
  ]);
  const plain = shown(counts, actors, figures);
  const fast = shown(fastCounts, fastActors, fastFigures);
  return { plain, fast };
}

const VIEWERS: Array<[string, Viewer]> = [
  ["admin", OPERATOR],
  ["public", PUBLIC],
  ["monitor", { role: "monitor" }],
  ["delegate of PA", { role: "delegate", party: "PA" }],
  ["delegate of PB", { role: "delegate", party: "PB" }],
];

const day = (value: string) => boundsOf(value);
const FILTERS: Array<[string, StatsFilters]> = [
  ["everything", {}],
  ["one year", { from: day("2021-01-01").start, to: day("2021-12-31").end }],
  ["a month by its name", { from: day("2022-03").start, to: day("2022-03").end }],
  ["from a day on", { from: day("2022-06-15").start }],
  ["up to a day", { to: day("2021-02-10").end }],
  ["three days within a week", { from: day("2021-05-05").start, to: day("2021-05-07").end }],
  ["Monday to Sunday", { from: day("2021-05-03").start, to: day("2021-05-16").end }],
  [
    "five days across a weekend, in a box",
    {
      from: day("2022-04-08").start,
      to: day("2022-04-12").end,
      bbox: { west: 45, south: 39.5, east: 47, north: 41.5 },
    },
  ],
  ["a 2° box", { bbox: { west: 45, south: 39.5, east: 47, north: 41.5 } }],
  ["a small box", { bbox: { west: 45.95, south: 40.02, east: 46.05, north: 40.08 } }],
  ["a box with nothing in it", { bbox: { west: 10, south: 10, east: 11, north: 11 } }],
  ["the whole world", { bbox: { west: -180, south: -90, east: 180, north: 90 } }],
  [
    "a 12° box, summed mostly from coarse cells",
    { bbox: { west: 38.3, south: 33.1, east: 50.3, north: 45.1 } },
  ],
  [
    "half a year in a 12° box",
    {
      from: day("2021-06-14").start,
      to: day("2021-12-12").end,
      bbox: { west: 38.3, south: 33.1, east: 50.3, north: 45.1 },
    },
  ],
  [
    "a year and a box",
    {
      from: day("2021-03-01").start,
      to: day("2022-02-28").end,
      bbox: { west: 44.8, south: 39.2, east: 46.9, north: 41.3 },
    },
  ],
];

/** Filters the rollups do not answer but the in-memory index does. */
const MEMORY_ONLY_FILTERS: Array<[string, StatsFilters]> = [
  ["a kind", { kind: "shelling" }],
  ["an actor", { actor: "PA" }],
  ["a kind nobody reported", { kind: "no-such-kind" }],
  ["an actor in a box", { actor: "PB", bbox: { west: 45, south: 39.5, east: 47, north: 41.5 } }],
  ["bounds within a day", { from: "2021-05-05T12:00:00.000Z", to: "2021-09-01T06:30:00.000Z" }],
  ["a kind in a year", { kind: "shelling", from: day("2021").start, to: day("2021").end }],
];

describe("what the rollups answer", () => {
  it("not a kind or an actor filter, nor bounds within a day: those read the plain SQL", () => {
    expect(rollupWindowOf({ kind: "shelling" })).toBeNull();
    expect(rollupWindowOf({ actor: "PA" })).toBeNull();
    expect(rollupWindowOf({ from: "2021-05-05T12:00:00.000Z" })).toBeNull();
    expect(rollupWindowOf({ from: day("2021-05-05").start })).not.toBeNull();
  });
});

describe("splitting a box into inner cells and a rim", () => {
  it("puts every point of a cell inside the box, and every other point of the box on the rim", () => {
    let seed = 3;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (const [, filters] of FILTERS) {
      const box = filters.bbox;
      if (!box) continue;
      const { inner, edges } = splitBoxByCells(box, 12);
      for (let i = 0; i < 2000; i++) {
        const lon = box.west - 0.5 + random() * (box.east - box.west + 1);
        const lat = Math.max(
          -89,
          Math.min(89, box.south - 0.5 + random() * (box.north - box.south + 1)),
        );
        const cell = Math.floor(cellOf(lon, lat) / 2 ** 16);
        let x = 0;
        let y = 0;
        for (let b = 0; b < 12; b++) {
          x |= (Math.floor(cell / 2 ** (2 * b)) % 2) << b;
          y |= (Math.floor(cell / 2 ** (2 * b + 1)) % 2) << b;
        }
        const isInner =
          inner !== null && x >= inner.x0 && x <= inner.x1 && y >= inner.y0 && y <= inner.y1;
        const inBox = lon >= box.west && lon <= box.east && lat >= box.south && lat <= box.north;
        if (isInner) expect(inBox).toBe(true);
        const onRim = edges.some(
          (e) => lon >= e.west && lon <= e.east && lat >= e.south && lat <= e.north,
        );
        if (inBox && !isInner) expect(onRim).toBe(true);
      }
    }
  });
});

describe.each(STORE_NAMES)("the overview's rollups on %s", (storeName) => {
  let services: Services;
  const records = new Map<string, Row>();
  const versions = new Map<string, number>();

  async function update(id: string, change: (record: Row) => Row) {
    const record = records.get(id);
    if (!record) throw new Error(`no ${id}`);
    const next = change(structuredClone(record));
    const { type, ...input } = next;
    await updateRecord(services, SLUG, type as string, id, input, versions.get(id) ?? 1, OP);
    records.set(id, next);
    versions.set(id, (versions.get(id) ?? 1) + 1);
  }

  // One index built before the import and caught up with it through the ledger, one built after.
  const early = new OverviewMemory();
  const late = new OverviewMemory();
  const memories = (): Array<[string, OverviewMemory]> => [
    ["index caught up through the import", early],
    ["index built after the import", late],
  ];

  beforeAll(async () => {
    services = await openTestServices(storeName);
    await createProcess(services, SYNTHETIC_PROCESS, OP);
    expect(await early.warm(services.store.db, SLUG)).toBe(true);
    const generated = [...generateProcess({ seed: 5, incidents: 400 })];
    for (const record of generated) records.set(record.id as string, record as Row);
    const result = await importRecords(
      services,
      SLUG,
      generated.map((record, i) => ({ at: String(i), record })),
      { principal: OP, batchSize: 250 },
    );
    expect(result.rejected).toEqual([]);
    expect(await late.warm(services.store.db, SLUG)).toBe(true);
  });
  afterAll(async () => {
    await services.store.close();
  });

  const incidents = () => [...records.values()].filter((r) => r.type === "incident");
  const claims = () => [...records.values()].filter((r) => r.type === "claim");

  async function expectSame(stage: string) {
    for (const [viewerName, viewer] of VIEWERS) {
      for (const [filterName, filters] of FILTERS) {
        const { plain, fast } = await bothWays(services, viewer, filters);
        expect(fast, `${stage}: ${viewerName}, ${filterName}`).toEqual(plain);
        for (const [memoryName, memory] of memories())
          expect(
            await memoryWay(services, memory, viewer, filters),
            `${stage}: ${memoryName}, ${viewerName}, ${filterName}`,
          ).toEqual(plain);
      }
      for (const [filterName, filters] of MEMORY_ONLY_FILTERS) {
        const plain = await plainWay(services, viewer, filters);
        for (const [memoryName, memory] of memories())
          expect(
            await memoryWay(services, memory, viewer, filters),
            `${stage}: ${memoryName}, ${viewerName}, ${filterName}`,
          ).toEqual(plain);
      }
    }
  }

  it("gives what the plain SQL gives, after an import", async () => {
    const { plain } = await bothWays(services, OPERATOR, {});
    expect(plain.totals?.total).toBeGreaterThan(300);
    expect(plain.byClaimant.length).toBeGreaterThan(3);
    // The boxes reach both the inner cells and the rim.
    const boxed = await bothWays(
      services,
      OPERATOR,
      FILTERS.find(([name]) => name === "a year and a box")?.[1] as StatsFilters,
    );
    expect(boxed.plain.totals?.total).toBeGreaterThan(20);
    await expectSame("after import");
  });

  it("and after edits: dates, places, visibility, kinds, figures, claims moved and deleted", async () => {
    const some = incidents();
    // Moved to another day, to month precision, to a range of days, to an exact time.
    await update(some[0]?.id as string, (r) => ({
      ...r,
      date: { value: "2021-07-19", precision: "day" },
    }));
    await update(some[1]?.id as string, (r) => ({
      ...r,
      date: { value: "2021-07", precision: "month" },
    }));
    await update(some[2]?.id as string, (r) => ({
      ...r,
      date: { value: "2021-08-02", end: "2021-08-05", precision: "range" },
    }));
    // To a year, and to a range of more than a year (in no rollup).
    await update(some[9]?.id as string, (r) => ({
      ...r,
      date: { value: "2021", precision: "year" },
    }));
    await update(some[10]?.id as string, (r) => ({
      ...r,
      date: { value: "2021-03-01", end: "2022-06-30", precision: "range" },
    }));
    // Moved across the box's rim, and made restricted to one party or members only.
    await update(some[3]?.id as string, (r) => ({
      ...r,
      place: { ...(r.place as Row), lon: 45.0001, lat: 40.2 },
    }));
    await update(some[4]?.id as string, (r) => ({
      ...r,
      visibility: "restricted",
      restricted_to: "PA",
    }));
    await update(some[5]?.id as string, (r) => ({ ...r, visibility: "members" }));
    await update(some[6]?.id as string, (r) => ({
      ...r,
      kind: "shelling",
      verification: { status: "unverified" },
    }));
    // Edited twice in one go is covered by the import; here the same incident twice in a row.
    await update(some[0]?.id as string, (r) => ({
      ...r,
      date: { value: "2021-07-20", precision: "day" },
    }));

    const someClaims = claims().filter((c) => c.incident_id);
    // New figures, claim hidden from the public, claim moved to another incident.
    await update(someClaims[0]?.id as string, (c) => ({
      ...c,
      figures: { killed: { PA: 7 }, wounded: { PB: 2 } },
    }));
    await update(someClaims[1]?.id as string, (c) => ({ ...c, visibility: "members" }));
    await update(someClaims[2]?.id as string, (c) => ({ ...c, incident_id: some[7]?.id }));
    // A new claim about an incident imported earlier adds only its own figures.
    const { type: _type, id: _id, ...model } = someClaims[4] as Row;
    const fresh = { ...model, incident_id: some[12]?.id, figures: { killed: { PB: 3 } } };
    await createRecord(services, SLUG, "claim", { id: "claim-new-1", ...fresh }, OP);
    records.set("claim-new-1", { ...fresh, type: "claim", id: "claim-new-1" });
    // In one transaction: a new claim about an incident, then the incident moved, the claim
    // changed, and a second new claim.
    const { type: _t, ...target } = records.get(some[13]?.id as string) as Row;
    const targetId = target.id as string;
    const moved = { ...target, date: { value: "2022-01-11", precision: "day" } };
    await writeToProcess(services, SLUG, OP, async (writer) => {
      await writer.create("claim", { id: "claim-new-2", ...fresh, incident_id: targetId });
      await writer.update("incident", targetId, moved, versions.get(targetId) ?? 1);
      await writer.update(
        "claim",
        "claim-new-2",
        { ...fresh, incident_id: targetId, figures: { wounded: { PA: 4 } } },
        1,
      );
      await writer.create("claim", { id: "claim-new-3", ...fresh, incident_id: targetId });
    });
    records.set(targetId, { ...moved, type: "incident" });
    versions.set(targetId, (versions.get(targetId) ?? 1) + 1);
    await expectSame("after edits");

    // Deleted: a claim, then an incident with every claim about it.
    const claimToDelete = someClaims[3]?.id as string;
    await deleteRecord(services, SLUG, "claim", claimToDelete, undefined, OP);
    records.delete(claimToDelete);
    const doomed = some[8]?.id as string;
    for (const claim of claims().filter((c) => c.incident_id === doomed)) {
      await deleteRecord(services, SLUG, "claim", claim.id as string, undefined, OP);
      records.delete(claim.id as string);
    }
    const referrers = [...records.values()].filter((r) =>
      JSON.stringify(r).includes(`"${doomed}"`),
    );
    if (referrers.every((r) => r.id === doomed)) {
      await deleteRecord(services, SLUG, "incident", doomed, undefined, OP);
      records.delete(doomed);
    }
    await expectSame("after deletes");
  });
  it("keeps the rows migration 013's backfill computes from the records as they are now", async () => {
    const statements = splitStatements(
      listMigrations().find((m) => m.name.startsWith("013_"))?.sql ?? "",
    );
    const tables = ["incident_rollup", "incident_actor_rollup", "claim_figure_rollup"];
    // The backfill is a temporary table of the rolled-up incidents and one insert per rollup.
    expect(statements.map((s) => s.split("\n")[0])).toEqual(
      expect.arrayContaining([
        "CREATE TEMPORARY TABLE rolled ON COMMIT DROP AS",
        ...tables.map((table) => `INSERT INTO ${table}`),
      ]),
    );
    const rolled = statements.find((s) => s.startsWith("CREATE TEMPORARY TABLE rolled"));
    await services.store.db.transaction().execute(async (tx) => {
      await sql.raw(rolled as string).execute(tx);
      for (const table of tables) {
        const insert = statements.find((s) => s.startsWith(`INSERT INTO ${table}\n`));
        const backfill = (insert as string).slice(`INSERT INTO ${table}\n`.length);
        // Rows whose count fell to zero stay in the kept table (decision 0011); they add nothing.
        const sorted = async (query: string) =>
          (await sql.raw<Row>(`SELECT r::text AS row FROM (${query}) AS r`).execute(tx)).rows
            .map((row) => row.row as string)
            .sort();
        const kept = await sorted(`SELECT * FROM ${table} WHERE count <> 0`);
        expect(kept.length, table).toBeGreaterThan(20);
        expect(kept, table).toEqual(await sorted(backfill));
      }
    });
  });
});
