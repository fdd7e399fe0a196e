import { describe, expect, it } from "vitest";
import { ClaimSchema } from "./kinds/claim.schema.ts";
import { CommitmentSchema } from "./kinds/commitment.schema.ts";
import { ExchangeSchema } from "./kinds/exchange.schema.ts";
import { IncidentSchema } from "./kinds/incident.schema.ts";
import { MeetingSchema } from "./kinds/meeting.schema.ts";
import { ViolationCountSchema } from "./kinds/violation-count.schema.ts";
import { WithdrawalSchema } from "./kinds/withdrawal.schema.ts";
import {
  assembleSituationReport,
  type ReportInput,
  reportPeriod,
  statedCount,
} from "./situation-report.ts";

const day = (value: string) => ({ value, precision: "day" as const });
const place = {
  name: "Sotk",
  names: { hy: "Սոթք" },
  precision: "settlement" as const,
  lat: 40.2,
  lon: 45.9,
};

const incident = (id: string, date: unknown, extra: Record<string, unknown> = {}) => ({
  id,
  ...IncidentSchema.parse({
    title: `Incident ${id}`,
    kind: "shelling",
    date,
    place,
    source_ids: ["s-inc"],
    ...extra,
  }),
});
const claim = (
  id: string,
  incidentId: string,
  claimant: string,
  figures: unknown,
  sources: string[],
) => ({
  id,
  ...ClaimSchema.parse({
    claimant,
    subject: "incident",
    incident_id: incidentId,
    statement: `${claimant} says`,
    figures,
    blamed: [claimant === "ARM" ? "AZE" : "ARM"],
    source_ids: sources,
  }),
});
const commitment = (id: string, due: unknown, status = "open") => ({
  id,
  ...CommitmentSchema.parse({
    summary: `Commitment ${id}`,
    owners: ["ARM"],
    due,
    status,
    source_ids: ["s-cmt"],
  }),
});
const meeting = (id: string, date: string, status: string) => ({
  id,
  ...MeetingSchema.parse({
    title: `Meeting ${id}`,
    kind: "trilateral",
    date: day(date),
    participants: ["ARM", "AZE"],
    status,
  }),
});

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    process: { slug: "p", name: "A process", names: { ru: "Процесс" } },
    period: reportPeriod("daily", "2030-03-10"),
    language: "en",
    generated_at: "2030-03-11T06:00:00.000Z",
    incidents: [],
    claims: [],
    violation_counts: [],
    exchanges: [],
    meetings: [],
    commitments: [],
    withdrawals: [],
    actors: [
      { id: "ARM", name: "Armenia", names: { hy: "Հայաստան", ru: "Армения" } },
      { id: "AZE", name: "Azerbaijan", names: { az: "Azərbaycan" } },
    ],
    sources: [
      { id: "s-inc", title: "Monitors' note" },
      { id: "s-arm", title: "Armenian MoD", url: "https://example.org/arm" },
      { id: "s-aze", title: "Azerbaijani MoD" },
      { id: "s-cmt", title: "Statement" },
      { id: "s-vc", title: "Daily count" },
    ],
    ...overrides,
  };
}

describe("the report's period", () => {
  it("is the day, or the seven days ending on the date, with a 14-day look ahead", () => {
    expect(reportPeriod("daily", "2030-03-10")).toMatchObject({
      first_day: "2030-03-10",
      last_day: "2030-03-10",
      start: "2030-03-10T00:00:00.000Z",
      end: "2030-03-11T00:00:00.000Z",
      ahead_to: "2030-03-24",
    });
    expect(reportPeriod("weekly", "2030-03-01")).toMatchObject({
      first_day: "2030-02-23",
      end: "2030-03-02T00:00:00.000Z",
    });
  });
});

