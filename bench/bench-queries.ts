import { rollupWindowOf } from "../src/core/get-stats.ts";
import { boundsOf } from "../src/core/query-params.ts";
import { OPERATOR } from "../src/domain/access.ts";
import { OverviewMemory } from "../src/read-model/overview-memory.ts";
import { buildApp } from "../src/server/app.ts";
import {
  rollupClaimedFigures,
  rollupIncidentCounts,
  rollupIncidentsByActor,
} from "../src/store/dashboard.repository.ts";
import { claimedFigures, incidentCounts, incidentsByActor } from "../src/store/stats.repository.ts";
import { BORDER_LINE, mulberry32, SYNTHETIC_PROCESS } from "./generate.ts";
import { percentile, round, sample, samplePair, timed } from "./measure.ts";
import type { BenchContext } from "./services.ts";

const P = `/api/processes/${SYNTHETIC_PROCESS.slug}`;

/** A random window of `days` days between 2020-09 and 2024-12, as YYYY-MM-DD bounds. */
function window(random: () => number, days: number): { from: string; to: string } {
  const start = Date.UTC(2020, 8, 1) + Math.floor(random() * (1550 - days)) * 86_400_000;
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  return { from: day(start), to: day(start + days * 86_400_000) };
}

/** A random box around a point of the border line, `size` degrees wide. */
function box(random: () => number, size: number): string {
  const [lon, lat] = BORDER_LINE[Math.floor(random() * BORDER_LINE.length)] ?? [45.5, 40];
  const west = lon - size / 2 + (random() - 0.5) * 0.2;
  const south = lat - size / 2 + (random() - 0.5) * 0.2;
  return [west, south, west + size, south + size].map((v) => v.toFixed(3)).join(",");
}

function tileAt(lon: number, lat: number, z: number): string {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return `${z}/${x}/${y}`;
}

/**
 * query.list, query.dashboard and map.tiles over the synthetic process, through the API
 * (Fastify's inject: server time without the network), each request with fresh parameters so
 * that no response comes from the cache unless the benchmark says so.
 */
