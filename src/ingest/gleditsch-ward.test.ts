import { describe, expect, it } from "vitest";
import { alpha2OfName, numericOfAlpha2 } from "./countries.ts";
import {
  alpha2OfGleditschWard,
  GLEDITSCH_WARD_STATES,
  gleditschWardOfAlpha2,
  gleditschWardState,
  ucdpRegionOf,
} from "./gleditsch-ward.ts";

describe("the Gleditsch–Ward table", () => {
  it("gives the ISO code of well-known states by their numbers", () => {
    const pairs: Array<[number, string]> = [
      [2, "US"],
      [20, "CA"],
      [100, "CO"],
      [365, "RU"],
      [369, "UA"],
      [371, "AM"],
      [372, "GE"],
      [373, "AZ"],
      [490, "CD"],
      [625, "SD"],
      [626, "SS"],
      [640, "TR"],
      [651, "EG"],
      [652, "SY"],
      [666, "IL"],
      [678, "YE"],
      [700, "AF"],
      [710, "CN"],
      [750, "IN"],
      [770, "PK"],
      [775, "MM"],
      [816, "VN"],
      [850, "ID"],
    ];
    expect(pairs.map(([gw]) => [gw, gleditschWardState(gw)?.alpha2])).toEqual(pairs);
  });

  it("holds each number and code once, and only ISO codes", () => {
    const numbers = GLEDITSCH_WARD_STATES.map((s) => s.gw);
    expect(new Set(numbers).size).toBe(numbers.length);
    const codes = GLEDITSCH_WARD_STATES.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(GLEDITSCH_WARD_STATES.length).toBeGreaterThan(200);
    for (const state of GLEDITSCH_WARD_STATES) {
      if (state.alpha2 === undefined) continue;
      // Each alpha-2 is one ISO 3166-1 assigns (it has a numeric code).
      expect([state.gw, numericOfAlpha2(state.alpha2)]).toEqual([state.gw, expect.any(String)]);
    }
  });

  it("gives every state of today one number to write, UCDP's 345 for Serbia", () => {
    expect(gleditschWardOfAlpha2("RS")?.gw).toBe(345);
    expect(gleditschWardOfAlpha2("DE")?.gw).toBe(260);
    expect(gleditschWardOfAlpha2("YE")?.gw).toBe(678);
    expect(gleditschWardOfAlpha2("VN")?.gw).toBe(816);
    expect(gleditschWardOfAlpha2("CO")).toMatchObject({ gw: 100, name: "Colombia" });
    expect(gleditschWardOfAlpha2("XK")).toBeUndefined();
  });

  it("marks states of the past, and gives none an invented code", () => {
    expect(gleditschWardState(265)).toMatchObject({ alpha2: "DE", until: 1990 });
    expect(gleditschWardState(680)).toMatchObject({ alpha2: "YE", until: 1990 });
    expect(gleditschWardState(817)).toMatchObject({ alpha2: "VN", until: 1975 });
    expect(gleditschWardState(315)?.alpha2).toBeUndefined();
    expect(gleditschWardState(347)).toMatchObject({ name: "Kosovo" });
    expect(gleditschWardState(347)?.alpha2).toBeUndefined();
  });

  it("falls back to the row's country name when the number is unknown", () => {
    expect(alpha2OfGleditschWard("999", "Colombia")).toBe("CO");
    expect(alpha2OfGleditschWard("", "DR Congo (Zaire)")).toBe("CD");
    expect(alpha2OfGleditschWard("", "Myanmar (Burma)")).toBe("MM");
    expect(alpha2OfGleditschWard("999", "Atlantis")).toBeUndefined();
    // The number wins over the name.
    expect(alpha2OfGleditschWard("100", "Venezuela")).toBe("CO");
    expect(alpha2OfName("Kosovo")).toBeUndefined();
  });

  it("gives UCDP's region by the number's range", () => {
    expect([100, 365, 490, 651, 640, 700, 910].map(ucdpRegionOf)).toEqual([
      "Americas",
      "Europe",
      "Africa",
      "Middle East",
      "Middle East",
      "Asia",
      "Asia",
    ]);
  });
});
