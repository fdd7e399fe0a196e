import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadReferenceProcess } from "../src/core/load-reference-process.ts";
import type { Services } from "../src/core/services.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { ACLED_COLUMNS } from "../src/ingest/acled.ts";
import { UCDP_COLUMNS } from "../src/ingest/ucdp.ts";
import { buildApp } from "../src/server/app.ts";
import { injectAs, tokenFor } from "./support/auth.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const P = "/api/processes/armenia-azerbaijan";

// Invented rows in ACLED's columns; the places are real, the events are not.
const GOOD_ROWS = [
  "ARM91001,2024-03-14,2024,1,Political violence,Battles,Armed clash," +
    "Armenia,,1,Azerbaijan,,1,11,,51,Caucasus and Central Asia,Armenia,Syunik,Goris,,Tegh," +
    "39.5612,46.4810,1,Fixture Wire,National,Invented: an exchange of fire near Tegh.,2,,1710500000",
  "AZE96001,2025-01-09,2025,1,Political violence,Explosions/Remote violence,Air/drone strike," +
    "Azerbaijan,,State forces,Armenia,,State forces,State forces-State forces,,31," +
    "Caucasus and Central Asia,Azerbaijan,Kalbajar,Kalbajar,,Kalbajar,40.1098,46.0389,2," +
    "Fixture Ministry,National,Invented: a drone was said to have struck a position.,0,,1736500000",
];
const ACLED_FILE = `${[ACLED_COLUMNS.join(","), ...GOOD_ROWS].join("\n")}\n`;

