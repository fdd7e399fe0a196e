import {
  LOOKAHEAD_DAYS,
  type SituationReport,
  type StatedCount,
} from "../domain/situation-report.ts";
import type { ReportMessages } from "./messages.ts";

/**
 * A report laid out as blocks in one language: what every renderer (Markdown, HTML, PDF) draws in
 * its own way, so the three say the same thing in the same order and none decides what goes in.
 */

/** A table cell: its text, and the numbers of the sources it rests on. */
export type Cell = { text: string; sources?: readonly number[] };

export type Block =
  | { type: "title"; text: string; subtitle: string }
  | { type: "note"; text: string }
  | { type: "heading"; text: string }
  | { type: "subheading"; text: string; sources?: readonly number[] }
  | { type: "list"; items: string[] }
  | {
      type: "table";
      columns: string[];
      /** Relative widths of the columns, for the PDF. */
      widths: number[];
      rows: Cell[][];
    }
  | { type: "map"; caption: string }
  | {
      type: "sources";
      heading: string;
      items: Array<{ number: number; text: string; url?: string }>;
    };

const cell = (text: string | null | undefined, sources?: readonly number[]): Cell =>
  sources && sources.length > 0 ? { text: text ?? "", sources } : { text: text ?? "" };

const count = (c: StatedCount | null) => c?.text ?? "–";

/** Source numbers as a citation: "[1, 3]". */
export function citation(sources: readonly number[] | undefined): string {
  return sources && sources.length > 0 ? `[${sources.join(", ")}]` : "";
}

