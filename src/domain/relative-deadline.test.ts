import { describe, expect, it } from "vitest";
import { describeDeadline, RelativeDeadlineSchema, resolveDeadline } from "./relative-deadline.ts";

const day = (value: string) => ({ value, precision: "day" as const });

describe("a deadline relative to an event", () => {
  it("falls 30 days after the signing of 24 November 2016 on 24 December 2016", () => {
    expect(resolveDeadline({ amount: 30, unit: "days" }, day("2016-11-24"))).toEqual(
      day("2016-12-24"),
    );
  });

  it("counts weeks, months and years, keeping the month's last day when the day is past it", () => {
    expect(resolveDeadline({ amount: 2, unit: "weeks" }, day("2020-12-25"))).toEqual(
      day("2021-01-08"),
    );
    expect(resolveDeadline({ amount: 1, unit: "months" }, day("2021-01-31"))).toEqual(
      day("2021-02-28"),
    );
    expect(resolveDeadline({ amount: 3, unit: "years" }, day("2020-11-10"))).toEqual(
      day("2023-11-10"),
    );
    expect(resolveDeadline({ amount: 14, unit: "months" }, day("2020-11-30"))).toEqual(
      day("2022-01-30"),
    );
  });

  it("is not resolved while the event's date is unknown or known only to the month", () => {
    expect(resolveDeadline({ amount: 30, unit: "days" }, undefined)).toBeUndefined();
    expect(
      resolveDeadline({ amount: 30, unit: "days" }, { value: "2016-11", precision: "month" }),
    ).toBeUndefined();
  });

  it("reads in words, as worded where the text words it", () => {
    const parse = (input: unknown) => RelativeDeadlineSchema.parse(input);
    expect(describeDeadline(parse({ amount: 30, unit: "days", after: "signing" }))).toBe(
      "30 days after signing",
    );
    expect(
      describeDeadline(
        parse({ amount: 1, unit: "days", after: "event", event: "the ceasefire begins" }),
      ),
    ).toBe("1 day after the ceasefire begins");
    expect(
      describeDeadline(
        parse({ amount: 2, unit: "days", after: "event", event: "D-Day", as_worded: "on D+2" }),
      ),
    ).toBe("on D+2");
  });

  it("refuses an event deadline that names no event", () => {
    expect(
      RelativeDeadlineSchema.safeParse({ amount: 5, unit: "days", after: "event" }).success,
    ).toBe(false);
  });
});