describe.each(STORE_NAMES)("POST /imports on %s", (storeName) => {
  let services: Services;
  let app: FastifyInstance;
  let asMonitor: ReturnType<typeof injectAs>;

  // Each test has a store of its own with the example loaded: no test sees another's imports.
  beforeEach(async () => {
    services = await openTestServices(storeName);
    await loadReferenceProcess(services, operatorCaller("test"));
    app = await buildApp(services, { rateLimit: 100_000 });
    asMonitor = injectAs(app, await tokenFor(services, "monitor"));
  });
  afterEach(async () => {
    await app?.close();
    await services?.store.close();
  });

  const upload = (format: string, body: string, as = asMonitor, type = "text/csv") =>
    as({
      method: "POST",
      url: `${P}/imports?format=${format}`,
      headers: { "content-type": type },
      payload: body,
    });

  it("imports an ACLED file and answers with the summary; the same file again changes nothing", async () => {
    const first = await upload("acled", ACLED_FILE);
    expect(first.statusCode, first.body).toBe(200);
    // The ACLED source, then an incident and a claim per row.
    expect(first.json()).toEqual({
      read: 5,
      created: 5,
      updated: 0,
      unchanged: 0,
      rejected: [],
      rows: 2,
      // The example process lists Armenia and Azerbaijan, where both rows are.
      outside_countries: {},
      // Both rows' places are in the example's own gazetteer, and are named after its records.
      places_matched: 2,
    });
    const incident = await asMonitor(`${P}/incidents/acled-ARM91001`);
    expect(incident.statusCode).toBe(200);
    expect(incident.json()).toMatchObject({
      kind: "armed_clash",
      place: { name: "Tegh", place_id: "plc-tegh" },
    });

    const again = await upload("acled", ACLED_FILE);
    expect(again.json()).toMatchObject({ read: 5, created: 0, updated: 0, unchanged: 5 });
  });

  it("answers the rows outside the process's countries, imported all the same", async () => {
    const file = readFileSync(new URL("./fixtures/countries/acled.csv", import.meta.url), "utf8");
    const response = await upload("acled", file);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      rows: 5,
      rejected: [],
      outside_countries: { CO: 2, UA: 1, VE: 1 },
      unknown_countries: { Kosovo: 1 },
    });
    expect((await asMonitor(`${P}/incidents/acled-UKR90003`)).json()).toMatchObject({
      place: { country: "UA" },
    });
  });

  it("rejects malformed rows by line and imports the good ones", async () => {
    const file = [
      ACLED_COLUMNS.join(","),
      GOOD_ROWS[0]?.replaceAll("ARM91001", "ARM91002"),
      GOOD_ROWS[0]?.replaceAll("ARM91001", "ARM91003").replace("2024-03-14", "2024-03-32"),
      "ARM91004,2024-03-15,2024,1",
      GOOD_ROWS[1]?.replaceAll("AZE96001", "AZE96002"),
    ].join("\n");
    const response = await upload("acled", file);
    expect(response.statusCode, response.body).toBe(200);
    const summary = response.json();
    expect(summary.rejected).toEqual([
      {
        at: "line 3",
        id: "ARM91003",
        reason: expect.stringContaining('event_date: "2024-03-32"'),
      },
      { at: "line 4", reason: expect.stringContaining("expected 31 fields") },
    ]);
    // Two good rows: the ACLED source, then two incidents and two claims.
    expect(summary).toMatchObject({ created: 5, unchanged: 0, rows: 4 });
    expect((await asMonitor(`${P}/incidents/acled-AZE96002`)).statusCode).toBe(200);
  });

  it("refuses a file none of whose rows can be read with a 422 naming the line, and writes nothing", async () => {
    const head = async () => (await asMonitor(`${P}/ledger/head`)).json().tree_size as number;
    const before = await head();
    const response = await upload("ucdp", "id,when,where\n1,2,3\n");
    expect(response.statusCode, response.body).toBe(422);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json().issues[0]).toMatchObject({
      path: "line 1",
      message: expect.stringContaining("the header lacks the columns"),
    });
    // Rows that are read but each rejected: the summary, and still nothing written, not even
    // the dataset's source.
    const blankRow = ",".repeat(UCDP_COLUMNS.length - 1);
    const ucdp = [UCDP_COLUMNS.join(","), blankRow, blankRow].join("\n");
    const rejected = await upload("ucdp", ucdp);
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ created: 0, updated: 0 });
    expect(rejected.json().rejected).toHaveLength(2);
    expect(await head()).toBe(before);
    expect((await asMonitor(`${P}/sources/src-ucdp-ged`)).statusCode).toBe(404);
  });

  it("imports a Truce JSON array and a GeoJSON FeatureCollection", async () => {
    const source = { type: "source", id: "src-upload-1", title: "Uploaded", kind: "other" };
    const json = await upload("json", JSON.stringify([source]), asMonitor, "application/json");
    expect(json.json()).toMatchObject({ created: 1, rejected: [] });
    const feature = {
      type: "Feature",
      geometry: null,
      properties: { ...source, id: "src-upload-2" },
    };
    const geojson = await upload(
      "geojson",
      JSON.stringify({ type: "FeatureCollection", features: [feature] }),
      asMonitor,
      "application/geo+json",
    );
    expect(geojson.json()).toMatchObject({ created: 1, rejected: [] });
  });

  it("rejects what the caller may not write, record by record", async () => {
    const asViewer = injectAs(app, await tokenFor(services, "viewer"));
    const response = await upload("acled", ACLED_FILE.replaceAll("ARM91001", "ARM91009"), asViewer);
    expect(response.statusCode).toBe(200);
    const summary = response.json();
    expect(summary.created).toBe(0);
    expect(summary.rejected.length).toBeGreaterThan(0);
  });

  it("answers 401 to the public and 400 naming a bad format", async () => {
    const anonymous = injectAs(app, undefined);
    const publicResponse = await upload("acled", ACLED_FILE, anonymous);
    expect(publicResponse.statusCode).toBe(401);
    expect(publicResponse.headers["content-type"]).toContain("application/problem+json");

    const bad = await upload("xlsx", ACLED_FILE);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe("format");
    const missing = await asMonitor({
      method: "POST",
      url: `${P}/imports`,
      headers: { "content-type": "text/csv" },
      payload: ACLED_FILE,
    });
    expect(missing.statusCode).toBe(400);
  });

  it("answers 413 to a file over the limit without reading it", async () => {
    const response = await asMonitor({
      method: "POST",
      url: `${P}/imports?format=acled`,
      headers: { "content-type": "text/csv", "content-length": String(200 * 1024 * 1024) },
      payload: ACLED_FILE,
    });
    expect(response.statusCode).toBe(413);
  });
});
