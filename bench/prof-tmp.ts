import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { generateProcess, SYNTHETIC_PROCESS } from "/work/main/bench/generate.ts";
import { openBenchServices } from "/work/main/bench/services.ts";
import { createProcess } from "/work/main/src/core/create-process.ts";
import { importRecords } from "/work/main/src/core/import-records.ts";

const n = Number(process.argv[2] ?? 10000);
const admin = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/test" });
await admin.connect();
await admin.query("DROP DATABASE IF EXISTS benchscratch WITH (FORCE)");
await admin.query("CREATE DATABASE benchscratch");
await admin.end();
const dir = mkdtempSync(join(tmpdir(), "prof-"));
chmodSync(dir, 0o755);
const services = await openBenchServices(
  "postgres",
  dir,
  "postgres://postgres@127.0.0.1:5432/benchscratch",
);
await createProcess(services, SYNTHETIC_PROCESS);
const t = performance.now();
const s = await importRecords(
  services,
  "synthetic",
  (function* () {
    let i = 0;
    for (const record of generateProcess({ seed: 20201109, incidents: n }))
      yield { at: String(i++), record };
  })(),
  { principal: "p", batchSize: 2000 },
);
console.log("import ms", performance.now() - t, s.created, s.rejected.length);
await services.store.close();
