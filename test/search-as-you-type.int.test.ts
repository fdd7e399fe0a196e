import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcess } from "../src/core/create-process.ts";
import { importRecords } from "../src/core/import-records.ts";
import type { Services } from "../src/core/services.ts";
import { OPERATOR, operatorCaller } from "../src/domain/access.ts";
import { listRecords } from "../src/store/record.repository.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const incident = (id: string, title: string, place: string) => ({
  type: "incident",
  id,
  title,
  kind: "shelling",
  date: { value: "2021-11-16", precision: "day" },
  place: { name: place, precision: "settlement" },
});

const INCIDENTS = [
  incident("inc-1", "Shelling near Sotk", "Sotk"),
  incident("inc-2", "Shelling of the road to Verin Shorzha", "Verin Shorzha"),
  incident("inc-3", "Sniper fire at a post", "Sotkvadzor"),
  incident("inc-4", "Հրետակոծություն Սոթքի մոտ", "Սոթք"),
];

/** What a picker sends while a name is typed: the list's `q`, the last word half written. */
describe.each(STORE_NAMES)("full text as it is typed, on %s", (storeName) => {
  let services: Services;
  const ids = async (q: string) =>
    (await listRecords(services.store.db, "t", OPERATOR, { type: "incident", q, limit: 50 }))
      .map((record) => record.id)
      .sort();
  beforeAll(async () => {
    services = await openTestServices(storeName);
    await createProcess(services, { slug: "t", name: "T" }, operatorCaller("test"));
    const summary = await importRecords(
      services,
      "t",
      INCIDENTS.map((record) => ({ at: record.id, record })),
      { principal: operatorCaller("t") },
    );
    expect(summary.rejected).toEqual([]);
  });
  afterAll(() => services.store.close());

  it("finds a record by the start of a word, in any script", async () => {
    expect(await ids("Sot")).toEqual(["inc-1", "inc-3"]);
    expect(await ids("shel ver")).toEqual(["inc-2"]);
    expect(await ids("Սոթ")).toEqual(["inc-4"]);
  });

  it("still finds whole words, and nothing for a start no word has", async () => {
    expect(await ids("Sotk")).toEqual(["inc-1", "inc-3"]);
    expect(await ids("sniper")).toEqual(["inc-3"]);
    expect(await ids("xyz")).toEqual([]);
  });

  it("keeps web search operators exact: a phrase and a minus take no prefixes", async () => {
    expect(await ids('"near Sot"')).toEqual([]);
    expect(await ids('"near Sotk"')).toEqual(["inc-1"]);
    expect(await ids("shelling -Sotk")).toEqual(["inc-2"]);
    expect(await ids("Sotk or Shorzha")).toEqual(["inc-1", "inc-2"]);
  });

  it("reads characters to_tsquery would take for operators as text, never as an error", async () => {
    for (const q of ["a:*|b", "!(", "&&", "Sot'k", "\\", ":"]) {
      await expect(ids(q)).resolves.toBeInstanceOf(Array);
    }
  });
});
