import { describe, expect, it } from "vitest";
import { CountSchema, countRange, spreadFigures } from "./figures.ts";

describe("figures belong to claims", () => {
  it("keeps each claim's count side by side and spans them, never averaging", () => {
    const spreads = spreadFigures([
      { claim_id: "c1", claimant: "ARM", source_ids: [], figures: { killed: { ARM: 2, AZE: 9 } } },
      {
        claim_id: "c2",
        claimant: "AZE",
        source_ids: [],
        figures: { killed: { ARM: 6, AZE: 1 }, captured: { ARM: { text: "several" } } },
      },
      {
        claim_id: "c3",
        claimant: null,
        source_ids: ["ucdp"],
        figures: { killed: { ARM: { low: 3, best: 4, high: 12 } } },
      },
    ]);
    const arm = spreads.find((s) => s.category === "killed" && s.side === "ARM");
    expect(arm).toMatchObject({ low: 2, high: 12 });
    expect(arm?.claims.map((c) => c.claim_id)).toEqual(["c1", "c2", "c3"]);
    const captured = spreads.find((s) => s.category === "captured");
    expect(captured).toMatchObject({ side: "ARM", low: null, high: null });
    expect(captured?.claims[0]?.count).toEqual({ text: "several" });
  });

  it("accepts UCDP's low/best/high only in order", () => {
    expect(CountSchema.safeParse({ low: 3, best: 4, high: 12 }).success).toBe(true);
    expect(CountSchema.safeParse({ low: 5, best: 4 }).success).toBe(false);
    expect(CountSchema.safeParse({ best: 13, high: 12 }).success).toBe(false);
    expect(CountSchema.safeParse({}).success).toBe(false);
    expect(CountSchema.safeParse(-1).success).toBe(false);
    expect(CountSchema.safeParse(2.5).success).toBe(false);
  });

  it("reads a count's range", () => {
    expect(countRange(7)).toEqual({ low: 7, high: 7 });
    expect(countRange({ best: 4 })).toEqual({ low: 4, high: 4 });
    expect(countRange({ text: "several dozen" })).toEqual({ low: null, high: null });
  });
});
