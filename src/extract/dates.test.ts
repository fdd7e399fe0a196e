import { describe, expect, it } from "vitest";
import { findDateline, findDates } from "./dates.ts";

const sentence = (text: string) => ({ start: 0, end: text.length, text });
/** The first date found, as value, precision, end and role. */
const first = (text: string, published?: string) => {
  const found = findDates(sentence(text), published)[0];
  return found ? { ...found.date, role: found.role } : undefined;
};

// 17 November 2021 was a Wednesday.
const WEDNESDAY = "2021-11-17";

describe("relative dates resolve against the publication day", () => {
  it("a weekday is the latest one on or before publication", () => {
    expect(first("Armenian forces opened fire on Tuesday.", WEDNESDAY)).toMatchObject({
      value: "2021-11-16",
      precision: "day",
      role: "event",
    });
    expect(first("The shelling began on Wednesday.", WEDNESDAY)?.value).toBe("2021-11-17");
    expect(first("Positions came under fire on Thursday.", WEDNESDAY)?.value).toBe("2021-11-11");
    expect(first("Tuesday's fighting was the worst this year.", WEDNESDAY)?.value).toBe(
      "2021-11-16",
    );
  });

  it("a weekday in a plan is the next one", () => {
    expect(first("The ministers will meet on Friday.", WEDNESDAY)?.value).toBe("2021-11-19");
    expect(first("They meet again next Monday.", WEDNESDAY)?.value).toBe("2021-11-22");
  });

  it("yesterday, the previous night and overnight are the day before publication", () => {
    for (const text of [
      "Yesterday's fighting left two dead.",
      "The village was shelled the previous night.",
      "Fire was exchanged overnight near Sotk.",
      "The post was attacked last night.",
    ]) {
      expect(first(text, WEDNESDAY)).toMatchObject({ value: "2021-11-16", precision: "day" });
    }
    expect(first("Shots were heard the day before yesterday.", WEDNESDAY)?.value).toBe(
      "2021-11-15",
    );
  });

  it("last week is the previous Monday-to-Sunday, as a range", () => {
    expect(first("Talks were held last week.", WEDNESDAY)).toMatchObject({
      value: "2021-11-08",
      precision: "range",
      end: "2021-11-14",
    });
  });

  it("a day or month without a year takes the publication year, or the year before if later", () => {
    expect(first("The crisis began on 12 May.", WEDNESDAY)).toMatchObject({
      value: "2021-05-12",
      precision: "day",
    });
    expect(first("The crisis began on 12 May.", "2021-03-01")?.value).toBe("2020-05-12");
    expect(first("Fighting flared on November 16.", WEDNESDAY)?.value).toBe("2021-11-16");
    expect(first("The border crisis started in May.", WEDNESDAY)).toMatchObject({
      value: "2021-05",
      precision: "month",
    });
    expect(first("Fighting flared in May 2021.", "2022-01-10")).toMatchObject({
      value: "2021-05",
      precision: "month",
    });
  });

  it("last month, this year and the like keep month or year precision", () => {
    expect(first("Exchanges resumed last month.", WEDNESDAY)).toMatchObject({
      value: "2021-10",
      precision: "month",
    });
    expect(first("There were more incidents earlier this year.", WEDNESDAY)).toMatchObject({
      value: "2021",
      precision: "year",
    });
  });
});

describe("deadlines", () => {
  it("by the end of the year is 31 December of the publication year, a due date", () => {
    expect(
      first("They agreed to set up the commission by the end of the year.", "2021-11-26"),
    ).toEqual({ value: "2021-12-31", precision: "day", role: "due" });
    expect(first("Mechanisms are to be created by the end of 2021.", "2021-11-26")?.value).toBe(
      "2021-12-31",
    );
  });

  it("by a day looks forward from publication", () => {
    expect(first("The list is to be submitted by 1 March.", "2021-01-11")).toEqual({
      value: "2021-03-01",
      precision: "day",
      role: "due",
    });
  });

  it("within a period counts from publication", () => {
    expect(first("Both sides will withdraw within 10 days.", "2021-11-17")).toEqual({
      value: "2021-11-27",
      precision: "day",
      role: "due",
    });
    expect(first("The road is to be built within three years.", "2020-11-10")?.value).toBe(
      "2023-11-10",
    );
  });
});

describe("absolute dates and references", () => {
  it("reads the usual written forms", () => {
    expect(first("On 16 November 2021 fighting broke out.")?.value).toBe("2021-11-16");
    expect(first("On November 16, 2021 fighting broke out.")?.value).toBe("2021-11-16");
    expect(first("Dated 16.11.2021.")?.value).toBe("2021-11-16");
  });

  it("a date naming an earlier document is a reference, not the event", () => {
    const found = findDates(
      sentence("Both reaffirmed the statement of 9 November 2020 on Friday."),
      "2021-11-26",
    );
    expect(found.map((d) => d.role)).toEqual(["reference", "event"]);
  });

  it("without a publication day a relative date is not guessed", () => {
    expect(first("Armenian forces opened fire on Tuesday.")).toBeUndefined();
  });

  it("reads a wire dateline", () => {
    expect(findDateline("BAKU, 17 November 2021 (APA) – The ministry said...")).toBe("2021-11-17");
    expect(findDateline("The ministry said on 17 November 2021...")).toBeUndefined();
  });
});
