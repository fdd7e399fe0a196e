import { z } from "zod";

/** Milliseconds in a UTC day: dates as day numbers, and the spans between them. */
export const DAY_MS = 86_400_000;

/**
 * Dates in this field are rarely exact: a report says "in May 2021" or "autumn 2020". A date carries
 * its precision, as ACLED's time_precision and UCDP's date_prec do, so that nobody reads a month as
 * its first day.
 */
export const DATE_PRECISIONS = ["time", "day", "month", "year", "range"] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

const YEAR = /^(\d{4})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// A time must say which clock it is on: an offset or Z, never a local time of unknown zone.
const TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True when y-m-d is a day of the Gregorian calendar (2021-02-30 is not). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (lengths[month - 1] ?? 0);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The end of the last day a date may cover (9999-12-30): a date's bounds are ISO instants, and
 * ISO 8601 writes the instant after 9999-12-31 as +010000-01-01, which the store does not read as a
 * time and which sorts as text before every other date.
 */
const END_OF_DATES = Date.UTC(9999, 11, 31);

/** UTC offsets of the clocks people keep run from -12:00 to +14:00; +25:00 is no time at all. */
const OFFSET_MINUTES = { "-": 12 * 60, "+": 14 * 60 };

/** The precision a date string is written in, or null when it is not a valid date of any precision. */
export function precisionOf(value: string): Exclude<DatePrecision, "range"> | null {
  const written = writtenPrecision(value);
  if (written === null) return null;
  // A date that ends after the last day the store holds is no date here either.
  return endOfUnit(value, written) <= END_OF_DATES ? written : null;
}

function writtenPrecision(value: string): Exclude<DatePrecision, "range"> | null {
  // Years before 1000 would need a calendar note this field never has; Date.UTC also misreads 0-99.
  if (Number(value.slice(0, 4)) < 1000) return null;
  if (YEAR.test(value)) return "year";
  const month = MONTH.exec(value);
  if (month) return Number(month[2]) >= 1 && Number(month[2]) <= 12 ? "month" : null;
  const day = DAY.exec(value);
  if (day) return isCalendarDay(Number(day[1]), Number(day[2]), Number(day[3])) ? "day" : null;
  const time = TIME.exec(value);
  if (time) {
    const [hour, minute, second] = [Number(time[4]), Number(time[5]), Number(time[6] ?? 0)];
    const isDay = isCalendarDay(Number(time[1]), Number(time[2]), Number(time[3]));
    return isDay && hour < 24 && minute < 60 && second < 60 && isOffset(time[7] ?? "")
      ? "time"
      : null;
  }
  return null;
}

/** True for Z or an offset of ±HH:MM that a clock somewhere keeps. */
function isOffset(offset: string): boolean {
  if (offset === "Z") return true;
  const [hours, minutes] = offset.slice(1).split(":").map(Number) as [number, number];
  return minutes < 60 && hours * 60 + minutes <= OFFSET_MINUTES[offset[0] === "-" ? "-" : "+"];
}

/** The first instant after a unit written at `precision`, in milliseconds since the epoch. */
function endOfUnit(value: string, precision: Exclude<DatePrecision, "range">): number {
  if (precision === "time") return Date.parse(value) + 1000;
  const [y = 0, m = 1, d = 1] = value.split("-").map(Number);
  if (precision === "year") return Date.UTC(y + 1, 0, 1);
  if (precision === "month") return Date.UTC(y, m, 1);
  return Date.UTC(y, m - 1, d + 1);
}

/** Why a string is not a date, in a field's words. */
function notADate(value: string): string {
  const time = TIME.exec(value);
  if (time && !isOffset(time[7] ?? "")) {
    return `"${value}" has a UTC offset no clock keeps (they run from -12:00 to +14:00)`;
  }
  const written = writtenPrecision(value);
  if (written !== null) return `"${value}" ends after 9999-12-30, the last day a date may cover`;
  return `"${value}" is not a date`;
}

export const FuzzyDateSchema = z
  .object({
    value: z.string().max(40).describe("YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 time with offset"),
    precision: z.enum(DATE_PRECISIONS),
    end: z.string().max(40).optional().describe("last day, month or year of a range (inclusive)"),
  })
  .strict()
  .superRefine((date, ctx) => {
    const written = precisionOf(date.value);
    if (written === null) {
      ctx.addIssue({ code: "custom", path: ["value"], message: notADate(date.value) });
      return;
    }
    if (date.precision === "range") {
      if (written === "time") {
        ctx.addIssue({
          code: "custom",
          path: ["value"],
          message: "a range starts on a day, month or year",
        });
      }
      if (date.end === undefined) {
        ctx.addIssue({ code: "custom", path: ["end"], message: "a range needs an end" });
        return;
      }
      const endWritten = precisionOf(date.end);
      if (endWritten === null || endWritten === "time") {
        ctx.addIssue({
          code: "custom",
          path: ["end"],
          message:
            endWritten === null && writtenPrecision(date.end) !== null
              ? notADate(date.end)
              : `"${date.end}" is not a day, month or year`,
        });
        return;
      }
      if (dateBounds(date).end <= dateBounds({ value: date.value, precision: written }).start) {
        ctx.addIssue({ code: "custom", path: ["end"], message: "a range ends after it starts" });
      }
      return;
    }
    if (date.end !== undefined) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "only a range has an end" });
    }
    if (written !== date.precision) {
      ctx.addIssue({
        code: "custom",
        path: ["precision"],
        message: `"${date.value}" is written to ${written} precision, not ${date.precision}`,
      });
    }
  });
export type FuzzyDate = z.infer<typeof FuzzyDateSchema>;

/**
 * The interval a fuzzy date covers, as ISO instants in UTC: start inclusive, end exclusive.
 * "2021-05" covers all of May 2021; a range covers from its first to the end of its last unit.
 * Filters and sorting use these bounds, so a month is never narrowed to a day.
 */
export function dateBounds(date: {
  value: string;
  precision: DatePrecision;
  end?: string | undefined;
}): {
  start: string;
  end: string;
} {
  if (date.precision === "range") {
    const first = unitBounds(date.value);
    const last = unitBounds(date.end ?? date.value);
    return { start: first.start, end: last.end };
  }
  return unitBounds(date.value);
}

function unitBounds(value: string): { start: string; end: string } {
  const precision = precisionOf(value);
  if (precision === "time") {
    const instant = new Date(value);
    return { start: instant.toISOString(), end: new Date(instant.getTime() + 1000).toISOString() };
  }
  const [y = 0, m = 1, d = 1] = value.split("-").map(Number);
  const start = new Date(Date.UTC(y, m - 1, d));
  const end =
    precision === "year"
      ? new Date(Date.UTC(y + 1, 0, 1))
      : precision === "month"
        ? new Date(Date.UTC(y, m, 1))
        : new Date(Date.UTC(y, m - 1, d + 1));
  return { start: start.toISOString(), end: end.toISOString() };
}

/** The calendar day `days` after (or before, when negative) a YYYY-MM-DD day. */
export function shiftDay(day: string, days: number): string {
  const [y = 0, m = 1, d = 1] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The months' English names, lower case, January first: how dates are written in reports and files. */
export const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
] as const;
