import * as chrono from "chrono-node";
import type { FuzzyDate } from "../domain/fuzzy-date.ts";
import {
  addDays,
  addMonths,
  compareDays,
  type Day,
  formatDay,
  formatMonth,
  lastDayOfMonth,
  monthNumber,
  parseDay,
  WEEKDAYS,
  weekdayOf,
} from "./calendar.ts";
import { COUNT_PATTERN, parseCount } from "./numbers.ts";
import type { Span } from "./text-spans.ts";

/**
 * What a date in a sentence dates: the event itself, a deadline ("by 1 March", "within 10 days"),
 * an earlier document or event the sentence only refers to ("the statement of 9 November 2020"),
 * or the start of a period ("since 12 May"), which dates an event only when nothing else does.
 */
export type DateRole = "event" | "due" | "reference" | "since";

export type DateMention = {
  start: number;
  end: number;
  text: string;
  role: DateRole;
  date: FuzzyDate;
};

type Context = {
  published: Day | null;
  /** The sentence speaks of the future ("will meet", "is to"), or this date is a deadline. */
  isForward: boolean;
};

type Resolved = { date: FuzzyDate; role?: DateRole } | null;

type Rule = { pattern: RegExp; resolve: (m: RegExpExecArray, c: Context) => Resolved };

const MONTH =
  "(jan(?:uary|\\.)?|feb(?:ruary|\\.)?|march|mar\\.|april|apr\\.|may|june|july|aug(?:ust|\\.)?|sep(?:tember|t\\.|\\.)?|oct(?:ober|\\.)?|nov(?:ember|\\.)?|dec(?:ember|\\.)?)";
const ORD = "(\\d{1,2})(?:st|nd|rd|th)?";
const WEEKDAY = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
const YEAR = "((?:19|20)\\d{2})";
const FUTURE =
  /\b(will|shall|is to|are to|is due to|are due to|to be held|scheduled|planned|is expected to|are expected to|plan to|plans to|intend to|next)\b/i;
// A deadline, or the moment a promise takes effect ("a ceasefire starting on 20 July", "from 00:00
// on 1 July", "will take effect at 00:01 on 27 July").
const DEADLINE =
  /\b(by|before|no later than|not later than|until|till|deadline of|starting(?: on| from)?|effective(?: from)?|as of|from (?:midnight|00:\d\d|\d\d:\d\d)(?: local time)? on|(?:take|takes|took) effect (?:at (?:midnight|\d\d:\d\d)(?: local time)? )?on)\s+(?:the\s+)?$/i;
const REFERENCE_BEFORE =
  /\b(statements?|agreements?|declarations?|ceasefire|truce|deals?|accords?|documents?|decrees?|resolutions?|war|summit|meeting|talks)\s+(?:of|dated|signed on|reached on|agreed on)\s+$/i;
const REFERENCE_AFTER =
  /^\s+(?:trilateral\s+|joint\s+)?(statement|agreement|declaration|ceasefire|truce|deal|accord)\b/i;

const day = (d: Day): FuzzyDate => ({ value: formatDay(d), precision: "day" });
const month = (year: number, m: number): FuzzyDate => ({
  value: formatMonth(year, m),
  precision: "month",
});
const year = (y: number): FuzzyDate => ({ value: String(y), precision: "year" });
const range = (from: Day, to: Day): FuzzyDate => ({
  value: formatDay(from),
  precision: "range",
  end: formatDay(to),
});

/**
 * The year of a day or month named without one: the latest such date on or before publication for
 * a report of what happened, the earliest on or after it for a plan or deadline.
 */
function inferYear(m: number, d: number, c: Context): number | null {
  if (!c.published) return null;
  const p = c.published;
  const candidate = { year: p.year, month: m, day: d };
  if (c.isForward) return compareDays(candidate, p) < 0 ? p.year + 1 : p.year;
  return compareDays(candidate, p) > 0 ? p.year - 1 : p.year;
}

