import type { FastifyInstance } from "fastify";
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
    expect(
      (await inject({ method: "DELETE", url: "/api/processes/t/incidents/inc-9" })).statusCode,
    ).toBe(204);

    const { getTile } = await import("../src/core/get-tile.ts");
    const { OPERATOR, PUBLIC } = await import("../src/domain/access.ts");
    for (const viewer of [OPERATOR, PUBLIC, { role: "delegate" as const, party: "X" }]) {
      for (const z of [0, 2, 5, 7, 9]) {
        const [x, y] = tileOf(45.5, 40, z);
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
  });
});
