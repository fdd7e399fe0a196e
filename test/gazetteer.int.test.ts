import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRecord } from "../src/core/create-record.ts";
import { getRecord } from "../src/core/get-record.ts";
import { importAcled } from "../src/core/import-acled.ts";
import { loadReferenceProcess, REFERENCE_SLUG } from "../src/core/load-reference-process.ts";
import type { Services } from "../src/core/services.ts";
import { OPERATOR, operatorCaller } from "../src/domain/access.ts";
import { readAcledCsv } from "../src/ingest/acled.ts";
import { buildApp } from "../src/server/app.ts";
import { tokenFor } from "./support/auth.ts";
import { sampleInput } from "./support/factories.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const P = `/api/processes/${REFERENCE_SLUG}/gazetteer`;
type Hit = { source: string; id?: string; name: string; label: string; matched?: string };

// Two invented ACLED rows: one at a place of the example's gazetteer (by the name the dataset
// uses), one at a village it does not have.
const ACLED = `event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp
AZE90001,2021-11-16,2021,1,Political violence,Battles,Armed clash,Military Forces of Azerbaijan (2003-),,State forces,Military Forces of Armenia (2018-),,State forces,State forces-State forces,,31,Caucasus and Central Asia,Azerbaijan,Tovuz,,,Tovuz,40.99,45.63,1,Fixture Wire,National,Invented.,0,,1710500000
AZE90002,2021-11-17,2021,1,Political violence,Battles,Armed clash,Military Forces of Azerbaijan (2003-),,State forces,Military Forces of Armenia (2018-),,State forces,State forces-State forces,,31,Caucasus and Central Asia,Azerbaijan,Tovuz,,,Nowhere Village,40.9,45.6,1,Fixture Wire,National,Invented.,0,,1710500000
`;

describe.each(STORE_NAMES)("the process's gazetteer on %s", (storeName) => {
  let services: Services;
  let app: FastifyInstance;
  let token: string;
  const search = async (query: string) => {
    const res = await app.inject({ method: "GET", url: `${P}?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { places: Hit[] }).places;
  };

  beforeAll(async () => {
    services = await openTestServices(storeName);
    await loadReferenceProcess(services, operatorCaller("test"));
    app = await buildApp(services, { rateLimit: 100_000 });
    token = await tokenFor(services, "admin");
  });
  afterAll(async () => {
    await app?.close();
    await services?.store.close();
  });

  it("finds the process's place by a side's name or an alias, case and diacritics aside", async () => {
    const [berdzor] = await search("q=berdzor");
    expect(berdzor).toMatchObject({ source: "process", id: "plc-lachin", name: "Lachin" });
    expect(berdzor?.matched).toBe("Berdzor");
    const [susa] = await search("q=SUSA");
    expect(susa).toMatchObject({ source: "process", id: "plc-shusha" });
  });

  it("lists place records by a side's name or an alias as it is typed (the kind's own list)", async () => {
    const res = await app.inject({
      method: "GET",
      url: `/api/processes/${REFERENCE_SLUG}/places?q=Berdz`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((p: { id: string }) => p.id)).toContain("plc-lachin");
  });

  it("puts the process's own place before the world's of the same name, and drops the world's copy", async () => {
    const places = await search("q=Xankandi&limit=5");
    expect(places[0]).toMatchObject({ source: "process", id: "plc-stepanakert" });
    expect(places.filter((p) => p.source === "world" && p.name === "Xankandi")).toEqual([]);
  });

  it("suggests the world's places after the process's, and none when asked for its own only", async () => {
    const [bogota] = await search("q=Bogota&limit=3");
    expect(bogota).toMatchObject({ source: "world", name: "Bogotá" });
    expect(await search("q=Bogota&world=false")).toEqual([]);
  });

  it("labels a place in the language asked for", async () => {
    const [lachin] = await search("q=Lachin&lang=hy");
    expect(lachin).toMatchObject({ id: "plc-lachin", label: "Բերձոր" });
  });

  it("answers the places nearest a point, the process's first", async () => {
    const places = await search("near=39.82,46.75&limit=3");
    expect(places[0]).toMatchObject({ source: "process", id: "plc-stepanakert" });
    // Far from the process's places, the world's nearest town.
    const [far] = await search("near=4.61,-74.08&limit=1");
    expect(far).toMatchObject({ source: "world", name: "Bogotá" });
  });

  it("refuses a name and a point together, naming the parameter", async () => {
    const res = await app.inject({ method: "GET", url: `${P}?q=Goris&near=39.5,46.3` });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(JSON.stringify(res.json())).toContain('"q"');
  });

  it("checks an inline place's place_id like any reference, whatever the kind", async () => {
    const incident = sampleInput("incident", 7);
    const place = incident.place as Record<string, unknown>;
    const refused = await app.inject({
      method: "POST",
      url: `/api/processes/${REFERENCE_SLUG}/incidents`,
      headers: { authorization: `Bearer ${token}` },
      payload: { ...incident, place: { ...place, place_id: "plc-nowhere" } },
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.body).toContain("place.place_id");
    const named = await createRecord(
      services,
      REFERENCE_SLUG,
      "link",
      {
        ...sampleInput("link", 7),
        via: [{ name: "Goris", precision: "settlement", place_id: "plc-goris" }],
      },
      operatorCaller("test"),
    );
    // The place it names cannot go while the link names it.
    const gone = await app.inject({
      method: "DELETE",
      url: `/api/processes/${REFERENCE_SLUG}/places/plc-goris`,
      headers: { authorization: `Bearer ${token}`, "if-match": '"1"' },
    });
    expect(gone.statusCode, gone.body).toBe(409);
    expect(gone.body).toContain(String(named.id));
  });

  it("names a dataset row's place after the process's place record, and leaves others inline", async () => {
    const summary = await importAcled(
      services,
      REFERENCE_SLUG,
      readAcledCsv(Readable.from([ACLED])),
      { principal: operatorCaller("test") },
    );
    expect(summary.rejected).toEqual([]);
    expect(summary.places_matched).toBe(1);
    const tovuz = await getRecord(services, REFERENCE_SLUG, "incident", "acled-AZE90001", OPERATOR);
    expect(tovuz.place).toMatchObject({ name: "Tovuz", place_id: "plc-tovuz", lat: 40.99 });
    const other = await getRecord(services, REFERENCE_SLUG, "incident", "acled-AZE90002", OPERATOR);
    expect((other.place as { place_id?: string }).place_id).toBeUndefined();
  });
});
