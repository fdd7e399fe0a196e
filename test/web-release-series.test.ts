import { describe, expect, it } from "vitest";
import { releaseSeries } from "../web/src/pages/release-series.ts";

describe("releaseSeries", () => {
  it("carries each area's latest figure forward and sums the areas", () => {
    const series = releaseSeries([
      { hazard_id: "a", as_of: { value: "2021-01", precision: "month" }, released_m2: 100 },
      { hazard_id: "b", as_of: { value: "2021-02-10", precision: "day" }, released_m2: 50 },
      {
        hazard_id: "a",
        as_of: { value: "2021-03", precision: "month" },
        released_m2: { best: 300 },
      },
      { hazard_id: "c", as_of: { value: "2021-04", precision: "month" }, released_m2: undefined },
    ]);
    expect(series.map((p) => p.released)).toEqual([100, 150, 350]);
    expect(series[0]?.at.toISOString()).toBe("2021-01-01T00:00:00.000Z");
  });
});
