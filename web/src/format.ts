import type { Count } from "../../src/domain/figures.ts";
import type { FuzzyDate } from "../../src/domain/fuzzy-date.ts";
import { type Commitment, isOverdue } from "../../src/domain/kinds/commitment.schema.ts";
import type { Place } from "../../src/domain/place.ts";
import type { ApiRecord } from "./api.ts";

/**
 * A date as precise as it was recorded, in the reader's language: "November 2021", never
 * "1 November 2021" for a month.
 */
export function formatDate(date: FuzzyDate | undefined, language: string): string {
  if (!date) return "";
  const at = (value: string) =>
    new Date(value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value);
  const fmt = (value: string, precision: string) => {
    const options: Intl.DateTimeFormatOptions =
      precision === "year"
        ? { year: "numeric", timeZone: "UTC" }
        : precision === "month"
          ? { year: "numeric", month: "long", timeZone: "UTC" }
          : precision === "time"
            ? { dateStyle: "medium", timeStyle: "short" }
            : { dateStyle: "medium", timeZone: "UTC" };
    return new Intl.DateTimeFormat(language, options).format(at(value));
  };
  const precisionOf = (value: string) =>
    value.length === 4 ? "year" : value.length === 7 ? "month" : "day";
  if (date.precision === "range" && date.end)
    return `${fmt(date.value, precisionOf(date.value))} – ${fmt(date.end, precisionOf(date.end))}`;
  return fmt(date.value, date.precision);
}

/** An instant (an ISO 8601 time, as the ledger stamps its heads and entries) to the second. */
export function formatTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium" }).format(
    new Date(iso),
  );
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

/** A place's name in the reader's language where the record has one. */
export function placeName(
  place: Pick<Place, "name" | "names"> | undefined,
  language: string,
): string {
  if (!place) return "";
  return place.names?.[language] ?? place.name;
}

/** A count as it was claimed: a number, a low–high span, or the words used. */
export function formatCount(count: unknown, language: string): string {
  if (typeof count === "number") return formatNumber(count, language);
  if (count && typeof count === "object") {
    const c = count as Exclude<Count, number>;
    if (c.best !== undefined) return formatNumber(c.best, language);
    if (c.low !== undefined && c.high !== undefined)
      return `${formatNumber(c.low, language)}–${formatNumber(c.high, language)}`;
    if (c.low !== undefined) return `≥ ${formatNumber(c.low, language)}`;
    if (c.text) return `“${c.text}”`;
  }
  return "?";
}

/** Whether an open commitment is past its due date today, by the domain's own rule. */
export function isCommitmentOverdue(commitment: ApiRecord): boolean {
  return isOverdue(commitment as unknown as Commitment, new Date().toISOString().slice(0, 10));
}

/**
 * A coded value (a status, a kind, a precision) in the reader's language: `values.<code>` of the
 * translations, else the code with spaces for underscores, so a value added later still reads.
 */
export function valueLabel(t: (key: string, options: { defaultValue: string }) => string) {
  return (value: unknown): string => {
    const code = String(value ?? "");
    return t(`values.${code}`, { defaultValue: code.replaceAll("_", " ") });
  };
}
