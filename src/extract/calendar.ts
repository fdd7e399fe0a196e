import { isCalendarDay, MONTH_NAMES } from "../domain/fuzzy-date.ts";

/** A calendar day as numbers; months 1–12. Pure arithmetic in UTC, so no time zone shifts a day. */
export type Day = { year: number; month: number; day: number };

export const MONTHS = MONTH_NAMES;

export const WEEKDAYS = [
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
] as const;

/** The month number (1–12) for an English month name or its usual abbreviation, else null. */
export function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  const index = MONTHS.findIndex((m) => m === w || (w.length >= 3 && m.startsWith(w)));
  return index < 0 ? null : index + 1;
}

export function parseDay(value: string): Day | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const day = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isCalendarDay(day.year, day.month, day.day) ? day : null;
}

export function addDays(d: Day, n: number): Day {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Adds whole months, keeping the day where the month has it and the month's last day otherwise. */
export function addMonths(d: Day, n: number): Day {
  const total = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return { year, month, day: Math.min(d.day, lastDayOfMonth(year, month)) };
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 for Sunday ... 6 for Saturday. */
export function weekdayOf(d: Day): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

export function compareDays(a: Day, b: Day): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function formatDay(d: Day): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

export function formatMonth(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month)}`;
}