export function layoutReport(report: SituationReport, m: ReportMessages): Block[] {
  const { period } = report;
  const blocks: Block[] = [];
  const none = (text: string) => blocks.push({ type: "note", text });
  blocks.push({
    type: "title",
    text: `${m.t("title", { kind: period.kind })}: ${report.process.name}`,
    subtitle: m.t("period", {
      kind: period.kind,
      first: m.day(period.first_day),
      last: m.day(period.last_day),
    }),
  });
  blocks.push({
    type: "note",
    text: m.t("generated", { at: m.instant(report.generated_at), process: report.process.name }),
  });

  blocks.push({ type: "heading", text: m.t("summary") });
  blocks.push({
    type: "list",
    items: [
      m.t("summaryIncidents", { count: report.incidents.length }),
      m.t("summaryViolationCounts", { count: report.violation_counts.length }),
      m.t("summaryExchanges", { count: report.exchanges.length }),
      m.t("summaryMeetings", {
        held: report.meetings_held.length,
        planned: report.meetings_planned.length,
      }),
      m.t("summaryCommitments", {
        overdue: report.commitments_overdue.length,
        due: report.commitments_due.length,
        days: LOOKAHEAD_DAYS,
      }),
    ],
  });

  if (report.truncated)
    blocks.push({
      type: "note",
      text: m.t("truncated", {
        count: report.truncated.max_records,
        kinds: report.truncated.kinds.map((kind) => m.value(kind)).join(", "),
      }),
    });

  blocks.push({ type: "heading", text: m.t("map") });
  blocks.push({
    type: "map",
    caption: report.map.points.length > 0 ? m.t("mapCaption") : m.t("noMap"),
  });

  blocks.push({ type: "heading", text: m.t("incidents") });
  if (report.incidents.length === 0) none(m.t("none"));
  report.incidents.forEach((incident, index) => {
    const facts = [
      m.value(incident.kind),
      incident.place,
      `${m.t("verification")}: ${m.value(incident.verification)}`,
    ].filter((part) => part !== "");
    blocks.push({
      type: "subheading",
      text: `${index + 1}. ${incident.date} · ${incident.title} (${facts.join(", ")})`,
      sources: incident.sources,
    });
    if (incident.claims.length === 0) {
      none(m.t("noClaims"));
      return;
    }
    blocks.push({
      type: "table",
      columns: [m.t("claimant"), m.t("date"), m.t("statement"), m.t("blamed"), m.t("figures")],
      widths: [2, 1.3, 4, 1.5, 2.4],
      rows: incident.claims.map((claim) => [
        cell(claim.claimant ?? m.t("unnamed")),
        cell(claim.date),
        cell(claim.statement, claim.sources),
        cell(claim.blamed.join(", ")),
        cell(
          claim.figures
            .map(
              (f) =>
                `${m.t("category", { category: f.category })}: ${m.t("sideName", { side: f.side })} ${f.count.text}`,
            )
            .join("; "),
          claim.figures.length > 0 ? claim.sources : [],
        ),
      ]),
    });
  });
  if (report.imprecise_incidents > 0)
    blocks.push({ type: "note", text: m.t("imprecise", { count: report.imprecise_incidents }) });

  blocks.push({ type: "heading", text: m.t("violationCounts") });
  if (report.violation_counts.length === 0) none(m.t("none"));
  else
    blocks.push({
      type: "table",
      columns: [
        m.t("reporter"),
        m.t("periodColumn"),
        m.t("place"),
        m.t("violations"),
        m.t("explosions"),
        m.t("blamed"),
      ],
      widths: [2, 1.6, 2, 1.2, 1.2, 2],
      rows: report.violation_counts.map((v) => [
        cell(v.reporter),
        cell(v.period),
        cell(v.place),
        cell(count(v.violations), v.violations ? v.sources : []),
        cell(count(v.explosions), v.explosions ? v.sources : []),
        cell(v.blamed.join(", ")),
      ]),
    });

  blocks.push({ type: "heading", text: m.t("exchanges") });
  if (report.exchanges.length === 0) none(m.t("none"));
  for (const exchange of report.exchanges) {
    const facts = [m.value(exchange.principle), exchange.place, exchange.reported_by].filter(
      (part): part is string => part !== null && part !== "",
    );
    blocks.push({
      type: "subheading",
      text: `${exchange.date} (${facts.join(", ")})`,
      sources: exchange.sources,
    });
    blocks.push({
      type: "table",
      columns: [
        m.t("side"),
        m.t("personsSent"),
        m.t("personsReceived"),
        m.t("bodiesSent"),
        m.t("bodiesReceived"),
      ],
      widths: [3, 1.5, 1.5, 1.5, 1.5],
      rows: exchange.balances.map((b) => [
        cell(b.is_partial ? `${b.side} (${m.t("partial")})` : b.side),
        cell(String(b.persons_sent), exchange.sources),
        cell(String(b.persons_received), exchange.sources),
        cell(String(b.bodies_sent), exchange.sources),
        cell(String(b.bodies_received), exchange.sources),
      ]),
    });
  }

  const meetingTable = (meetings: SituationReport["meetings_held"]): Block => ({
    type: "table",
    columns: [
      m.t("date"),
      m.t("title_"),
      m.t("kind"),
      m.t("status"),
      m.t("place"),
      m.t("participants"),
    ],
    widths: [1.3, 3, 1.3, 1.2, 1.6, 2.6],
    rows: meetings.map((meeting) => [
      cell(meeting.date),
      cell(meeting.title, meeting.sources),
      cell(m.value(meeting.kind)),
      cell(m.value(meeting.status)),
      cell(meeting.place),
      cell(meeting.participants.join(", ")),
    ]),
  });
  blocks.push({ type: "heading", text: m.t("meetingsHeld") });
  if (report.meetings_held.length === 0) none(m.t("none"));
  else blocks.push(meetingTable(report.meetings_held));
  blocks.push({ type: "heading", text: m.t("meetingsPlanned") });
  if (report.meetings_planned.length === 0) none(m.t("noneAhead"));
  else blocks.push(meetingTable(report.meetings_planned));

  const commitmentTable = (
    commitments: SituationReport["commitments_due"],
    when: (days: number) => string,
  ): Block => ({
    type: "table",
    columns: [m.t("due"), "", m.t("summary_"), m.t("owners")],
    widths: [1.4, 1.6, 5, 2.4],
    rows: commitments.map((c) => [
      cell(c.due),
      cell(when(c.days)),
      cell(c.summary, c.sources),
      cell(c.owners.join(", ")),
    ]),
  });
  blocks.push({ type: "heading", text: m.t("commitmentsOverdue") });
  if (report.commitments_overdue.length === 0) none(m.t("noneOverdue"));
  else blocks.push(commitmentTable(report.commitments_overdue, (days) => m.t("late", { days })));
  blocks.push({ type: "heading", text: m.t("commitmentsDue", { days: LOOKAHEAD_DAYS }) });
  if (report.commitments_due.length === 0) none(m.t("noneDue"));
  else blocks.push(commitmentTable(report.commitments_due, (days) => m.t("left", { days })));

  blocks.push({ type: "heading", text: m.t("withdrawals") });
  if (report.withdrawals.length === 0) none(m.t("none"));
  for (const w of report.withdrawals) {
    const facts = [
      m.value(w.subject),
      w.withdrawing.join(", "),
      w.place,
      w.due ? `${m.t("due")}: ${w.due}` : "",
      `${m.t("verification")}: ${m.value(w.verification)}`,
      w.is_unverified_claim ? m.t("unverifiedClaim") : "",
    ].filter((part) => part !== "");
    blocks.push({
      type: "subheading",
      text: `${w.title} (${facts.join(", ")})`,
      sources: w.sources,
    });
    if (w.reports.length > 0)
      blocks.push({
        type: "table",
        columns: [m.t("reporter"), m.t("date"), m.t("says"), m.t("count")],
        widths: [2.5, 1.5, 4, 2],
        rows: w.reports.map((r) => [
          cell(r.by),
          cell(r.date),
          cell([m.value(r.says), r.note].filter(Boolean).join(": "), r.sources),
          cell(count(r.count), r.count ? r.sources : []),
        ]),
      });
  }

  blocks.push({
    type: "sources",
    heading: m.t("sources"),
    items: report.sources.map((s) => ({
      number: s.number,
      text: [s.title, s.publisher, s.published?.value].filter(Boolean).join(", "),
      ...(s.url ? { url: s.url } : {}),
    })),
  });
  return blocks;
}
