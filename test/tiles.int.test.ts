import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcess } from "../src/core/create-process.ts";
import { importRecords } from "../src/core/import-records.ts";
import type { Services } from "../src/core/services.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { buildApp } from "../src/server/app.ts";
import { injectAs, tokenFor } from "./support/auth.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

/** Tile x, y of a point at a zoom, the textbook way (independent of the cell index). */
function tileOf(lon: number, lat: number, zoom: number): [number, number] {
  const n = 2 ** zoom;
  const rad = (lat * Math.PI) / 180;
  return [
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  ];
}

const POINTS = Array.from({ length: 300 }, (_, i) => {
  const t = (i * 0.618033) % 1;
  return {
    id: `inc-${i}`,
    lon: 44.8 + 1.8 * t + ((i * 37) % 11) / 500,
    lat: 39 + 2.2 * ((i * 0.414213) % 1),
    day: 1 + (i % 28),
  };
});

describe.each(STORE_NAMES)("map tiles on %s", (storeName) => {
  let services: Services;
  let app: FastifyInstance;
  let inject: ReturnType<typeof injectAs>;
  const T = "/api/processes/t/tiles";
  beforeAll(async () => {
    services = await openTestServices(storeName);
    await createProcess(services, { slug: "t", name: "T" }, operatorCaller("test"));
    await importRecords(
      services,
      "t",
      POINTS.map((p) => ({
        at: p.id,
        record: {
          type: "incident",
          id: p.id,
          title: `Incident ${p.id}`,
          kind: p.day % 2 ? "shelling" : "shooting",
          date: { value: `2021-11-${String(p.day).padStart(2, "0")}`, precision: "day" },
          place: { name: "x", precision: "settlement", lat: p.lat, lon: p.lon },
        },
      })),
      { principal: operatorCaller("t") },
    );
    app = await buildApp(services, { rateLimit: 100_000 });
    inject = injectAs(app, await tokenFor(services, "admin"));
  });
  afterAll(async () => {
    await app.close();
    await services.store.close();
  });

  it.each([0, 3, 6, 9, 12])(
    "clusters every point exactly once at zoom %i, on the tile's 8 × 8 grid",
    async (z) => {
      const byTile = new Map<string, typeof POINTS>();
      for (const p of POINTS) {
        const key = tileOf(p.lon, p.lat, z).join("/");
        byTile.set(key, [...(byTile.get(key) ?? []), p]);
      }
      for (const [key, points] of byTile) {
        const response = await inject(`${T}/${z}/${key}`);
        expect(response.statusCode).toBe(200);
        const features = response.json().features as Array<{
          properties: { count: number; id?: string };
        }>;
        expect(features.reduce((sum, f) => sum + f.properties.count, 0)).toBe(points.length);
        const groups = new Map<string, string[]>();
        for (const p of points) {
          const cell = tileOf(p.lon, p.lat, z + 3).join("/");
          groups.set(cell, [...(groups.get(cell) ?? []), p.id]);
        }
        expect(features.map((f) => f.properties.count).sort((a, b) => a - b)).toEqual(
          [...groups.values()].map((g) => g.length).sort((a, b) => a - b),
        );
        const singles = [...groups.values()].filter((g) => g.length === 1).map((g) => g[0]);
        expect(
          features
            .filter((f) => f.properties.count === 1)
            .map((f) => f.properties.id)
            .sort(),
        ).toEqual(singles.sort());
      }
    },
  );

  it("filters tiles like lists", async () => {
    const [x, y] = tileOf(POINTS[0]?.lon ?? 0, POINTS[0]?.lat ?? 0, 2);
    const count = async (query: string) =>
      (
        (await inject(`${T}/2/${x}/${y}${query}`)).json().features as Array<{
          properties: { count: number };
        }>
      ).reduce((sum, f) => sum + f.properties.count, 0);
    expect(await count("")).toBe(300);
    expect(await count("?kind=shelling")).toBe(POINTS.filter((p) => p.day % 2).length);
    expect(await count("?from=2021-11-10&to=2021-11-12")).toBe(
      POINTS.filter((p) => p.day >= 10 && p.day <= 12).length,
    );
    expect((await inject(`${T}/2/9/9`)).statusCode).toBe(400);
    expect((await inject(`${T}/2/1/1?type=spaceship`)).statusCode).toBe(400);
  });

  it("serves a repeated tile from the cache, answers 304 to its ETag, and changes when an incident does", async () => {
    const [x, y] = tileOf(POINTS[0]?.lon ?? 0, POINTS[0]?.lat ?? 0, 4);
    const url = `${T}/4/${x}/${y}`;
    const first = await inject(url);
    const again = await inject(url);
    expect(again.body).toBe(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(
      (await inject({ url, headers: { "if-none-match": String(first.headers.etag) } })).statusCode,
    ).toBe(304);

    const moved = await inject(`/api/processes/t/incidents/inc-0`);
    const record = moved.json();
    // What GET gave is PUT back with one change: read-only fields are ignored.
    const response = await inject({
      method: "PUT",
      url: `/api/processes/t/incidents/inc-0`,
      headers: { "if-match": String(moved.headers.etag) },
      payload: { ...record, place: { ...record.place, lon: 10, lat: 10 } },
    });
    expect(response.statusCode).toBe(200);
    const after = await inject(url);
    expect(after.headers.etag).not.toBe(first.headers.etag);
    const total = (body: string) =>
      (JSON.parse(body).features as Array<{ properties: { count: number } }>).reduce(
        (s, f) => s + f.properties.count,
        0,
      );
    expect(total(after.body)).toBe(total(first.body) - 1);
  });

  it("sums low-zoom tiles from the rollup exactly as grouping the points does, after edits and deletes", async () => {
    // Move, re-kind, hide and delete some incidents so the rollup has been adjusted every way.
    for (const [i, change] of [
      [5, { place: { name: "moved", precision: "exact", lat: 41.2, lon: 44.1 } }],
      [6, { kind: "armed_clash" }],
      [7, { visibility: "confidential" }],
      [8, { visibility: "restricted", restricted_to: "X" }],
      // A few metres: the same cell at every level, so only the rollups' coordinate sums change.
      [
        10,
        {
          place: {
            name: "nudged",
            precision: "exact",
            lat: (POINTS[10]?.lat ?? 0) + 0.00001,
            lon: (POINTS[10]?.lon ?? 0) + 0.00001,
          },
        },
      ],
    ] as const) {
      const current = await inject(`/api/processes/t/incidents/inc-${i}`);
      if (i === 8) {
        await inject({
          method: "POST",
          url: "/api/processes/t/actors",
          payload: { id: "X", name: "X", roles: ["party"] },
        });
      }
      const response = await inject({
        method: "PUT",
        url: `/api/processes/t/incidents/inc-${i}`,
        headers: { "if-match": String(current.headers.etag) },
        payload: { ...(current.json() as Record<string, unknown>), ...change },
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    const doomed = await inject("/api/processes/t/incidents/inc-9");
    const deleted = await inject({
      method: "DELETE",
      url: "/api/processes/t/incidents/inc-9",
      headers: { "if-match": String(doomed.headers.etag) },
    });
    expect(deleted.statusCode, deleted.body).toBe(204);

    const { getTile } = await import("../src/core/get-tile.ts");
    const { OPERATOR, PUBLIC } = await import("../src/domain/access.ts");
    for (const viewer of [OPERATOR, PUBLIC, { role: "delegate" as const, party: "X" }]) {
      // Up to zoom 9 the zoom-12 rollup answers, at 10 to 13 the finer ones (zoom-14 and zoom-16
      // cells), at 14 the points: tiles holding several points are taken at each of those zooms.
      const tiles = [0, 2, 5, 7, 9].map((z) => [z, ...tileOf(45.5, 40, z)] as const);
      for (const z of [10, 11, 12, 13, 14]) {
        const keys = new Set(POINTS.slice(0, 40).map((p) => tileOf(p.lon, p.lat, z).join("/")));
        keys.add(tileOf(44.1, 41.2, z).join("/")); // where inc-5 moved to
        for (const key of keys)
          tiles.push([z, ...(key.split("/").map(Number) as [number, number])]);
      }
      for (const [z, x, y] of tiles) {
        for (const filter of [{}, { kind: "shelling" }]) {
          const rolled = await getTile(services, "t", { z, x, y }, filter, viewer);
          // A date filter takes the plain path over the points themselves.
          const plain = await getTile(
            services,
            "t",
            { z, x, y },
            { ...filter, from: "1900", to: "2100" },
            viewer,
          );
          const summary = (fc: typeof rolled) =>
            fc.features
              .map((f) => ({
                count: Number(f.properties.count),
                id: f.properties.id ?? null,
                lon: f.geometry.coordinates[0].toFixed(4),
              }))
              .sort((a, b) => a.lon.localeCompare(b.lon) || a.count - b.count);
          expect(summary(rolled)).toEqual(summary(plain));
        }
      }
    }
    // The finer rollups as migration 011 computes them from the records equal those the writes kept.
    const { listMigrations } = await import("../src/store/migrate.ts");
    const migration = listMigrations().find((m) => m.name.startsWith("011_"))?.sql ?? "";
    const start = migration.indexOf("SELECT process_id");
    const backfill = migration.slice(start, migration.indexOf(";", start));
    const rows = async (query: string) =>
      (
        await sql
          .raw<Record<string, unknown>>(
            `SELECT process_id, type, shift, cell::text, visibility, restricted_to, count,
               round(sum_lon::numeric, 9)::text AS lon, round(sum_lat::numeric, 9)::text AS lat
             FROM (${query}) AS r(process_id, type, shift, cell, visibility, restricted_to, count,
               sum_lon, sum_lat) ORDER BY 1, 2, 3, 4, 5, 6`,
          )
          .execute(services.store.db)
      ).rows;
    const kept = await rows("SELECT * FROM tile_rollup_level");
    expect(kept.length).toBeGreaterThan(POINTS.length);
    expect(kept).toEqual(await rows(backfill));
  });
});
