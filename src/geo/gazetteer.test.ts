import { describe, expect, it } from "vitest";
import { findPlaces } from "../extract/places.ts";
import { foldName, Gazetteer, type PlaceRecordWithId, placesFor } from "./gazetteer.ts";
import { loadWorldGazetteer } from "./world-gazetteer.ts";

const OWN: PlaceRecordWithId[] = [
  { id: "plc-d", name: "Lachin district", kind: "district", precision: "district" },
  {
    id: "plc-l",
    name: "Lachin",
    kind: "town",
    precision: "settlement",
    names: { hy: "Բերձոր" },
    side_names: { ARM: "Berdzor" },
    aliases: ["Lacin"],
    lat: 39.64,
    lon: 46.55,
    country: "AZ",
    district_id: "plc-d",
  },
];

describe("folding names", () => {
  it("compares names whatever their case, diacritics and punctuation", () => {
    expect(foldName("Bogotá")).toBe(foldName("BOGOTA"));
    expect(foldName("Şuşa")).toBe("susa");
    expect(foldName("San José del Guaviare,")).toBe("san jose del guaviare");
    expect(foldName("Xankəndi")).toBe("xankendi");
  });
});

describe("a process's gazetteer", () => {
  it("makes entries of place records: every name a spelling, the district by name", () => {
    const [, lachin] = placesFor(OWN);
    expect(lachin).toMatchObject({ id: "plc-l", district: "Lachin district", country: "AZ" });
    expect(lachin?.variants).toEqual(["Berdzor", "Lacin"]);
  });

  it("finds its places by any name, and labels them in the language asked", () => {
    const gazetteer = new Gazetteer(placesFor(OWN));
    expect(gazetteer.search("berd")[0]).toMatchObject({ source: "process", matched: "Berdzor" });
    expect(gazetteer.search("lacin", { language: "hy" })[0]?.label).toBe("Բերձոր");
    expect(gazetteer.lookup("LACHIN")?.entry.id).toBe("plc-l");
    expect(gazetteer.lookup("Lach")).toBeUndefined();
  });
});

describe("the world gazetteer", () => {
  const world = loadWorldGazetteer();

  it("holds GeoNames' populated places, searchable by name and nearest a point", () => {
    expect(world.size).toBeGreaterThan(100_000);
    expect(world.search("bogota", { countries: ["CO"], limit: 1 })[0]).toMatchObject({
      name: "Bogotá",
      country: "CO",
      capital_of: "CO",
    });
    // A word inside a name: "Guaviare" finds San José del Guaviare.
    const guaviare = world.search("Guaviare", { countries: ["CO"], limit: 5 });
    expect(guaviare.map((e) => e.name)).toContain("San José del Guaviare");
    const [near] = world.nearest(2.57, -72.64, { limit: 1 });
    expect(near?.name).toBe("San José del Guaviare");
  });

  it("comes after the process's own places, which win, and drops its copy of them", () => {
    const gazetteer = new Gazetteer(placesFor(OWN), world, ["AZ"]);
    const found = gazetteer.search("Lachin", { limit: 5 });
    expect(found[0]).toMatchObject({ source: "process", entry: { id: "plc-l" } });
    expect(found.filter((m) => m.source === "world" && m.entry.name === "Lachin")).toEqual([]);
  });

  it("gives extraction the towns of a process's countries after its own places", () => {
    const colombia = world.within({ countries: ["CO"] });
    const text = "Fighting was reported near San Vicente del Caguán and in Lachin.";
    const names = findPlaces(text, 0, OWN, colombia).map((m) => m.place.name);
    expect(names).toEqual(["San Vicente del Caguán", "Lachin"]);
  });
});
