import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcess } from "../src/core/create-process.ts";
import { exportRecords } from "../src/core/export-records.ts";
import type { Services } from "../src/core/services.ts";
import { OPERATOR, operatorCaller } from "../src/domain/access.ts";
import { kindByPath, registerKind } from "../src/domain/kinds/index.ts";
import { writeGeoJson } from "../src/ingest/geojson.ts";
import { writeRecordsCsv } from "../src/ingest/records-csv.ts";
import { buildApp } from "../src/server/app.ts";
import { sightingKind } from "./fixtures/kinds/sighting/sighting.kind.ts";
import { injectAs, tokenFor } from "./support/auth.ts";
import { openTestServices } from "./support/stores.ts";

// A kind is one module: registered before the server starts, it is routed, documented,
// permitted, listed, exported and shown with no other change anywhere.
registerKind(sightingKind);

const P = "/api/processes/throwaway";

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe("a kind added as one module (test/fixtures/kinds/sighting/)", () => {
  let services: Services;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let asMonitor: ReturnType<typeof injectAs>;
  let asDelegate: ReturnType<typeof injectAs>;
  let sightingId: string;

  beforeAll(async () => {
    services = await openTestServices("pglite");
    await createProcess(
      services,
      { slug: "throwaway", name: "A throwaway process" },
      operatorCaller("test"),
    );
    app = await buildApp(services, { rateLimit: 100_000 });
    const admin = injectAs(app, await tokenFor(services, "admin"));
    const actor = await admin({
      method: "POST",
      url: `${P}/actors`,
      payload: { id: "MON", name: "A monitoring mission", roles: ["monitor"] },
    });
    expect(actor.statusCode, actor.body).toBe(201);
    asMonitor = injectAs(app, await tokenFor(services, "monitor"));
    asDelegate = injectAs(app, await tokenFor(services, "delegate", { party: "MON" }));
  });
  afterAll(async () => {
    await app?.close();
    await services?.store.close();
  });

  it("is created by those its access names, and refused to the others", async () => {
    const payload = {
      date: { value: "2026-11-30", precision: "day" },
      what: "convoy",
      place: { name: "Hill 402", precision: "exact", lat: 40.1, lon: 45.2 },
      vehicles: 12,
      observer: "MON",
    };
    const created = await asMonitor({ method: "POST", url: `${P}/sightings`, payload });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ type: "sighting", what: "convoy", vehicles: 12 });
    sightingId = created.json().id;

    const refused = await asDelegate({ method: "POST", url: `${P}/sightings`, payload });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain("delegate");

    const bad = await asMonitor({
      method: "POST",
      url: `${P}/sightings`,
      payload: { ...payload, observer: "NOBODY" },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().issues[0].path).toBe("observer");
  });

  it("is listed, filtered by its own values, and shown", async () => {
    const list = await asMonitor(`${P}/sightings?kind=convoy`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([sightingId]);
    const mistyped = await asMonitor(`${P}/sightings?kind=tank`);
    expect(mistyped.statusCode).toBe(400);
    expect(mistyped.body).toContain("heavy_weapons");

    const shown = await asMonitor(`${P}/sightings/${sightingId}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ id: sightingId, observer: "MON", version: 1 });
  });

  it("is in the API's documentation", async () => {
    const openapi = (await app.inject("/api/openapi.json")).json();
    expect(Object.keys(openapi.paths)).toContain("/api/processes/{slug}/sightings/{id}");
    expect(openapi.paths["/api/processes/{slug}/sightings"].get.description).toContain(
      "What monitors saw moving near the line",
    );
  });

  it("is exported as JSON, as CSV with its own columns, and as GeoJSON at its place", async () => {
    const viewer = OPERATOR;
    const records = await collect(exportRecords(services, "throwaway", viewer, ["sighting"]));
    expect(records.map((r) => r.id)).toEqual([sightingId]);

    const csv = (
      await collect(
        writeRecordsCsv(sightingKind, exportRecords(services, "throwaway", viewer, ["sighting"])),
      )
    ).join("");
    const [header, row] = csv.trim().split("\n");
    expect(header).toContain("what,place,vehicles,observer");
    expect(row).toContain("convoy");

    const geojson = JSON.parse(
      (
        await collect(writeGeoJson(exportRecords(services, "throwaway", viewer, ["sighting"])))
      ).join(""),
    );
    expect(geojson.features[0].geometry).toEqual({ type: "Point", coordinates: [45.2, 40.1] });
  });

  it("says how its list shows it, for the list page", () => {
    expect(kindByPath("sightings")?.list.columns).toEqual([
      "date",
      "what",
      "place",
      "vehicles",
      "observer",
    ]);
  });
});
