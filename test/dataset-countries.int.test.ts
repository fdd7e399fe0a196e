import { createReadStream } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcess } from "../src/core/create-process.ts";
import { getRecord } from "../src/core/get-record.ts";
import { importAcled } from "../src/core/import-acled.ts";
import { importRecords } from "../src/core/import-records.ts";
import { importUcdp } from "../src/core/import-ucdp.ts";
import type { Services } from "../src/core/services.ts";
import { OPERATOR, operatorCaller } from "../src/domain/access.ts";
import { readAcledCsv } from "../src/ingest/acled.ts";
import { readUcdpCsv } from "../src/ingest/ucdp.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const PRINCIPAL = operatorCaller("test");
const ACLED_FILE = new URL("./fixtures/countries/acled.csv", import.meta.url);
const UCDP_FILE = new URL("./fixtures/countries/ucdp.csv", import.meta.url);

// The process's own actors: the datasets' names reach them through their names and aliases.
const ACTORS = [
  {
    type: "actor",
    id: "COL-GOV",
    name: "Government of Colombia",
    names: { es: "Gobierno de Colombia", en: "Military Forces of Colombia (2022-)" },
    roles: ["party"],
  },
  { type: "actor", id: "ELN", name: "ELN: National Liberation Army", roles: ["party"] },
];

describe.each(STORE_NAMES)("dataset rows from any country on %s", (storeName) => {
  let services: Services;
  let processes = 0;

  /** A new process about Colombia (countries ["CO"]) with its actors. */
  async function colombiaProcess(): Promise<string> {
    processes += 1;
    const slug = `colombia-${processes}`;
    await createProcess(services, { slug, name: "Colombia", countries: ["CO"] }, PRINCIPAL);
    const records = ACTORS.map((record, i) => ({ at: `actor ${i}`, record }));
    const summary = await importRecords(services, slug, records, { principal: PRINCIPAL });
    expect(summary.rejected).toEqual([]);
    return slug;
  }

  const countryOf = async (slug: string, id: string) => {
    const incident = await getRecord(services, slug, "incident", id, OPERATOR);
    return (incident.place as { country?: string }).country;
  };

  beforeAll(async () => {
    services = await openTestServices(storeName);
  });
  afterAll(async () => {
    await services?.store.close();
  });

  it("imports ACLED rows of every country and counts those outside the process's countries", async () => {
    const slug = await colombiaProcess();
    const summary = await importAcled(services, slug, readAcledCsv(createReadStream(ACLED_FILE)), {
      principal: PRINCIPAL,
    });
    // Every row is imported: the source, then an incident and a claim per row.
    expect(summary).toMatchObject({ rows: 5, created: 11, rejected: [] });
    expect(summary.outside_countries).toEqual({ UA: 1, VE: 1 });
    // Kosovo has no ISO code: imported without a country, and said so.
    expect(summary.unknown_countries).toEqual({ Kosovo: 1 });

    const countries = await Promise.all(
      ["COL90001", "COL90002", "UKR90003", "VEN90004", "XKX90005"].map((id) =>
        countryOf(slug, `acled-${id}`),
      ),
    );
    expect(countries).toEqual(["CO", "CO", "UA", "VE", undefined]);
    // Actors through the process's actors' names and aliases.
    const clash = await getRecord(services, slug, "incident", "acled-COL90002", OPERATOR);
    expect(clash.actors).toEqual(["COL-GOV", "ELN"]);
  });

  it("imports UCDP rows of every country by Gleditsch–Ward number, else by name", async () => {
    const slug = await colombiaProcess();
    const summary = await importUcdp(services, slug, readUcdpCsv(createReadStream(UCDP_FILE)), {
      principal: PRINCIPAL,
      unknownActors: "create",
    });
    expect(summary).toMatchObject({ rows: 4, rejected: [] });
    expect(summary.outside_countries).toEqual({ EC: 1, RU: 1, UA: 1 });
    expect(summary).not.toHaveProperty("unknown_countries");

    const countries = await Promise.all(
      ["990001", "990002", "990003", "990004"].map((id) => countryOf(slug, `ucdp-${id}`)),
    );
    expect(countries).toEqual(["CO", "UA", "RU", "EC"]);
    const colombia = await getRecord(services, slug, "incident", "ucdp-990001", OPERATOR);
    expect((colombia.actors as string[])[0]).toBe("COL-GOV");
  });

  it("reports nothing outside when the process lists no countries", async () => {
    const slug = `anywhere-${storeName}`;
    await createProcess(services, { slug, name: "Anywhere" }, PRINCIPAL);
    const summary = await importAcled(services, slug, readAcledCsv(createReadStream(ACLED_FILE)), {
      principal: PRINCIPAL,
    });
    expect(summary).toMatchObject({ rows: 5, rejected: [] });
    expect(summary).not.toHaveProperty("outside_countries");
    expect(summary.unknown_countries).toEqual({ Kosovo: 1 });
  });
});
