import { bestValue, type Count, FIGURE_CATEGORIES } from "./figures.ts";
import { DAY_MS, dateBounds, type FuzzyDate, shiftDay } from "./fuzzy-date.ts";
import type { Claim } from "./kinds/claim.schema.ts";
import { type Commitment, isOverdue } from "./kinds/commitment.schema.ts";
import { type Exchange, exchangeBalances } from "./kinds/exchange.schema.ts";
import type { Incident } from "./kinds/incident.schema.ts";
import type { Meeting } from "./kinds/meeting.schema.ts";
import type { ViolationCount } from "./kinds/violation-count.schema.ts";
import { type Withdrawal, withdrawalGap } from "./kinds/withdrawal.schema.ts";
import type { LocalizedNames } from "./names.ts";
import type { Place } from "./place.ts";

/**
 * A daily or weekly situation report as a document: what happened in the period, what is due and
 * overdue, each figure with the sources it rests on. Built once from the records a viewer may see
 * and rendered to Markdown, HTML and PDF without any renderer choosing what goes in. Pure.
 */

export const REPORT_KINDS = ["daily", "weekly"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** How far ahead a report looks for commitments falling due and meetings planned. */
export const LOOKAHEAD_DAYS = 14;

/** The days a report covers: a day, or the seven days ending on its date. Both ends inclusive. */
export type ReportPeriod = {
  kind: ReportKind;
  /** The report's date: the day it reports on, or the last day of its week. */
  date: string;
  first_day: string;
  last_day: string;
  /** The period as instants, start inclusive, end exclusive (as `dateBounds` gives them). */
  start: string;
  end: string;
  /** The last day the look ahead reaches, inclusive. */
  ahead_to: string;
};

export function reportPeriod(kind: ReportKind, date: string): ReportPeriod {
  const first = kind === "daily" ? date : shiftDay(date, -6);
  return {
    kind,
    date,
    first_day: first,
    last_day: date,
    start: `${first}T00:00:00.000Z`,
    end: `${shiftDay(date, 1)}T00:00:00.000Z`,
    ahead_to: shiftDay(date, LOOKAHEAD_DAYS),
  };
}

/** Where a date's span lies against the period: inside it, or only overlapping it (less precise). */
function placement(
  date: FuzzyDate | undefined,
  period: { start: string; end: string },
): "inside" | "overlaps" | "outside" {
  if (date === undefined) return "outside";
  const { start, end } = dateBounds(date);
  if (end <= period.start || start >= period.end) return "outside";
  return start >= period.start && end <= period.end ? "inside" : "overlaps";
}

type WithId<T> = T & { id: string };

export type ReportActor = { id: string; name: string; names?: LocalizedNames | undefined };
export type ReportSource = {
  id: string;
  title: string;
  publisher?: string | undefined;
  url?: string | undefined;
  published?: FuzzyDate | undefined;
};

/** Everything a report is assembled from: records the viewer may see, and the words it needs. */
export type ReportInput = {
  process: { slug: string; name: string; names?: LocalizedNames | undefined };
  period: ReportPeriod;
  language: string;
  generated_at: string;
  incidents: readonly WithId<Incident>[];
  /** Claims about the incidents above (any date: a side's version may come later). */
  claims: readonly WithId<Claim>[];
  violation_counts: readonly WithId<ViolationCount>[];
  exchanges: readonly WithId<Exchange>[];
  meetings: readonly WithId<Meeting>[];
  commitments: readonly WithId<Commitment>[];
  withdrawals: readonly WithId<Withdrawal>[];
  actors: readonly ReportActor[];
  sources: readonly ReportSource[];
  /** The process's map region, [west, south, east, north], when it has one. */
  bbox?: readonly [number, number, number, number] | undefined;
  /** Kinds of which more records matched than were read: the report says it lists only some. */
  truncated?: readonly string[] | undefined;
  /** How many records of a kind were read at most. */
  max_records?: number | undefined;
};

/** A count as stated: "7", "5–9 (best 7)", or the words when no number was given. */
export type StatedCount = { text: string; best: number | null };

/** The numbers of `REPORT.sources` (1-based) an item rests on. */
export type Cited = { sources: number[] };

export type ReportFigure = Cited & {
  category: (typeof FIGURE_CATEGORIES)[number];
  side: string;
  count: StatedCount;
};

export type ReportClaim = Cited & {
  id: string;
  claimant: string | null;
  date: string | null;
  statement: string;
  blamed: string[];
  figures: ReportFigure[];
};

export type ReportIncident = Cited & {
  id: string;
  /** Its number on the map, when it has a point. */
  mark: number | null;
  date: string;
  title: string;
  kind: Incident["kind"];
  place: string;
  verification: Incident["verification"]["status"];
  claims: ReportClaim[];
};

export type ReportViolationCount = Cited & {
  id: string;
  reporter: string;
  period: string;
  place: string | null;
  violations: StatedCount | null;
  explosions: StatedCount | null;
  blamed: string[];
};

export type ReportExchange = Cited & {
  id: string;
  date: string;
  place: string | null;
  principle: Exchange["principle"];
  reported_by: string | null;
  balances: Array<{
    side: string;
    persons_sent: number;
    persons_received: number;
    bodies_sent: number;
    bodies_received: number;
    is_partial: boolean;
  }>;
};

export type ReportMeeting = Cited & {
  id: string;
  date: string;
  title: string;
  kind: Meeting["kind"];
  status: Meeting["status"];
  place: string | null;
  participants: string[];
};

export type ReportCommitment = Cited & {
  id: string;
  due: string;
  summary: string;
  owners: string[];
  /** Days past due at the report's date (overdue ones), or days left until it ends (due ones). */
  days: number;
};

export type ReportWithdrawal = Cited & {
  id: string;
  title: string;
  subject: Withdrawal["subject"];
  withdrawing: string[];
  place: string;
  due: string | null;
  verification: Withdrawal["verification"]["status"];
  /** Reports by the sides made in the period, each with its sources. */
  reports: Array<
    Cited & {
      by: string;
      date: string;
      says: string;
      count: StatedCount | null;
      note: string | null;
    }
  >;
  is_unverified_claim: boolean;
};

export type MapPoint = {
  mark: number;
  lon: number;
  lat: number;
  kind: Incident["kind"];
  /** The place's name in the report's language, written beside the mark. */
  place: string;
};

export type SituationReport = {
  process: { slug: string; name: string };
  period: ReportPeriod;
  language: string;
  generated_at: string;
  incidents: ReportIncident[];
  /** Incidents known less precisely than the period (a month, a long range) that overlap it. */
  imprecise_incidents: number;
  violation_counts: ReportViolationCount[];
  exchanges: ReportExchange[];
  meetings_held: ReportMeeting[];
  meetings_planned: ReportMeeting[];
  commitments_overdue: ReportCommitment[];
  commitments_due: ReportCommitment[];
  withdrawals: ReportWithdrawal[];
  sources: Array<ReportSource & { number: number }>;
  map: { bbox: [number, number, number, number] | null; points: MapPoint[] };
  /** Kinds listed only in part, and the most records of a kind read. */
  truncated: { kinds: string[]; max_records: number } | null;
};

/** The name of an actor in the language asked for, else its own; an unknown id stays as it is. */
function namer(actors: readonly ReportActor[], language: string): (id: string) => string {
  const byId = new Map(actors.map((a) => [a.id, a]));
  return (id) => {
    const actor = byId.get(id);
    return actor ? (actor.names?.[language] ?? actor.name) : id;
  };
}

function placeName(place: Place | undefined, language: string): string | null {
  if (!place) return null;
  return place.names?.[language] ?? place.name;
}

/** A date as written: a day, a month, a time, or a range "first/last". */
function written(date: FuzzyDate): string {
  return date.precision === "range" && date.end ? `${date.value}/${date.end}` : date.value;
}

/** A count as it was stated, never averaged: the number, the range with its best, or the words. */
export function statedCount(count: Count): StatedCount {
  if (typeof count === "number") return { text: String(count), best: count };
  const range =
    count.low !== undefined && count.high !== undefined && count.low !== count.high
      ? `${count.low}–${count.high}`
      : null;
  const parts = [
    range && count.best !== undefined ? `${count.best} (${range})` : (range ?? count.best ?? null),
    count.text ? `“${count.text}”` : null,
  ].filter((p) => p !== null && p !== undefined);
  const fallback = count.low ?? count.high;
  return {
    text: parts.length > 0 ? parts.join(" ") : String(fallback ?? "?"),
    best: bestValue(count),
  };
}

/** Code-point order: ISO dates and ids sort as written ("~", for no date, after every digit). */
const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const byDate = <T extends { date: string; id: string }>(a: T, b: T) =>
  order(a.date, b.date) || order(a.id, b.id);

/** Assembles the report from the period's records. What is in or out is decided here, once. */
export function assembleSituationReport(input: ReportInput): SituationReport {
  const { period, language } = input;
  const name = namer(input.actors, language);
  const sourceById = new Map(input.sources.map((s) => [s.id, s]));
  const cited: Array<ReportSource & { number: number }> = [];
  const numberOf = new Map<string, number>();
  /** Numbers the sources in the order the report first cites them; ones not visible are left out. */
  const cite = (ids: readonly string[]): number[] =>
    ids.flatMap((id) => {
      const known = numberOf.get(id);
      if (known !== undefined) return [known];
      const source = sourceById.get(id);
      if (!source) return [];
      const number = cited.length + 1;
      cited.push({ ...source, number });
      numberOf.set(id, number);
      return [number];
    });

  const inPeriod = input.incidents.filter((i) => placement(i.date, period) === "inside");
  const imprecise = input.incidents.filter((i) => placement(i.date, period) === "overlaps").length;
  const claimsOf = new Map<string, WithId<Claim>[]>();
  for (const claim of input.claims) {
    if (claim.incident_id === undefined) continue;
    claimsOf.set(claim.incident_id, [...(claimsOf.get(claim.incident_id) ?? []), claim]);
  }
  const points: MapPoint[] = [];
  const incidents = inPeriod
    .map((i) => ({ i, date: written(i.date), sortKey: dateBounds(i.date).start, id: i.id }))
    .sort((a, b) => order(a.sortKey, b.sortKey) || order(a.id, b.id))
    .map(({ i, date }): ReportIncident => {
      const sources = cite(i.source_ids);
      const claims = (claimsOf.get(i.id) ?? [])
        .map((c) => ({ c, key: c.date ? dateBounds(c.date).start : "~" }))
        .sort((a, b) => order(a.key, b.key) || order(a.c.id, b.c.id))
        .map(({ c }): ReportClaim => {
          const claimSources = cite(c.source_ids);
          return {
            id: c.id,
            claimant: c.claimant ? name(c.claimant) : null,
            date: c.date ? written(c.date) : null,
            statement: c.statement,
            blamed: c.blamed.map(name),
            sources: claimSources,
            figures: FIGURE_CATEGORIES.flatMap((category) =>
              Object.entries(c.figures[category] ?? {}).map(([side, count]) => ({
                category,
                side: side === "civilians" || side === "unknown" ? side : name(side),
                count: statedCount(count),
                sources: claimSources,
              })),
            ),
          };
        });
      let mark: number | null = null;
      if (i.place.lon !== undefined && i.place.lat !== undefined) {
        mark = points.length + 1;
        points.push({
          mark,
          lon: i.place.lon,
          lat: i.place.lat,
          kind: i.kind,
          place: placeName(i.place, language) ?? "",
        });
      }
      return {
        id: i.id,
        mark,
        date,
        title: i.title,
        kind: i.kind,
        place: placeName(i.place, language) ?? "",
        verification: i.verification.status,
        claims,
        sources,
      };
    });

  const violationCounts = input.violation_counts
    .filter((v) => placement(v.period, period) === "inside")
    .map(
      (v): ReportViolationCount => ({
        id: v.id,
        reporter: name(v.reporter),
        period: written(v.period),
        place: placeName(v.place, language),
        violations: v.violations === undefined ? null : statedCount(v.violations),
        explosions: v.explosions === undefined ? null : statedCount(v.explosions),
        blamed: v.blamed.map(name),
        sources: cite(v.source_ids),
      }),
    )
    .sort((a, b) => order(a.period, b.period) || a.reporter.localeCompare(b.reporter));

  const exchanges = input.exchanges
    .filter((e) => placement(e.date, period) === "inside")
    .map(
      (e): ReportExchange => ({
        id: e.id,
        date: written(e.date),
        place: placeName(e.place, language),
        principle: e.principle,
        reported_by: e.reported_by ? name(e.reported_by) : null,
        balances: exchangeBalances(e).map((b) => ({ ...b, side: name(b.side) })),
        sources: cite(e.source_ids),
      }),
    )
    .sort(byDate);

  const meeting = (m: WithId<Meeting>): ReportMeeting => ({
    id: m.id,
    date: written(m.date),
    title: m.title,
    kind: m.kind,
    status: m.status,
    place: placeName(m.place, language),
    participants: m.participants.map(name),
    sources: cite(m.source_ids),
  });
  // Held, postponed or cancelled in the period; planned from the period's first day to the look
  // ahead's last, so a meeting still marked planned on a past day of the period shows as planned.
  const meetingsHeld = input.meetings
    .filter((m) => m.status !== "planned" && placement(m.date, period) === "inside")
    .map(meeting)
    .sort(byDate);
  const ahead = { start: period.start, end: `${shiftDay(period.ahead_to, 1)}T00:00:00.000Z` };
  const meetingsPlanned = input.meetings
    .filter((m) => m.status === "planned" && placement(m.date, ahead) !== "outside")
    .map(meeting)
    .sort(byDate);

  // Overdue: open, and the due date ended before the report's date began. Due: open and ending
  // on or after it, starting no later than the look ahead's last day (a month-precise deadline
  // that has begun is due, not overdue, until its month ends).
  const dayStart = Date.parse(`${period.date}T00:00:00.000Z`);
  const commitment = (c: WithId<Commitment>, days: number): ReportCommitment => ({
    id: c.id,
    due: c.due ? written(c.due) : "",
    summary: c.summary,
    owners: c.owners.map(name),
    days,
    sources: cite(c.source_ids),
  });
  const open = input.commitments.filter((c) => c.status === "open" && c.due !== undefined);
  const overdue = open
    .filter((c) => isOverdue(c, period.date))
    .map((c) => {
      const end = Date.parse(dateBounds(c.due as FuzzyDate).end);
      return commitment(c, Math.round((dayStart - end) / DAY_MS) + 1);
    })
    .sort((a, b) => b.days - a.days || order(a.id, b.id));
  const due = open
    .filter((c) => !isOverdue(c, period.date) && dateBounds(c.due as FuzzyDate).start < ahead.end)
    .map((c) => {
      const end = Date.parse(dateBounds(c.due as FuzzyDate).end);
      return commitment(c, Math.round((end - dayStart) / DAY_MS) - 1);
    })
    .sort((a, b) => a.days - b.days || order(a.id, b.id));

  const withdrawals = input.withdrawals
    .map((w) => {
      const reports = w.reports.filter((r) => placement(r.date, period) === "inside");
      const isDueAhead = w.due !== undefined && placement(w.due, ahead) !== "outside";
      if (reports.length === 0 && !isDueAhead) return null;
      const gap = withdrawalGap(w);
      return {
        id: w.id,
        title: w.title,
        subject: w.subject,
        withdrawing: w.withdrawing.map(name),
        place: placeName(w.place, language) ?? "",
        due: w.due ? written(w.due) : null,
        verification: w.verification.status,
        sources: cite(w.source_ids),
        reports: reports.map((r) => ({
          by: name(r.by),
          date: written(r.date),
          says: r.says,
          count: r.count === undefined ? null : statedCount(r.count),
          note: r.note ?? null,
          sources: cite(r.source_ids),
        })),
        is_unverified_claim: gap.is_unverified_claim,
      } satisfies ReportWithdrawal;
    })
    .filter((w) => w !== null);

  return {
    process: {
      slug: input.process.slug,
      name: input.process.names?.[language] ?? input.process.name,
    },
    period,
    language,
    generated_at: input.generated_at,
    incidents,
    imprecise_incidents: imprecise,
    violation_counts: violationCounts,
    exchanges,
    meetings_held: meetingsHeld,
    meetings_planned: meetingsPlanned,
    commitments_overdue: overdue,
    commitments_due: due,
    withdrawals,
    sources: cited,
    map: { bbox: input.bbox ? [...input.bbox] : null, points },
    truncated:
      input.truncated && input.truncated.length > 0
        ? { kinds: [...input.truncated], max_records: input.max_records ?? 0 }
        : null,
  };
}