export async function runQueryBench(context: BenchContext): Promise<void> {
  const { services, storeName, n, isQuick, report } = context;
  const app = await buildApp(services, { rateLimit: 10_000_000 });
  // Fewer samples at 10^6, where one uncached dashboard takes seconds: the run must end the same day.
  const count = isQuick ? 60 : n >= 1_000_000 ? 30 : 200;
  try {
    const random = mulberry32(7);
    const { only } = context;
    const list = await sample(only.has("list") ? count : 0, async () => {
      const { from, to } = window(random, 90);
      const response = await app.inject(
        `${P}/incidents?bbox=${box(random, 1)}&from=${from}&to=${to}&q=shelling&limit=50`,
      );
      if (response.statusCode !== 200) throw new Error(response.body);
    });
    if (only.has("list"))
      report({
        name: "query.list",
        store: storeName,
        n,
        value: round(percentile(list, 95)),
        unit: "ms p95",
        baseline: round(percentile(list, 50)),
        ratio: null,
        note: "bbox 1°, 90 days, full text, 50 per page; baseline holds the p50",
      });

    // The dashboard through the API, the same SQL called directly (the rollups, decisions 0011 and
    // 0019), and the plain SQL over every incident in the window, all on the same windows.
    const windows = Array.from({ length: count + 3 }, () => ({
      ...window(random, 365),
      bbox: box(random, 2),
    }));
    const dashboardCount = only.has("dashboard") ? count : 0;
    const filtersOf = (i: number) => {
      const w = windows[i + 3] as (typeof windows)[number];
      const [west = 0, south = 0, east = 0, north = 0] = w.bbox.split(",").map(Number);
      return {
        from: boundsOf(w.from).start,
        to: boundsOf(w.to).end,
        bbox: { west, south, east, north },
      };
    };
    const db = services.store.db;
    const slug = SYNTHETIC_PROCESS.slug;
    const inMemory = await memoryApp(context);
    const viaApi = (server: typeof app) => async (i: number) => {
      const w = windows[i + 3] as (typeof windows)[number];
      const response = await server.inject(`${P}/stats?from=${w.from}&to=${w.to}&bbox=${w.bbox}`);
      if (response.statusCode !== 200) throw new Error(response.body);
    };
    const directSql = async (i: number) => {
      const filters = filtersOf(i);
      const rollup = rollupWindowOf(filters);
      if (!rollup) throw new Error("the benchmark's windows should be answered from the rollups");
      await Promise.all([
        rollupIncidentCounts(db, slug, OPERATOR, filters, rollup),
        rollupIncidentsByActor(db, slug, OPERATOR, filters, rollup),
        rollupClaimedFigures(db, slug, OPERATOR, filters, rollup),
      ]);
    };
    // Each way alternates with the direct SQL which goes first on a window (samplePair): the one
    // measured second would otherwise always find the pages the first just read.
    const [fromMemory, directBeside] = await samplePair(
      dashboardCount,
      viaApi(inMemory.app),
      directSql,
    );
    const [api, direct] = await samplePair(dashboardCount, viaApi(app), directSql);
    const plain = await sample(dashboardCount, async (i) => {
      const filters = filtersOf(i);
      await Promise.all([
        incidentCounts(db, slug, OPERATOR, filters),
        incidentsByActor(db, slug, OPERATOR, filters),
        claimedFigures(db, slug, OPERATOR, filters),
      ]);
    });
    await inMemory.app.close();
    if (only.has("dashboard"))
      report({
        name: "query.dashboard.index_build",
        store: storeName,
        n,
        value: round(inMemory.buildMs),
        unit: "ms",
        baseline: round(inMemory.heapMb),
        ratio: null,
        note: "building the overview's in-memory index (decision 0020); baseline holds the heap it added, MB",
      });
    for (const p of only.has("dashboard") ? [50, 95] : []) {
      report({
        name: `query.dashboard.p${p}`,
        store: storeName,
        n,
        value: round(percentile(fromMemory, p)),
        unit: "ms",
        baseline: round(percentile(directBeside, p)),
        ratio: round(percentile(fromMemory, p) / percentile(directBeside, p)),
        note: "one year, 2° box, through the API as truce serve answers it (the in-memory index); baseline: the rollups' SQL called directly",
      });
      report({
        name: `query.dashboard.rollups.p${p}`,
        store: storeName,
        n,
        value: round(percentile(api, p)),
        unit: "ms",
        baseline: round(percentile(direct, p)),
        ratio: round(percentile(api, p) / percentile(direct, p)),
        note: "the same windows through the API without the index (the rollups); baseline: the same SQL called directly",
      });
      report({
        name: `query.dashboard.plain.p${p}`,
        store: storeName,
        n,
        value: round(percentile(plain, p)),
        unit: "ms",
        baseline: round(percentile(api, p)),
        ratio: round(percentile(plain, p) / percentile(api, p)),
        note: "the plain SQL over every incident in the window; baseline: the API on the rollups",
      });
    }

    if (!only.has("tiles")) return;
    // Tiles at every zoom around the data: first uncached, then the same tiles again from cache.
    const tiles = Array.from({ length: count }, () => {
      const [lon, lat] = BORDER_LINE[Math.floor(random() * BORDER_LINE.length)] ?? [45.5, 40];
      return tileAt(
        lon + (random() - 0.5) * 0.3,
        lat + (random() - 0.5) * 0.3,
        Math.floor(random() * 15),
      );
    });
    const cold = await sample(
      count,
      async (i) => {
        const response = await app.inject(`${P}/tiles/${tiles[Math.max(0, i)]}`);
        if (response.statusCode !== 200) throw new Error(response.body);
      },
      0,
    );
    const warm = await sample(
      count,
      async (i) => {
        await app.inject(`${P}/tiles/${tiles[Math.max(0, i)]}`);
      },
      0,
    );
    report({
      name: "map.tiles.uncached",
      store: storeName,
      n,
      value: round(percentile(cold, 95)),
      unit: "ms p95",
      baseline: round(percentile(cold, 50)),
      ratio: null,
      note: "zoom 0-14 around the border; baseline holds the p50",
    });
    report({
      name: "map.tiles.cached",
      store: storeName,
      n,
      value: round(percentile(warm, 95)),
      unit: "ms p95",
      baseline: round(percentile(cold, 95)),
      ratio: round(percentile(warm, 95) / percentile(cold, 95)),
      note: "the same tiles again; baseline: uncached p95",
    });
  } finally {
    await app.close();
  }
}

/**
 * An app over the same store whose overview answers from the in-memory index, as `truce serve`
 * runs it, with the index built before measuring: how long that took and the heap it added.
 */
async function memoryApp(context: BenchContext) {
  const { services, only } = context;
  const overviews = new OverviewMemory();
  const app = await buildApp({ ...services, overviews }, { rateLimit: 10_000_000 });
  if (!only.has("dashboard")) return { app, buildMs: 0, heapMb: 0 };
  const heap = () => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const before = heap();
  const build = await timed(() => overviews.warm(services.store.db, SYNTHETIC_PROCESS.slug));
  if (!build.value) throw new Error("the overview's index was not built");
  return { app, buildMs: build.ms, heapMb: (heap() - before) / 2 ** 20 };
}