describe("assembling a situation report", () => {
  it("lists the period's incidents only, counting those known less precisely apart", () => {
    const report = assembleSituationReport(
      input({
        incidents: [
          incident("in-day", day("2030-03-10")),
          incident("in-time", { value: "2030-03-10T23:30:00Z", precision: "time" }),
          incident("before", day("2030-03-09")),
          incident("after", day("2030-03-11")),
          incident("month", { value: "2030-03", precision: "month" }),
        ],
      }),
    );
    expect(report.incidents.map((i) => i.id)).toEqual(["in-day", "in-time"]);
    expect(report.imprecise_incidents).toBe(1);
    // Each located incident is numbered on the map in the list's order.
    expect(report.map.points.map((p) => p.mark)).toEqual([1, 2]);
    expect(report.incidents.map((i) => i.mark)).toEqual([1, 2]);
  });

  it("shows each side's version side by side, each figure citing its claim's sources", () => {
    const report = assembleSituationReport(
      input({
        incidents: [incident("in-1", day("2030-03-10"))],
        claims: [
          claim("c-arm", "in-1", "ARM", { killed: { ARM: 2 } }, ["s-arm"]),
          claim(
            "c-aze",
            "in-1",
            "AZE",
            { killed: { ARM: { low: 0, high: 1 } }, wounded: { civilians: 3 } },
            ["s-aze"],
          ),
          claim("c-other", "in-elsewhere", "AZE", {}, ["s-aze"]),
        ],
      }),
    );
    const [only] = report.incidents;
    expect(only?.sources).toEqual([1]);
    expect(only?.claims.map((c) => c.claimant)).toEqual(["Armenia", "Azerbaijan"]);
    expect(only?.claims[0]?.figures).toEqual([
      { category: "killed", side: "Armenia", count: { text: "2", best: 2 }, sources: [2] },
    ]);
    expect(
      only?.claims[1]?.figures.map((f) => [f.category, f.side, f.count.text, f.sources]),
    ).toEqual([
      ["killed", "Armenia", "0–1", [3]],
      ["wounded", "civilians", "3", [3]],
    ]);
    expect(report.sources.map((s) => [s.number, s.id])).toEqual([
      [1, "s-inc"],
      [2, "s-arm"],
      [3, "s-aze"],
    ]);
  });

  it("orders an incident's claims by when they were said, the undated last", () => {
    const dated = { ...claim("c-z-dated", "in-1", "AZE", {}, []), date: day("2030-03-11") };
    const report = assembleSituationReport(
      input({
        incidents: [incident("in-1", day("2030-03-10"))],
        claims: [claim("c-a-undated", "in-1", "ARM", {}, []), dated],
      }),
    );
    expect(report.incidents[0]?.claims.map((c) => c.id)).toEqual(["c-z-dated", "c-a-undated"]);
  });

  it("names actors and places in the report's language where it has their names", () => {
    const report = assembleSituationReport(
      input({
        language: "hy",
        incidents: [incident("in-1", day("2030-03-10"))],
        claims: [claim("c-aze", "in-1", "AZE", {}, [])],
      }),
    );
    expect(report.incidents[0]?.place).toBe("Սոթք");
    expect(report.incidents[0]?.claims[0]?.blamed).toEqual(["Հայաստան"]);
    expect(report.incidents[0]?.claims[0]?.claimant).toBe("Azerbaijan");
  });

  it("splits open commitments into overdue and due within 14 days; met and later ones stay out", () => {
    const report = assembleSituationReport(
      input({
        commitments: [
          commitment("yesterday", day("2030-03-09")),
          commitment("long-ago", day("2029-12-01")),
          commitment("today", day("2030-03-10")),
          commitment("in-14", day("2030-03-24")),
          commitment("in-15", day("2030-03-25")),
          commitment("this-month", { value: "2030-03", precision: "month" }),
          commitment("met", day("2030-03-01"), "met"),
          {
            id: "open-ended",
            ...CommitmentSchema.parse({
              summary: "ASAP",
              owners: ["ARM"],
              status: "open",
              due_text: "as soon as possible",
            }),
          },
        ],
      }),
    );
    expect(report.commitments_overdue.map((c) => [c.id, c.days])).toEqual([
      ["long-ago", 99],
      ["yesterday", 1],
    ]);
    expect(report.commitments_due.map((c) => [c.id, c.days])).toEqual([
      ["today", 0],
      ["in-14", 14],
      ["this-month", 21],
    ]);
    expect(report.commitments_due[0]?.sources).toEqual([1]);
  });

  it("takes meetings held in the period and those planned up to 14 days on", () => {
    const report = assembleSituationReport(
      input({
        meetings: [
          meeting("held", "2030-03-10", "held"),
          meeting("held-before", "2030-03-09", "held"),
          meeting("planned-soon", "2030-03-20", "planned"),
          meeting("planned-late", "2030-04-20", "planned"),
          meeting("cancelled", "2030-03-10", "cancelled"),
        ],
      }),
    );
    expect(report.meetings_held.map((m) => m.id)).toEqual(["cancelled", "held"]);
    expect(report.meetings_planned.map((m) => m.id)).toEqual(["planned-soon"]);
  });

  it("keeps each reporter's violation counts and each exchange's balances with their sources", () => {
    const report = assembleSituationReport(
      input({
        period: reportPeriod("weekly", "2030-03-10"),
        violation_counts: [
          {
            id: "vc-1",
            ...ViolationCountSchema.parse({
              reporter: "ARM",
              period: day("2030-03-05"),
              violations: 12,
              blamed: ["AZE"],
              source_ids: ["s-vc"],
            }),
          },
          {
            id: "vc-old",
            ...ViolationCountSchema.parse({
              reporter: "ARM",
              period: day("2030-03-01"),
              violations: 3,
              source_ids: ["s-vc"],
            }),
          },
        ],
        exchanges: [
          {
            id: "ex-1",
            ...ExchangeSchema.parse({
              date: day("2030-03-08"),
              principle: "all_for_all",
              transfers: [
                { from: "ARM", to: "AZE", persons: 5 },
                { from: "AZE", to: "ARM", persons: { text: "several" } },
              ],
              source_ids: ["s-arm"],
            }),
          },
        ],
      }),
    );
    expect(report.violation_counts.map((v) => [v.id, v.violations?.text, v.sources])).toEqual([
      ["vc-1", "12", [1]],
    ]);
    expect(report.exchanges[0]?.balances[0]).toMatchObject({
      side: "Armenia",
      persons_sent: 5,
      is_partial: true,
    });
    expect(report.exchanges[0]?.sources).toEqual([2]);
  });

  it("includes withdrawals reported on in the period or due within the look ahead", () => {
    const withdrawal = (id: string, due: string, reportDay?: string) => ({
      id,
      ...WithdrawalSchema.parse({
        title: `Withdrawal ${id}`,
        subject: "forces",
        withdrawing: ["ARM"],
        place,
        due: day(due),
        reports: reportDay
          ? [{ by: "ARM", date: day(reportDay), says: "completed", source_ids: ["s-arm"] }]
          : [],
      }),
    });
    const report = assembleSituationReport(
      input({
        withdrawals: [
          withdrawal("reported", "2030-01-01", "2030-03-10"),
          withdrawal("due", "2030-03-20"),
          withdrawal("neither", "2030-01-01"),
        ],
      }),
    );
    expect(report.withdrawals.map((w) => w.id)).toEqual(["reported", "due"]);
    expect(report.withdrawals[0]).toMatchObject({
      is_unverified_claim: true,
      reports: [{ says: "completed", sources: [1] }],
    });
  });
});

describe("a report of a busy period", () => {
  it("says which kinds it lists only in part", () => {
    expect(assembleSituationReport(input()).truncated).toBeNull();
    expect(
      assembleSituationReport(input({ truncated: ["incident"], max_records: 2000 })).truncated,
    ).toEqual({ kinds: ["incident"], max_records: 2000 });
  });
});

describe("a stated count", () => {
  it("is never averaged: a number, a range with its best, or the words", () => {
    expect(statedCount(7).text).toBe("7");
    expect(statedCount({ low: 5, best: 7, high: 9 }).text).toBe("7 (5–9)");
    expect(statedCount({ text: "dozens" }).text).toBe("“dozens”");
    expect(statedCount({ best: 4 }).text).toBe("4");
  });
});
