/**
 * Truce's benchmarks. Each prints one JSON line {name, store, n, value, unit, baseline, ratio}
 * whose baseline is measured in the same run on the same store, so ratios hold on a noisy machine;
 * all lines go to bench/results/latest.json and are appended to bench/results/history.jsonl.
 *
 *   npm run bench                 10^4, 10^5 and 10^6 incidents (long)
 *   npm run bench -- --quick      10^4 incidents, short samples (under two minutes)
 *   npm run bench -- --sizes 100000 --stores postgres
 *   npm run bench -- --quick --only ledger,dashboard
 *
 * --only picks benchmark groups: import (import.acled), list, dashboard, tiles (the query
 * benchmarks), ledger, api, extract. The synthetic load (import.records, after generate.records:
 * the generator alone) always runs: the others read it.
 *
 * PostgreSQL runs use BENCH_DATABASE_URL (or TEST_DATABASE_URL): a database is created and dropped.
 * --keep keeps it (its URL is printed); --reuse URL runs on such a kept database without loading
 * it again (a 10^6 load takes the better part of an hour): give its size with --sizes. With
 * --stores pglite, --keep keeps the embedded store's directory and --reuse takes such a directory.
 */
import {
  appendFileSync,
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createTestDatabase } from "../test/support/stores.ts";
import { runApiReadBench } from "./bench-api-read.ts";
import { runExtractBench, runExtractSpeedBench } from "./bench-extract.ts";
import { runImportBench } from "./bench-import.ts";
import { runLedgerBench } from "./bench-ledger.ts";
import { runQueryBench } from "./bench-queries.ts";
import { runWebBench } from "./bench-web.ts";
import type { BenchResult } from "./measure.ts";
import { openBenchServices } from "./services.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean" },
    sizes: { type: "string" },
    stores: { type: "string" },
    only: { type: "string" },
    keep: { type: "boolean" },
    reuse: { type: "string" },
  },
});
const GROUPS = ["import", "list", "dashboard", "tiles", "ledger", "api", "web", "extract"] as const;
type BenchGroup = (typeof GROUPS)[number];
const only = new Set<BenchGroup>(
  values.only ? (values.only.split(",") as BenchGroup[]) : [...GROUPS],
);
for (const group of only)
  if (!GROUPS.includes(group)) throw new Error(`--only takes ${GROUPS.join(", ")}; got "${group}"`);
const isQuick = values.quick === true;
const sizes = values.sizes
  ? values.sizes.split(",").map(Number)
  : isQuick
    ? [10_000]
    : [10_000, 100_000, 1_000_000];
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const stores = (values.stores ?? (pgUrl ? "pglite,postgres" : "pglite")).split(",") as Array<
  "pglite" | "postgres"
>;

const results: BenchResult[] = [];
const startedAt = new Date().toISOString();
let peakRss = 0;
// Sampled as well as read from the kernel: PGlite answers through promises that never leave the
// microtask queue, so a timer alone can miss a whole import (it reported 412 MB for a PGlite load
// that ps saw at 1.2 GB).
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

/** Starts a new peak: the kernel's high-water mark of resident memory is reset (Linux). */
function resetPeakRss(): void {
  peakRss = process.memoryUsage().rss;
  try {
    writeFileSync("/proc/self/clear_refs", "5");
  } catch {
    // Not Linux, or not allowed: the sampled peak stands alone.
  }
}

/** The peak since resetPeakRss: the kernel's high-water mark where it has one, else the samples. */
function readPeakRss(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kb) return Math.max(peakRss, Number(kb) * 1024);
  } catch {
    // As above.
  }
  return peakRss;
}

function report(result: BenchResult): void {
  results.push(result);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

// Extraction reads text only: its score is the same on every store and size, so it runs once.
if (only.has("extract")) {
  report(runExtractBench());
  report(runExtractSpeedBench());
}

for (const storeName of stores) {
  for (const n of sizes) {
    const reusedDir = storeName === "pglite" ? values.reuse : undefined;
    const dir = reusedDir ?? mkdtempSync(join(tmpdir(), "truce-bench-"));
    // A PostgreSQL server on this machine reads the COPY baseline's file as its own OS user.
    chmodSync(dir, 0o755);
    const reused = storeName === "postgres" ? values.reuse : reusedDir;
    const database =
      storeName === "postgres" && !reused ? await createTestDatabase(pgUrl) : undefined;
    resetPeakRss();
    const services = await openBenchServices(
      storeName,
      dir,
      storeName === "postgres" ? (reused ?? database?.url) : undefined,
    );
    try {
      const context = { services, storeName, n, dir, isQuick, report, only, isLoaded: !!reused };
      await runImportBench(context);
      if (only.has("list") || only.has("dashboard") || only.has("tiles"))
        await runQueryBench(context);
      if (only.has("ledger")) await runLedgerBench(context);
      if (only.has("api")) await runApiReadBench(context);
      if (only.has("web")) await runWebBench(context);
      report({
        name: "memory.peak_rss",
        store: storeName,
        n,
        value: Math.round(readPeakRss() / 1024 / 1024),
        unit: "MB",
        baseline: null,
        ratio: null,
        note: "peak RSS of the benchmark process, which holds the server, its caches and (for PGlite) the database",
      });
    } finally {
      await services.store.close();
      if (values.keep && database) process.stderr.write(`Kept the database ${database.url}\n`);
      else await database?.drop();
      if (values.keep && storeName === "pglite") process.stderr.write(`Kept the store ${dir}\n`);
      else if (!reusedDir) rmSync(dir, { recursive: true, force: true });
    }
  }
}
clearInterval(rssTimer);

const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model,
  memory_gb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
const run = {
  started_at: startedAt,
  finished_at: new Date().toISOString(),
  quick: isQuick,
  ...(values.only ? { only: [...only] } : {}),
  machine,
  results,
};
const resultsDir = new URL("./results/", import.meta.url).pathname;
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, "latest.json"), `${JSON.stringify(run, null, 2)}\n`);
appendFileSync(join(resultsDir, "history.jsonl"), `${JSON.stringify(run)}\n`);
process.stderr.write(`Wrote ${results.length} results to bench/results/latest.json\n`);
