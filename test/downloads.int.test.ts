import { parse } from "csv-parse/sync";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcess } from "../src/core/create-process.ts";
import { importRecords } from "../src/core/import-records.ts";
import type { Services } from "../src/core/services.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { buildApp } from "../src/server/app.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

// More than a page holds (500) and more than a download reads at once (1000): every batch boundary
// is crossed. Every fifth is confidential, every third shelling, the rest shooting.
const INCIDENTS = Array.from({ length: 2300 }, (_, i) => ({
  type: "incident",
  id: `inc-${String(i).padStart(4, "0")}`,
  title: `Incident ${i}`,
  kind: i % 3 === 0 ? "shelling" : "shooting",
  date: { value: `2021-${String(1 + (i % 12)).padStart(2, "0")}-15`, precision: "day" },
  place: { name: "x", precision: "exact", lon: 45 + (i % 100) / 100, lat: 40 },
  visibility: i % 5 === 0 ? "confidential" : "public",
}));

/** The ids the public may see among those kept, in list order: by date, then id. */
const expected = (keep: (i: number) => boolean) =>
  INCIDENTS.filter((_, i) => i % 5 !== 0 && keep(i))
    .sort((a, b) => a.date.value.localeCompare(b.date.value) || a.id.localeCompare(b.id))
    .map((record) => record.id);

describe.each(STORE_NAMES)("downloads of a list on %s", (storeName) => {
  let services: Services;
  let app: FastifyInstance;
  beforeAll(async () => {
    services = await openTestServices(storeName);
    await createProcess(services, { slug: "d", name: "D" }, operatorCaller("test"));
    const summary = await importRecords(
      services,
      "d",
      INCIDENTS.map((record) => ({ at: record.id, record })),
      { principal: operatorCaller("t") },
    );
    expect(summary.rejected).toEqual([]);
    app = await buildApp(services);
  });
  afterAll(async () => {
    await app.close();
    await services.store.close();
  });

  it("answers ?format=csv with every row the public may see, streamed, not one page", async () => {
    const response = await app.inject("/api/processes/d/incidents?format=csv");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="d-incidents.csv"');
    const rows = parse(response.body, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.id)).toEqual(expected(() => true));
    expect(rows[0]).toMatchObject({ id: "inc-0012", type: "incident", kind: "shelling" });
    expect(JSON.parse(rows[0]?.date ?? "")).toEqual({ value: "2021-01-15", precision: "day" });
  });

  it("takes the list's filters and its order, and Accept: text/csv as ?format=csv", async () => {
    const response = await app.inject({
      url: "/api/processes/d/incidents?kind=shooting&from=2021-03&to=2021-12&order=desc",
      headers: { accept: "text/csv" },
    });
    expect(response.statusCode).toBe(200);
    const ids = (parse(response.body, { columns: true }) as Array<{ id: string }>).map(
      (row) => row.id,
    );
    // Newest first; more than one batch of the store's.
    const want = expected((i) => i % 3 !== 0 && 1 + (i % 12) >= 3).reverse();
    expect(ids).toEqual(want);
    expect(ids.length).toBeGreaterThan(1000);
  });

  it("answers ?format=geojson and Accept: application/geo+json with a FeatureCollection", async () => {
    for (const request of [
      { url: "/api/processes/d/incidents?format=geojson&kind=shelling" },
      {
        url: "/api/processes/d/incidents?kind=shelling",
        headers: { accept: "application/geo+json" },
      },
    ]) {
      const response = await app.inject(request);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe("application/geo+json; charset=utf-8");
      const collection = JSON.parse(response.body) as {
        type: string;
        features: Array<{ id: string; geometry: { type: string }; properties: { id: string } }>;
      };
      expect(collection.type).toBe("FeatureCollection");
      expect(collection.features.map((f) => f.id)).toEqual(expected((i) => i % 3 === 0));
      expect(collection.features[0]?.geometry.type).toBe("Point");
    }
  });

  it("downloads what the caller may see: the operator's token gets the confidential ones too", async () => {
    const { addUser } = await import("../src/core/accounts.ts");
    const { token } = await addUser(
      services,
      { email: `mediator-${storeName}@test.example`, role: "mediator" },
      { token: true },
    );
    const response = await app.inject({
      url: "/api/processes/d/incidents?format=csv",
      headers: { authorization: `Bearer ${token}` },
    });
    const rows = parse(response.body, { columns: true }) as Array<{ id: string }>;
    expect(rows.length).toBe(INCIDENTS.length);
  });

  it("still answers a page of JSON to a browser's Accept and to none", async () => {
    for (const accept of [undefined, "text/html,application/xhtml+xml,*/*;q=0.8"]) {
      const response = await app.inject({
        url: "/api/processes/d/incidents?limit=10",
        headers: accept ? { accept } : {},
      });
      expect(response.statusCode).toBe(200);
      const page = response.json() as { items: unknown[]; next_cursor: string | null };
      expect(page.items).toHaveLength(10);
      expect(page.next_cursor).not.toBeNull();
    }
  });

  it("refuses a bad format or filter as a problem before any file is sent", async () => {
    const format = await app.inject("/api/processes/d/incidents?format=xml");
    expect(format.statusCode).toBe(400);
    expect(format.json().issues[0].path).toBe("format");
    const kind = await app.inject("/api/processes/d/incidents?format=csv&kind=picnic");
    expect(kind.statusCode).toBe(400);
    expect(kind.headers["content-type"]).toContain("application/problem+json");
    expect(kind.json().issues[0].path).toBe("kind");
    const missing = await app.inject("/api/processes/nowhere/incidents?format=csv");
    expect(missing.statusCode).toBe(404);
  });
});
