import { createReadStream, createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
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
}

/** The synthetic process the query benchmarks read, through the JSON import path (import.records). */
async function loadSyntheticProcess(context: BenchContext): Promise<void> {
  const { services, storeName, n, report } = context;
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
