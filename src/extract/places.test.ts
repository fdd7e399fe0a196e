import { describe, expect, it } from "vitest";
import { PLACES } from "../reference/armenia-azerbaijan-places.ts";
import { namesOf, placesFor } from "./gazetteer.ts";
import { findPlaces, isCapitalSpeaking } from "./places.ts";

// The example's own places, as its place records give them: extraction has no built-in places.
const namesIn = (text: string) => findPlaces(text, 0, PLACES).map((p) => p.place.name);

describe("places by the names each side uses", () => {
  it("finds Stepanakert by its Azerbaijani, Russian and Armenian names", () => {
    for (const text of [
      "Shots were heard in Khankendi.",
      "Shots were heard in Xankəndi.",
      "Выстрелы были слышны в Степанакерт.",
      "Shots were heard in Ստեփանակերտ.",
    ]) {
      expect(namesIn(text)).toEqual(["Stepanakert"]);
    }
  });

  it("finds Vardenis as Basarkechar, Shusha as Shushi, Lachin as Berdzor, Kalbajar as Karvachar", () => {
    expect(namesIn("Fire was opened near Basarkechar.")).toEqual(["Vardenis"]);
    expect(namesIn("The road to Shushi was closed.")).toEqual(["Shusha"]);
    expect(namesIn("The road to Şuşa was closed.")).toEqual(["Shusha"]);
    expect(namesIn("Convoys passed through Berdzor.")).toEqual(["Lachin"]);
    expect(namesIn("Positions near Karvachar came under fire.")).toEqual(["Kalbajar"]);
    expect(namesIn("Sotk, which Azerbaijan calls Zod, was hit.")).toEqual(["Sotk", "Sotk"]);
    expect(namesIn("Martakert and Aghdara are one town.")).toEqual(["Aghdara", "Aghdara"]);
  });

  it("reads Russian-to-English transliterations with dzh for j", () => {
    expect(namesIn("Fire came from the direction of Kelbadzhar.")).toEqual(["Kalbajar"]);
    expect(namesIn("A convoy left Dzhermuk.")).toEqual(["Jermuk"]);
  });

  it("takes the longest name: the Lachin corridor is not the town of Lachin", () => {
    const [corridor] = findPlaces("Peacekeepers patrol the Lachin corridor.", 0, PLACES);
    expect(corridor?.place).toEqual({ name: "Lachin corridor", precision: "region" });
  });

  it("a town's name with district, region or direction is the district, at district precision", () => {
    expect(findPlaces("in the Kalbajar district", 0, PLACES)[0]?.place).toEqual({
      name: "Kalbajar district",
      precision: "district",
    });
    expect(namesIn("in the Kalbajar and Lachin directions")).toEqual([
      "Kalbajar district",
      "Lachin district",
    ]);
    expect(namesIn("in the Agdere region")).toEqual(["Aghdara district"]);
  });

  it("gives a settlement its point and precision, a province neither point nor settlement precision", () => {
    expect(findPlaces("in Goris", 0, PLACES)[0]?.place).toEqual({
      name: "Goris",
      precision: "settlement",
      lat: 39.51,
      lon: 46.34,
    });
    expect(findPlaces("in Syunik province", 0, PLACES)[0]?.place).toEqual({
      name: "Syunik",
      precision: "region",
    });
  });

  it("does not find a place in a lower-case word", () => {
    expect(namesIn("the teh berd sotk zod")).toEqual([]);
  });

  it("gives offsets into the text it was given", () => {
    const text = "Fighting near Tegh and Kornidzor.";
    for (const p of findPlaces(text, 0, PLACES)) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it("has every coordinate inside the region or at a known venue, and unique names", () => {
    const seen = new Map<string, string>();
    for (const entry of placesFor(PLACES)) {
      for (const name of namesOf(entry)) {
        const other = seen.get(name);
        expect(
          other === undefined || other === entry.name,
          `${name}: ${other} and ${entry.name}`,
        ).toBe(true);
        seen.set(name, entry.name);
      }
      if (entry.lat !== undefined && entry.country && ["AM", "AZ"].includes(entry.country)) {
        expect(entry.lat).toBeGreaterThan(38.3);
        expect(entry.lat).toBeLessThan(42);
        expect(entry.lon).toBeGreaterThan(43.4);
        expect(entry.lon).toBeLessThan(50.4);
      }
    }
  });
});

describe("capitals as governments or as cities", () => {
  const speaks = (text: string, name: string) => {
    const at = text.indexOf(name);
    return isCapitalSpeaking(text, at, at + name.length);
  };
  it("is the government when it speaks, is spoken to, or hosts an institution", () => {
    expect(speaks("Baku said two soldiers were wounded.", "Baku")).toBe(true);
    expect(speaks("The Defence Ministry in Yerevan said...", "Yerevan")).toBe(true);
    expect(speaks("Baku's claims were rejected.", "Baku")).toBe(true);
    expect(speaks("a peace treaty with Yerevan", "Yerevan")).toBe(true);
  });
  it("is the city when something happens in, at or to it", () => {
    expect(speaks("The leaders met in Moscow on Monday.", "Moscow")).toBe(false);
    expect(speaks("a convoy from Yerevan to Stepanakert", "Yerevan")).toBe(false);
  });
});
