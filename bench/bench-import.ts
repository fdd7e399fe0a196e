import { createReadStream, createWriteStream } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import { createProcess } from "../src/core/create-process.ts";
import { importAcled } from "../src/core/import-acled.ts";
import { importRecords } from "../src/core/import-records.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { ACLED_COLUMNS, type AcledRow, readAcledCsv, writeAcledCsv } from "../src/ingest/acled.ts";
import { generateAcledRows, generateProcess, SYNTHETIC_PROCESS } from "./generate.ts";
import { round, timed } from "./measure.ts";
import type { BenchContext } from "./services.ts";

export const SEED = 20201109;
// A new process each run: a reused database (--reuse) may hold an earlier run's.
const ACLED_SLUG = `acled-${Date.now().toString(36)}`;
const ACLED_ACTORS = { "Military Forces of Aravan": "PA", "Military Forces of Bersay": "PB" };

/**
 * Loads the synthetic process the query benchmarks read (import.records), then measures
 * `truce import --format acled` against raw COPY of the same file into a bare table of the same
 * store: the physical limit of getting rows in.
 */
export async function runImportBench(context: BenchContext): Promise<void> {
  const { services, storeName, n, dir, report } = context;
  if (!context.isLoaded) await loadSyntheticProcess(context);
  if (!context.only.has("import")) return;

  const file = `${dir}/acled.csv`;
  await pipeline(
    Readable.from(
      writeAcledCsv(
        (async function* () {
          for (const row of generateAcledRows({ seed: SEED + 1, incidents: n }))
            yield row as AcledRow;
        })(),
      ),
    ),
    createWriteStream(file, { mode: 0o644 }),
  );

  const copy = await timed(() => copyIntoBareTable(context, file));
  await createProcess(
    services,
    { slug: ACLED_SLUG, name: "ACLED import benchmark" },
    operatorCaller("test"),
  );
  await importRecords(
    services,
    ACLED_SLUG,
    [...generateProcess({ seed: SEED, incidents: 0 })]
      .filter((record) => record.type === "actor")
      .map((record, i) => ({ at: String(i), record })),
    { principal: operatorCaller("bench") },
  );
  const truce = await timed(() =>
    importAcled(services, ACLED_SLUG, readAcledCsv(createReadStream(file)), {
      principal: operatorCaller("bench"),
      batchSize: 2000,
      actorMapping: ACLED_ACTORS,
    }),
  );
  if (truce.value.rejected.length > 0)
    throw new Error(`ACLED import rejected ${JSON.stringify(truce.value.rejected[0])}`);
  const copyRate = (n / copy.ms) * 1000;
  const truceRate = (truce.value.rows / truce.ms) * 1000;
  report({
    name: "import.acled",
    store: storeName,
    n,
    value: round(truceRate),
    unit: "rows/s",
    baseline: round(copyRate),
    ratio: round(truceRate / copyRate),
    note: "validation, an incident and a fatality claim per row, ledger entries and signed heads included",
  });
  const floor = await copyStoredRows(context, ACLED_SLUG);
  const floorRate = (floor.rows / floor.ms) * 1000;
  report({
    name: "import.acled.stored_copy",
    store: storeName,
    n,
    value: round(floorRate),
    unit: "rows/s",
    baseline: round(copyRate),
    ratio: round(floorRate / copyRate),
    note: `raw COPY of what the import stored for ${floor.rows} of its rows (records with their indexes, claim figures, ledger entries and nodes) into empty copies of those tables: the ceiling of any import path; the import ran at ${round(truceRate / floorRate)} of it`,
  });
}

/** The synthetic process the query benchmarks read, through the JSON import path (import.records). */
async function loadSyntheticProcess(context: BenchContext): Promise<void> {
  const { services, storeName, n, report } = context;
  // The generator alone, without a store: the part of import.records that is not the import, and
  // what bench/generate.test.ts leaves to the bench rather than asserting a time.
  const generation = await timed(async () => {
    let count = 0;
    for (const _ of generateProcess({ seed: SEED, incidents: n })) count++;
    return count;
  });
  report({
    name: "generate.records",
    store: storeName,
    n,
    value: round((generation.value / generation.ms) * 1000),
    unit: "records/s",
    baseline: null,
    ratio: null,
    note: `${generation.value} synthetic records generated in memory, nothing stored`,
  });
  await createProcess(services, SYNTHETIC_PROCESS, operatorCaller("test"));
  const load = await timed(() =>
    importRecords(
      services,
      SYNTHETIC_PROCESS.slug,
      (function* () {
        let i = 0;
        for (const record of generateProcess({ seed: SEED, incidents: n }))
          yield { at: String(i++), record };
      })(),
      { principal: operatorCaller("bench"), batchSize: 2000 },
    ),
  );
  if (load.value.rejected.length > 0)
    throw new Error(`synthetic load rejected ${JSON.stringify(load.value.rejected[0])}`);
  report({
    name: "import.records",
    store: storeName,
    n,
    value: round((load.value.created / load.ms) * 1000),
    unit: "records/s",
    baseline: null,
    ratio: null,
    note: `${load.value.created} records (incidents, claims, documents...) through the JSON import path`,
  });
}