function dayOf(y: number, m: number, d: number): FuzzyDate | null {
  const parsed = parseDay(
    `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
  );
  return parsed ? day(parsed) : null;
}

function shiftedFromPublished(c: Context, days: number): Resolved {
  return c.published ? { date: day(addDays(c.published, days)) } : null;
}

/** The week (Monday to Sunday) that contains a day. */
function weekOf(d: Day): { from: Day; to: Day } {
  const monday = addDays(d, -((weekdayOf(d) + 6) % 7));
  return { from: monday, to: addDays(monday, 6) };
}

/** "Tuesday" in a report: the latest Tuesday on or before publication; in a plan, the next one. */
function resolveWeekday(name: string, c: Context, strictlyBefore: boolean): Resolved {
  if (!c.published) return null;
  const target = WEEKDAYS.indexOf(name.toLowerCase() as (typeof WEEKDAYS)[number]);
  const today = weekdayOf(c.published);
  if (c.isForward && !strictlyBefore) {
    const ahead = (target - today + 7) % 7 || 7;
    return { date: day(addDays(c.published, ahead)) };
  }
  let back = (today - target + 7) % 7;
  if (back === 0 && strictlyBefore) back = 7;
  return { date: day(addDays(c.published, -back)) };
}

function endOfYear(y: number): Resolved {
  return { date: { value: `${y}-12-31`, precision: "day" }, role: "due" };
}

function endOfMonth(y: number, m: number): Resolved {
  return { date: day({ year: y, month: m, day: lastDayOfMonth(y, m) }), role: "due" };
}

/** Adds a counted period to publication day: "within 10 days", "within three months". */
function periodAfter(c: Context, count: number, unit: string): Day | null {
  if (!c.published) return null;
  if (unit.startsWith("day")) return addDays(c.published, count);
  if (unit.startsWith("week")) return addDays(c.published, 7 * count);
  if (unit.startsWith("month")) return addMonths(c.published, count);
  if (unit.startsWith("year")) return addMonths(c.published, 12 * count);
  return null;
}

// Order matters: longer, more specific expressions first; a later rule never takes text an
// earlier one matched.
const RULES: Rule[] = [
  {
    // Monitors' reporting periods: "between the evenings of 9 and 11 March", "between 23 and 29
    // November", "from 13 to 14 August".
    pattern: new RegExp(
      `\\b(?:between|from)(?: the (?:evenings|mornings|nights) of)? ${ORD}(?: ${MONTH})? (?:and|to|until|-|–) ${ORD} ${MONTH}(?:,? ${YEAR})?`,
      "gi",
    ),
    resolve: (m, c) => {
      const endMonth = monthNumber(m[4] ?? "");
      if (endMonth === null) return null;
      const startMonth = m[2] ? monthNumber(m[2]) : endMonth;
      if (startMonth === null) return null;
      const endDay = Number(m[3]);
      const y = m[5] ? Number(m[5]) : inferYear(endMonth, endDay, c);
      if (y === null) return null;
      const startYear = startMonth > endMonth ? y - 1 : y;
      const from = parseDay(
        `${startYear}-${String(startMonth).padStart(2, "0")}-${String(Number(m[1])).padStart(2, "0")}`,
      );
      const to = parseDay(
        `${y}-${String(endMonth).padStart(2, "0")}-${String(endDay).padStart(2, "0")}`,
      );
      return from && to ? { date: range(from, to) } : null;
    },
  },
  {
    // A daily bulletin's period: "in the past 24 hours", "over the past day".
    pattern:
      /\b(?:in|over|during|for) the (?:past|last|previous) (?:24 hours|twenty-four hours|day)\b/gi,
    resolve: (_m, c) =>
      c.published ? { date: range(addDays(c.published, -1), c.published) } : null,
  },
  {
    pattern: /\b(?:by|before) the end of (?:the |this )?year\b/gi,
    resolve: (_m, c) => (c.published ? endOfYear(c.published.year) : null),
  },
  {
    pattern: /\b(?:by|before) the end of next year\b/gi,
    resolve: (_m, c) => (c.published ? endOfYear(c.published.year + 1) : null),
  },
  {
    pattern: new RegExp(`\\b(?:by|before) the end of ${YEAR}\\b`, "gi"),
    resolve: (m) => endOfYear(Number(m[1])),
  },
  {
    pattern: /\b(?:by|before) the end of (?:the |this )month\b/gi,
    resolve: (_m, c) => (c.published ? endOfMonth(c.published.year, c.published.month) : null),
  },
  {
    pattern: new RegExp(`\\b(?:by|before) the end of ${MONTH}(?:,? ${YEAR})?\\b`, "gi"),
    resolve: (m, c) => {
      const mm = monthNumber(m[1] ?? "");
      if (mm === null) return null;
      const y = m[2] ? Number(m[2]) : inferYear(mm, 1, { ...c, isForward: true });
      return y === null ? null : endOfMonth(y, mm);
    },
  },
  {
    pattern: new RegExp(
      `\\bwithin (?:the next )?${COUNT_PATTERN} (days?|weeks?|months?|years?)\\b`,
      "gi",
    ),
    resolve: (m, c) => {
      const words = m[0].replace(/^within (?:the next )?/i, "").replace(/ \w+$/, "");
      const count = parseCount(words);
      const unit = (m[1] ?? "").toLowerCase();
      const due = count === null ? null : periodAfter(c, count, unit);
      return due ? { date: day(due), role: "due" } : null;
    },
  },
  {
    pattern: new RegExp(
      `\\bnight of ${ORD}\\s*(?:to|into|-|–)\\s*${ORD} ${MONTH}(?:,? ${YEAR})?`,
      "gi",
    ),
    resolve: (m, c) => {
      const mm = monthNumber(m[3] ?? "");
      const d = Number(m[1]);
      if (mm === null) return null;
      const y = m[4] ? Number(m[4]) : inferYear(mm, d, c);
      const date = y === null ? null : dayOf(y, mm, d);
      return date ? { date } : null;
    },
  },
  {
    pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    resolve: (m) => {
      const date = dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
      return date ? { date } : null;
    },
  },
  {
    pattern: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g,
    resolve: (m) => {
      const date = dayOf(Number(m[3]), Number(m[2]), Number(m[1]));
      return date ? { date } : null;
    },
  },
  {
    // "Saturday, 10 October", "Friday 26 December": one day, named twice; the date decides.
    pattern: new RegExp(`\\b${WEEKDAY},? ${ORD}(?: of)? ${MONTH}(?![a-z])(?:,? ${YEAR})?`, "gi"),
    resolve: (m, c) => {
      const mm = monthNumber(m[3] ?? "");
      const d = Number(m[2]);
      if (mm === null) return null;
      const y = m[4] ? Number(m[4]) : inferYear(mm, d, c);
      const date = y === null ? null : dayOf(y, mm, d);
      return date ? { date } : null;
    },
  },
  {
    pattern: new RegExp(`\\b${ORD}(?: of)? ${MONTH},? ${YEAR}\\b`, "gi"),
    resolve: (m) => {
      const mm = monthNumber(m[2] ?? "");
      const date = mm === null ? null : dayOf(Number(m[3]), mm, Number(m[1]));
      return date ? { date } : null;
    },
  },
  {
    pattern: new RegExp(`\\b${MONTH} ${ORD},? ${YEAR}\\b`, "gi"),
    resolve: (m) => {
      const mm = monthNumber(m[1] ?? "");
      const date = mm === null ? null : dayOf(Number(m[3]), mm, Number(m[2]));
      return date ? { date } : null;
    },
  },
  {
    pattern: new RegExp(`\\b${ORD}(?: of)? ${MONTH}(?![a-z])`, "gi"),
    resolve: (m, c) => {
      const mm = monthNumber(m[2] ?? "");
      const d = Number(m[1]);
      if (mm === null) return null;
      const y = inferYear(mm, d, c);
      const date = y === null ? null : dayOf(y, mm, d);
      return date ? { date } : null;
    },
  },
  {
    // "May 12" but not "May 2021" (a month, below) and not "may 1" in running prose without a capital.
    pattern: new RegExp(`\\b${MONTH} ${ORD}\\b(?!,? \\d)`, "gi"),
    resolve: (m, c) => {
      if (!/^[A-Z]/.test(m[0])) return null;
      const mm = monthNumber(m[1] ?? "");
      const d = Number(m[2]);
      if (mm === null) return null;
      const y = inferYear(mm, d, c);
      const date = y === null ? null : dayOf(y, mm, d);
      return date ? { date } : null;
    },
  },
  {
    pattern: new RegExp(`\\b${MONTH},? ${YEAR}\\b`, "gi"),
    resolve: (m) => {
      const mm = monthNumber(m[1] ?? "");
      return mm === null ? null : { date: month(Number(m[2]), mm) };
    },
  },
  {
    // A bare month needs a word that makes it a time ("in May", "since March"): "may" and "march"
    // are also a verb.
    pattern: new RegExp(
      `\\b(?:in|since|from|until|till|by|during|early|mid-|late|end of|beginning of|start of)\\s*(?:early |mid-|late )?${MONTH}(?![a-z])`,
      "gi",
    ),
    resolve: (m, c) => {
      const word = m[1] ?? "";
      if (!/^[A-Z]/.test(word)) return null;
      const mm = monthNumber(word);
      if (mm === null) return null;
      const y = inferYear(mm, 1, c);
      return y === null ? null : { date: month(y, mm) };
    },
  },
  {
    pattern: /\bthe day before yesterday\b/gi,
    resolve: (_m, c) => shiftedFromPublished(c, -2),
  },
  {
    pattern:
      /\b(?:yesterday(?:'s|’s)?(?: (?:morning|afternoon|evening))?|last night|last evening|the previous (?:night|evening|morning|afternoon|day)|the night before|the day before|overnight)\b/gi,
    resolve: (_m, c) => shiftedFromPublished(c, -1),
  },
  {
    pattern:
      /\b(?:today(?:'s|’s)?|this morning|this afternoon|this evening|tonight|earlier today)\b/gi,
    resolve: (_m, c) => shiftedFromPublished(c, 0),
  },
  {
    pattern: /\btomorrow\b/gi,
    resolve: (_m, c) => shiftedFromPublished(c, 1),
  },
  {
    pattern: new RegExp(
      `\\b(last|this|next|on|late on|early on|since|from|by|until) ${WEEKDAY}\\b`,
      "gi",
    ),
    resolve: (m, c) => {
      const how = (m[1] ?? "").toLowerCase();
      const name = m[2] ?? "";
      if (how === "next") return resolveWeekday(name, { ...c, isForward: true }, false);
      if (how === "last") return resolveWeekday(name, { ...c, isForward: false }, true);
      if (how === "by" || how === "until")
        return resolveWeekday(name, { ...c, isForward: true }, false);
      return resolveWeekday(name, c, false);
    },
  },
  {
    // "Tuesday's shelling", "Monday night", "on Tuesday" written without "on" at a clause start.
    pattern: new RegExp(`\\b${WEEKDAY}(?=(?:'s|’s| night| morning| evening| afternoon|,))`, "gi"),
    resolve: (m, c) => (/^[A-Z]/.test(m[0]) ? resolveWeekday(m[1] ?? "", c, false) : null),
  },
  {
    pattern: new RegExp(`\\b${COUNT_PATTERN} days? ago\\b`, "gi"),
    resolve: (m, c) => {
      const count = parseCount(m[0].replace(/ days? ago$/i, ""));
      return count === null ? null : shiftedFromPublished(c, -count);
    },
  },
  {
    // A daily statement's "over the past week": the seven days before it, not the calendar week.
    pattern: /\b(?:over|in|during) the (?:past|last) (?:week|seven days|7 days)\b/gi,
    resolve: (_m, c) =>
      c.published ? { date: range(addDays(c.published, -7), addDays(c.published, -1)) } : null,
  },
  {
    pattern: /\b(?:last|past|previous) week\b/gi,
    resolve: (_m, c) => {
      if (!c.published) return null;
      const w = weekOf(addDays(c.published, -7));
      return { date: range(w.from, w.to) };
    },
  },
  {
    pattern: /\b(?:earlier )?this week\b/gi,
    resolve: (_m, c) => {
      if (!c.published) return null;
      const w = weekOf(c.published);
      if (c.isForward) return { date: range(c.published, w.to) };
      return compareDays(w.from, c.published) === 0
        ? { date: day(c.published) }
        : { date: range(w.from, c.published) };
    },
  },
  {
    // "in the coming days": the ten days after the dateline.
    pattern: /\bin the (?:coming|next few) days\b/gi,
    resolve: (_m, c) =>
      c.published ? { date: range(addDays(c.published, 1), addDays(c.published, 10)) } : null,
  },
  {
    pattern: /\bnext week\b/gi,
    resolve: (_m, c) => {
      if (!c.published) return null;
      const w = weekOf(addDays(c.published, 7));
      return { date: range(w.from, w.to) };
    },
  },
  {
    pattern: /\b(?:last|past|previous) month\b/gi,
    resolve: (_m, c) => {
      if (!c.published) return null;
      const d = addMonths({ ...c.published, day: 1 }, -1);
      return { date: month(d.year, d.month) };
    },
  },
  {
    pattern: /\b(?:earlier |later )?this month\b/gi,
    resolve: (_m, c) => (c.published ? { date: month(c.published.year, c.published.month) } : null),
  },
  {
    pattern: /\bnext month\b/gi,
    resolve: (_m, c) => {
      if (!c.published) return null;
      const d = addMonths({ ...c.published, day: 1 }, 1);
      return { date: month(d.year, d.month) };
    },
  },
  {
    pattern: /\b(?:last|past|previous) year\b/gi,
    resolve: (_m, c) => (c.published ? { date: year(c.published.year - 1) } : null),
  },
  {
    pattern: /\b(?:earlier |later )?this year\b/gi,
    resolve: (_m, c) => (c.published ? { date: year(c.published.year) } : null),
  },
  {
    pattern: /\bnext year\b/gi,
    resolve: (_m, c) => (c.published ? { date: year(c.published.year + 1) } : null),
  },
  {
    pattern: new RegExp(`\\b(?:in|since|during|of|by|until|from|throughout) ${YEAR}\\b`, "gi"),
    resolve: (m) => ({ date: year(Number(m[1])) }),
  },
];

/**
 * Whether the words before a date put it in the future: the last future marker ("will host",
 * "is to") comes after the last past participle ("signed in Moscow on Monday").
 */
function speaksOfFuture(before: string): boolean {
  const future = [...before.matchAll(new RegExp(FUTURE.source, "gi"))].at(-1);
  if (!future) return false;
  // "scheduled" and "planned" look like past participles but speak of what is to come.
  const past = [
    ...before.matchAll(/\b(?:[a-z]{3,}ed|met|held|took|began|fought|shot|said|told)\b/gi),
  ]
    .filter((m) => !/^(?:scheduled|planned|expected)$/i.test(m[0]))
    .at(-1);
  return past === undefined || (future.index ?? 0) > (past.index ?? 0);
}

type ChronoResult = ReturnType<typeof chrono.parse>[number];

/** chrono-node's reading of a sentence, at noon UTC of the dateline so no time zone moves a day. */
function parseWithChrono(text: string, published: Day | null): ChronoResult[] {
  if (!/\d|\b(?:ago|later|earlier)\b/i.test(text)) return [];
  const instant = published
    ? new Date(Date.UTC(published.year, published.month - 1, published.day, 12))
    : new Date(Date.UTC(2000, 0, 1, 12));
  return chrono.en.casual.parse(text, { instant, timezone: 0 });
}

/** A chrono-node result as a day, when it is sure of the day (and of the year without a dateline). */
function chronoDay(
  text: string,
  r: ChronoResult,
  published: Day | null,
  isForward: boolean,
): Resolved {
  const start = r.start;
  if (!start.isCertain("day") || !start.isCertain("month")) return null;
  // Times of day alone ("at 18:00") and bare numbers are not dates.
  if (!/[A-Za-z]/.test(r.text.replace(/\b(?:at|on|in)\b/gi, ""))) return null;
  const m = start.get("month");
  const d = start.get("day");
  if (m === null || d === null) return null;
  let y = start.isCertain("year") ? start.get("year") : null;
  if (y === null) {
    if (!published) return null;
    y = inferYear(m, d, { published, isForward });
  }
  if (y === null) return null;
  const date = dayOf(y, m, d);
  void text;
  return date ? { date } : null;
}

/**
 * Finds the dates a sentence states and resolves each against the publication day (YYYY-MM-DD):
 * "on Tuesday" is the latest Tuesday on or before publication, "yesterday's fighting" the day
 * before it, "by the end of the year" a deadline on 31 December. Offsets are absolute, in the
 * sentence's text. Without a publication day, only dates that name their year are resolved.
 */
export function findDates(sentence: Span, published: string | undefined): DateMention[] {
  const pub = published ? parseDay(published) : null;
  const taken: Array<[number, number]> = [];
  const found: DateMention[] = [];
  const place = (at: number, to: number, resolved: NonNullable<Resolved>, isDeadline: boolean) => {
    taken.push([at, to]);
    const text = sentence.text.slice(at, to);
    const before = sentence.text.slice(Math.max(0, at - 40), at);
    const after = sentence.text.slice(to, to + 40);
    const isReference = REFERENCE_BEFORE.test(before) || REFERENCE_AFTER.test(after);
    // "since last year's war", "since 12 May": the start of a period, not the day reported.
    const isSince = /\bsince\s+$/i.test(before) || /^since\b/i.test(text);
    const role: DateRole = isReference
      ? "reference"
      : isSince
        ? "since"
        : (resolved.role ?? (isDeadline ? "due" : "event"));
    found.push({
      start: sentence.start + at,
      end: sentence.start + to,
      text,
      role,
      date: resolved.date,
    });
  };
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (const m of sentence.text.matchAll(rule.pattern)) {
      const at = m.index ?? 0;
      const to = at + m[0].length;
      if (taken.some(([s, e]) => at < e && to > s)) continue;
      const before = sentence.text.slice(Math.max(0, at - 40), at);
      // "a full ceasefire from 1 September": the day a truce starts is when it falls due.
      const isDeadline =
        DEADLINE.test(before) ||
        (/\bfrom\s+$/i.test(before) && /\b(?:ceasefire|truce|silence)\b/i.test(sentence.text));
      const isFuture = speaksOfFuture(sentence.text.slice(0, at));
      const resolved = rule.resolve(m as RegExpExecArray, {
        published: pub,
        isForward: isFuture || isDeadline,
      });
      if (resolved) place(at, to, resolved, isDeadline);
    }
  }
  // What the field's own rules above do not read, chrono-node may: "the 5th of May", "Dec. 3rd",
  // "two weeks ago", "in three days". Only days it is sure of, counted from the dateline, forward
  // when the sentence speaks of the future.
  for (const r of parseWithChrono(sentence.text, pub)) {
    const at = r.index;
    const to = at + r.text.length;
    if (taken.some(([s, e]) => at < e && to > s)) continue;
    const before = sentence.text.slice(Math.max(0, at - 40), at);
    const isDeadline = DEADLINE.test(before);
    const isFuture = speaksOfFuture(sentence.text.slice(0, at));
    const resolved = chronoDay(sentence.text, r, pub, isFuture || isDeadline);
    if (resolved) place(at, to, resolved, isDeadline);
  }
  found.sort((a, b) => a.start - b.start);
  // "the statements of 9 November 2020 and 11 January 2021": a list continues a reference.
  for (let i = 1; i < found.length; i++) {
    const previous = found[i - 1];
    const current = found[i];
    if (!previous || !current || previous.role !== "reference" || current.role !== "event")
      continue;
    const between = sentence.text.slice(
      previous.end - sentence.start,
      current.start - sentence.start,
    );
    if (/^\s*(?:,|and|or|, and)\s*$/.test(between)) current.role = "reference";
  }
  return found;
}

/** A dateline's day ("YEREVAN, 17 November 2021 –", "Nov 16 (Reuters)"), when a report opens with one. */
export function findDateline(text: string): string | undefined {
  const head: Span = { start: 0, end: Math.min(text.length, 120), text: text.slice(0, 120) };
  const firstLine = head.text.split("\n")[0] ?? "";
  if (
    !/^\p{Lu}[\p{Lu} .'-]+,/u.test(firstLine) &&
    !/\((?:Reuters|AP|AFP|TASS|APA|Armenpress)\)/.test(firstLine)
  )
    return undefined;
  const dated = findDates({ start: 0, end: firstLine.length, text: firstLine }, undefined).find(
    (d) => d.date.precision === "day",
  );
  return dated?.date.value;
}
