import { describe, expect, it } from "vitest";
import {
  AlertRuleSchema,
  claimsDisagree,
  commitmentAlertOn,
  distanceKm,
  SubscriptionInputSchema,
} from "./alert-rules.ts";

describe("alert rules", () => {
  it("measures distances on the Earth in kilometres", () => {
    // One degree of latitude is about 111.2 km anywhere; one of longitude shrinks with latitude.
    expect(distanceKm({ lat: 40, lon: 45 }, { lat: 41, lon: 45 })).toBeCloseTo(111.2, 0);
    expect(distanceKm({ lat: 60, lon: 10 }, { lat: 60, lon: 11 })).toBeCloseTo(55.6, 0);
    expect(distanceKm({ lat: 40, lon: 45 }, { lat: 40, lon: 45 })).toBe(0);
  });

  it("finds claims in disagreement by counts that cannot both hold, or by whom they blame", () => {
    const two = { figures: { killed: { civilians: 2 } } };
    expect(claimsDisagree(two, { figures: { killed: { civilians: 0 } } })).toBe(true);
    // A range that holds the other's count agrees with it; words alone never disagree.
    expect(claimsDisagree(two, { figures: { killed: { civilians: { low: 1, high: 3 } } } })).toBe(
      false,
    );
    expect(claimsDisagree(two, { figures: { killed: { civilians: { text: "several" } } } })).toBe(
      false,
    );
    // Counts for different sides or categories are no contradiction.
    expect(claimsDisagree(two, { figures: { wounded: { civilians: 9 } } })).toBe(false);
    expect(claimsDisagree({ blamed: ["A"] }, { blamed: ["B"] })).toBe(true);
    expect(claimsDisagree({ blamed: ["A", "B"] }, { blamed: ["B", "A"] })).toBe(false);
    expect(claimsDisagree({ blamed: ["A"] }, { blamed: [] })).toBe(false);
  });

  it("says a commitment is due within its days and overdue once its date has ended", () => {
    const due = AlertRuleSchema.parse({ type: "commitment_due", days_before: 3 });
    const overdue = AlertRuleSchema.parse({ type: "commitment_overdue" });
    if (due.type !== "commitment_due" || overdue.type !== "commitment_overdue") throw new Error();
    const may = { status: "open" as const, due: { value: "2026-05", precision: "month" as const } };
    expect(commitmentAlertOn(due, may, "2026-05-27")).toBe(false);
    expect(commitmentAlertOn(due, may, "2026-05-28")).toBe(true);
    expect(commitmentAlertOn(due, may, "2026-05-31")).toBe(true);
    expect(commitmentAlertOn(overdue, may, "2026-05-31")).toBe(false);
    expect(commitmentAlertOn(overdue, may, "2026-06-01")).toBe(true);
    expect(commitmentAlertOn(due, may, "2026-06-01")).toBe(false);
    expect(commitmentAlertOn(overdue, { ...may, status: "met" }, "2027-01-01")).toBe(false);
    expect(commitmentAlertOn(overdue, { status: "open" }, "2027-01-01")).toBe(false);
  });

  it("takes a webhook's URL or an e-mail address, each where it belongs", () => {
    const base = { process: "p", rule: { type: "claims_disagree" } };
    expect(
      SubscriptionInputSchema.safeParse({ ...base, channel: "email", target: "a@b.example" })
        .success,
    ).toBe(true);
    const paths = (input: object) =>
      SubscriptionInputSchema.safeParse(input).error?.issues.map((i) => i.path.join("."));
    expect(paths({ ...base, channel: "email", target: "https://x.example/" })).toEqual(["target"]);
    expect(paths({ ...base, channel: "webhook", target: "javascript:alert(1)" })).toEqual([
      "target",
    ]);
    expect(
      paths({ ...base, channel: "email", target: "a@b.example", secret: "0123456789abcdef" }),
    ).toEqual(["secret"]);
  });
});