/** At most this many rows' stored form is copied (a 10^6 copy would hold gigabytes in memory). */
const FLOOR_SAMPLE = 20_000;

/** The tables an ACLED import writes row by row (the rollups are aggregates, left out). */
const STORED_TABLES = [
  { table: "record", where: "id IN (SELECT record_id FROM sample)" },
  { table: "claim_figure", where: "claim_id IN (SELECT record_id FROM sample)" },
  { table: "ledger_entry", where: "seq < (SELECT max(seq) + 1 FROM sample)" },
  { table: "ledger_node", where: "(index + 1) << level <= (SELECT max(seq) + 1 FROM sample)" },
] as const;

/**
 * Times COPY of the rows an import stored, for its first rows, into empty copies of the tables
 * (same indexes, constraints and generated columns): what writing the stored form costs the store
 * before any validation, hashing or upkeep, so no import path can be faster. The sample is taken
 * from an empty start, with small indexes, so the ceiling it gives is if anything too high.
 */
async function copyStoredRows(
  context: BenchContext,
  slug: string,
): Promise<{ rows: number; ms: number }> {
  const { services } = context;
  const db = services.store.db;
  const sample = `WITH sample AS (SELECT seq, record_id FROM ledger_entry WHERE process_id = '${slug}' AND seq < ${2 * FLOOR_SAMPLE + 1})`;
  const { rows } = await sql<{ count: number }>`${sql.raw(sample)}
    SELECT count(*)::int AS count FROM record
    WHERE process_id = ${slug} AND type = 'incident' AND id IN (SELECT record_id FROM sample)`.execute(
    db,
  );
  let ms = 0;
  for (const { table, where } of STORED_TABLES) {
    const { rows: columns } = await sql<{ name: string }>`
      SELECT column_name AS name FROM information_schema.columns
      WHERE table_name = ${table} AND is_generated = 'NEVER' ORDER BY ordinal_position`.execute(db);
    const list = columns.map((column) => column.name).join(", ");
    const select = `(${sample} SELECT ${list} FROM ${table} WHERE process_id = '${slug}' AND ${where})`;
    const copy = `bench_stored_${table}`;
    await sql.raw(`CREATE TABLE ${copy} (LIKE ${table} INCLUDING ALL)`).execute(db);
    try {
      if (services.store.pglite) {
        const { blob } = await services.store.pglite.query(`COPY ${select} TO '/dev/blob'`);
        if (!blob) throw new Error(`COPY of ${table} gave no data`);
        const start = performance.now();
        await services.store.pglite.query(`COPY ${copy} (${list}) FROM '/dev/blob'`, [], { blob });
        ms += performance.now() - start;
      } else {
        // The server writes and reads the file as its own user: a path it may write to.
        const file = `/tmp/truce-bench-${table}-${process.pid}.copy`;
        await sql.raw(`COPY ${select} TO '${file}'`).execute(db);
        const start = performance.now();
        await sql.raw(`COPY ${copy} (${list}) FROM '${file}'`).execute(db);
        ms += performance.now() - start;
        await rm(file, { force: true }).catch(() => {});
      }
    } finally {
      await sql.raw(`DROP TABLE ${copy}`).execute(db);
    }
  }
  return { rows: rows[0]?.count ?? 0, ms };
}

/** Raw COPY of the CSV into a table of text columns: no validation, no ledger, no indexes. */
async function copyIntoBareTable(context: BenchContext, file: string): Promise<void> {
  const { services } = context;
  const columns = ACLED_COLUMNS.map((c) => `${c} text`).join(", ");
  await sql.raw(`CREATE TABLE acled_bare (${columns})`).execute(services.store.db);
  if (services.store.pglite) {
    const blob = new Blob([await readFile(file)]);
    await services.store.pglite.query(
      "COPY acled_bare FROM '/dev/blob' WITH (FORMAT csv, HEADER true)",
      [],
      { blob },
    );
  } else {
    await sql
      .raw(`COPY acled_bare FROM '${file}' WITH (FORMAT csv, HEADER true)`)
      .execute(services.store.db);
  }
  await sql.raw("DROP TABLE acled_bare").execute(services.store.db);
}
