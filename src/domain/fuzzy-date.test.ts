import { describe, expect, it } from "vitest";
import { dateBounds, FuzzyDateSchema, precisionOf } from "./fuzzy-date.ts";

describe("dates with precision", () => {
  it.each([
    ["2021", "year"],
    ["2021-05", "month"],
    ["2021-05-12", "day"],
    ["2020-02-29", "day"],
    ["2020-11-10T00:00:00+03:00", "time"],
    ["2021-11-16T07:40Z", "time"],
  ])("reads %s as %s precision", (value, precision) => {
    expect(precisionOf(value)).toBe(precision);
  });

  it.each([
    "2021-02-30",
    "2021-02-29",
    "2021-13",
    "2021-00",
    "2021-5-1",
    "21",
    "0999",
    "2021-11-16T25:00Z",
    "2021-11-16T10:00",
    "tomorrow",
  ])("rejects %s", (value) => {
    expect(precisionOf(value)).toBeNull();
    expect(FuzzyDateSchema.safeParse({ value, precision: "day" }).success).toBe(false);
  });

  it("never silently turns a month into its first day", () => {
    const parsed = FuzzyDateSchema.safeParse({ value: "2021-05", precision: "day" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["precision"]);
    expect(dateBounds({ value: "2021-05", precision: "month" })).toEqual({
      start: "2021-05-01T00:00:00.000Z",
      end: "2021-06-01T00:00:00.000Z",
    });
  });

  it("gives each precision the span it covers", () => {
    expect(dateBounds({ value: "2020", precision: "year" })).toEqual({
      start: "2020-01-01T00:00:00.000Z",
      end: "2021-01-01T00:00:00.000Z",
    });
    expect(dateBounds({ value: "2021-12-31", precision: "day" }).end).toBe(
      "2022-01-01T00:00:00.000Z",
    );
    expect(dateBounds({ value: "2020-11-10T00:00:00+03:00", precision: "time" }).start).toBe(
      "2020-11-09T21:00:00.000Z",
    );
    expect(dateBounds({ value: "2020-09-27", end: "2020-11", precision: "range" })).toEqual({
      start: "2020-09-27T00:00:00.000Z",
      end: "2020-12-01T00:00:00.000Z",
    });
  });

  it("checks ranges: an end is required, comes after the start, and only ranges have one", () => {
    expect(FuzzyDateSchema.safeParse({ value: "2020-09-27", precision: "range" }).success).toBe(
      false,
    );
    expect(
      FuzzyDateSchema.safeParse({ value: "2020-09-27", end: "2020-09-01", precision: "range" })
        .success,
    ).toBe(false);
    expect(
      FuzzyDateSchema.safeParse({ value: "2020-09-27", end: "2020-09-27", precision: "range" })
        .success,
    ).toBe(true);
    expect(
      FuzzyDateSchema.safeParse({ value: "2020-09-27", end: "2020-10-01", precision: "day" })
        .success,
    ).toBe(false);
  });

  it("refuses a UTC offset no clock keeps, and names it", () => {
    for (const value of [
      "2021-11-10T10:00:00+25:00",
      "2021-11-10T10:00:00+14:01",
      "2021-11-10T10:00-12:30",
      "2021-11-10T10:00+10:60",
    ]) {
      expect(precisionOf(value), value).toBeNull();
      const parsed = FuzzyDateSchema.safeParse({ value, precision: "time" });
      expect(parsed.error?.issues[0]?.message, value).toMatch(/UTC offset no clock keeps/);
    }
    for (const value of [
      "2021-11-10T10:00:00+14:00",
      "2021-11-10T10:00:00-12:00",
      "2021-11-10T10:00-00:00",
    ]) {
      expect(precisionOf(value), value).toBe("time");
    }
  });

  it("holds dates up to 9999-12-30, whose bounds ISO 8601 writes with four-digit years", () => {
    for (const value of ["9999-12-30", "9999-12-30T23:59:59Z", "1000-01-01T00:00:00+14:00"]) {
      expect(precisionOf(value), value).not.toBeNull();
      const { start, end } = dateBounds({ value, precision: precisionOf(value) ?? "day" });
      expect(`${start} ${end}`).toMatch(/^\d{4}-.* \d{4}-/);
    }
    for (const value of [
      "9999",
      "9999-12",
      "9999-12-31",
      "9999-12-31T00:00:00Z",
      "9999-12-30T23:00:00-12:00",
    ]) {
      expect(precisionOf(value), value).toBeNull();
    }
    expect(
      FuzzyDateSchema.safeParse({ value: "9999", precision: "year" }).error?.issues[0],
    ).toMatchObject({
      path: ["value"],
      message: expect.stringMatching(/ends after 9999-12-30/),
    });
    expect(
      FuzzyDateSchema.safeParse({ value: "2021", end: "9999", precision: "range" }).error
        ?.issues[0],
    ).toMatchObject({ path: ["end"], message: expect.stringMatching(/ends after 9999-12-30/) });
  });
});
