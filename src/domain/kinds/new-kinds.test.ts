import { describe, expect, it } from "vitest";
import { parseRecordInput } from "../record-input.ts";
import { BodySchema, bodyKind, membersOn } from "./body.schema.ts";
import { BorderSegmentSchema } from "./border-segment.schema.ts";
import { ExchangeSchema, exchangeBalances, exchangeKind } from "./exchange.schema.ts";
import { violationCountKind, violationSeries } from "./violation-count.schema.ts";
import { WithdrawalSchema, withdrawalGap, withdrawalKind } from "./withdrawal.schema.ts";

const day = (value: string) => ({ value, precision: "day" as const });

describe("a withdrawal's gap between plan, reports and the monitors", () => {
  const planned = WithdrawalSchema.parse({
    title: "Heavy weapons leave the zone",
    subject: "heavy_weapons",
    withdrawing: ["A", "B"],
    place: { name: "Zone 3", precision: "district" },
    due: day("2016-12-24"),
    reports: [
      { by: "A", date: day("2016-12-20"), says: "started" },
      { by: "A", date: day("2016-12-27"), says: "completed", count: 40 },
      { by: "B", date: day("2016-12-22"), says: "partial" },
    ],
  });

  it("counts the days past the deadline to the first report of completion", () => {
    const gap = withdrawalGap(planned);
    expect(gap.reported_late_days).toBe(3);
    expect(gap.reported_complete).toEqual({ by: "A", date: "2016-12-27" });
  });

  it("names the sides whose last report is not completion", () => {
    expect(withdrawalGap(planned).not_completed_by).toEqual(["B"]);
  });

  it("shows completion claimed but not verified, until the monitors verify it", () => {
    expect(withdrawalGap(planned).is_unverified_claim).toBe(true);
    const verified = {
      ...planned,
      verification: { status: "verified" as const, reason: "seen at the sites", by: "M" },
    };
    expect(withdrawalGap(verified).is_unverified_claim).toBe(false);
  });

  it("has no lateness without a deadline, and an early completion is negative", () => {
    expect(withdrawalGap({ ...planned, due: undefined }).reported_late_days).toBeNull();
    expect(withdrawalGap({ ...planned, due: day("2016-12-31") }).reported_late_days).toBe(-4);
  });

  it("refers to its actors, provision and sources, reports included", () => {
    const refs = withdrawalKind.references({
      ...planned,
      provision_id: "p-3",
      reports: [{ by: "M", date: day("2016-12-28"), says: "completed", source_ids: ["s-1"] }],
    });
    expect(refs.map((r) => `${r.field}->${r.to_id}`)).toEqual([
      "withdrawing->A",
      "withdrawing->B",
      "provision_id->p-3",
      "reports.0.by->M",
      "reports.0.source_ids->s-1",
    ]);
  });
});

describe("violation counts", () => {
  it("refuses a count that counts nothing", () => {
    expect(() =>
      parseRecordInput(violationCountKind, { reporter: "OSCE", period: day("2016-01-02") }),
    ).toThrow(/violations or the explosions/);
  });

  it("keeps each reporter's series apart, in time order, never summed", () => {
    const series = violationSeries([
      {
        reporter: "SMM",
        period: day("2016-01-03"),
        violations: 120,
        by_weapon: [],
        blamed: [],
        source_ids: [],
      },
      {
        reporter: "SMM",
        period: day("2016-01-02"),
        explosions: { low: 40, high: 60 },
        by_weapon: [],
        blamed: [],
        source_ids: [],
      },
      {
        reporter: "MOD",
        period: day("2016-01-02"),
        violations: 45,
        by_weapon: [],
        blamed: ["X"],
        source_ids: [],
      },
    ]);
    expect([...series.keys()]).toEqual(["SMM", "MOD"]);
    expect(
      series.get("SMM")?.map((p) => [p.start.slice(0, 10), p.violations, p.explosions]),
    ).toEqual([
      ["2016-01-02", null, 40],
      ["2016-01-03", 120, null],
    ]);
    expect(series.get("MOD")?.[0]?.violations).toBe(45);
  });
});

describe("richer kinds", () => {
  it("balances an exchange among three sides through an intermediary, per direction", () => {
    const exchange = ExchangeSchema.parse({
      date: { value: "2022-09-21", precision: "day" },
      principle: "other",
      intermediary: "TR",
      mediators: ["SA"],
      transfers: [
        { from: "A", to: "B", persons: 215 },
        { from: "B", to: "A", persons: 55 },
        { from: "B", to: "C", persons: 10, via: "SA" },
        { from: "A", to: "C", bodies: { text: "several" } },
      ],
      source_ids: ["s-1"],
    });
    expect(exchangeBalances(exchange)).toEqual([
      {
        side: "A",
        persons_sent: 215,
        persons_received: 55,
        bodies_sent: 0,
        bodies_received: 0,
        is_partial: true,
      },
      {
        side: "B",
        persons_sent: 65,
        persons_received: 215,
        bodies_sent: 0,
        bodies_received: 0,
        is_partial: false,
      },
      {
        side: "C",
        persons_sent: 0,
        persons_received: 10,
        bodies_sent: 0,
        bodies_received: 0,
        is_partial: true,
      },
    ]);
    expect(exchangeKind.references(exchange).map((r) => r.field)).toContain("transfers.2.via");
    expect(exchangeKind.references(exchange).map((r) => r.field)).toContain("intermediary");
  });

  it("reads a body's members written as bare ids, and says who sat on a day", () => {
    const body = BodySchema.parse({
      name: "Contact group",
      kind: "working_group",
      status: "active",
      members: [
        "OSCE",
        {
          actor_id: "UA",
          from: { value: "2014-09", precision: "month" },
          represented_by: "Kuchma",
        },
        {
          actor_id: "RU",
          from: { value: "2014-06-08", precision: "day" },
          to: { value: "2022-02-24", precision: "day" },
        },
      ],
    });
    expect(body.members[0]).toEqual({ actor_id: "OSCE" });
    expect(membersOn(body, "2014-07-01").map((m) => m.actor_id)).toEqual(["OSCE", "RU"]);
    expect(membersOn(body, "2023-01-01").map((m) => m.actor_id)).toEqual(["OSCE", "UA"]);
    expect(bodyKind.references({ ...body, parent_id: "TCG" }).map((r) => r.field)).toEqual([
      "parent_id",
      "members.0.actor_id",
      "members.1.actor_id",
      "members.2.actor_id",
    ]);
  });

  it("keeps as many versions of a line as there are: each side's, the monitors', the agreed", () => {
    const line = (coordinates: number[][]) => ({ type: "LineString", coordinates });
    const parsed = BorderSegmentSchema.safeParse({
      name: "Section 7",
      status: "disputed",
      sides: ["A", "B", "C"],
      lines: [
        {
          proposed_by: "A",
          geometry: line([
            [0, 0],
            [1, 1],
          ]),
        },
        {
          proposed_by: "B",
          geometry: line([
            [0, 0],
            [1, 2],
          ]),
        },
        {
          proposed_by: "M",
          label: "line of contact as observed",
          geometry: line([
            [0, 0],
            [1, 1.5],
          ]),
        },
        {
          is_agreed: true,
          geometry: line([
            [0, 0],
            [1, 1.2],
          ]),
        },
      ],
    });
    expect(parsed.success).toBe(true);
  });
});
