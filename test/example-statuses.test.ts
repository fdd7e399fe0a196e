import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isOverdue } from "../src/domain/kinds/commitment.schema.ts";
import { REFERENCE_PROCESS } from "../src/reference/index.ts";

/**
 * The example says what its sources say: each commitment's, provision's and exchange's status is
 * checked against the words of the reference summary (a copy of ../shared/reference-process.md kept
 * in the fixtures), and nothing the sources call done shows as overdue.
 */

const REFERENCE = readFileSync(
  new URL("./fixtures/reference-process.md", import.meta.url),
  "utf8",
).replace(/\s+/g, " ");

/** "Status as of late November 2021, the seed's time". */
const SEED_DAY = "2021-11-30";
const TODAY = new Date().toISOString().slice(0, 10);

type Fields = Record<string, unknown>;
const records = REFERENCE_PROCESS.records as Array<{ type: string; id: string } & Fields>;
const ofType = (type: string) => records.filter((r) => r.type === type);
const byId = (id: string) => records.find((r) => r.id === id);

/** What the data must hold for each commitment, and the reference's words it rests on. */
const COMMITMENTS: Record<string, { says: string; holds: Fields }> = {
  "cmt-border-mechanisms-2021": {
    says: "the border mechanisms are open (due at the end of 2021)",
    holds: { status: "open", due: { value: "2021-12-31", precision: "day" } },
  },
  "cmt-working-group-first-meeting": {
    says: "first meeting by 2021-01-30 (fulfilled: it first met in Moscow on 2021-01-30",
    holds: { status: "met", status_date: { value: "2021-01-30", precision: "day" } },
  },
  "cmt-working-group-project-list": {
    says: "project list and schedule by 2021-03-01 (no public report of its delivery by that date was found: record it as overdue",
    holds: { status: "open", due: { value: "2021-03-01", precision: "day" } },
  },
  "cmt-return-aghdam": {
    says: "Return of Aghdam (due 2020-11-20)",
    holds: { status: "met", status_date: { value: "2020-11-20", precision: "day" } },
  },
  "cmt-return-kalbajar": {
    says: "Kalbajar (due 2020-11-15, extended to 2020-11-25)",
    holds: { status: "met", status_date: { value: "2020-11-25", precision: "day" } },
  },
  "cmt-return-kalbajar-original": {
    says: "Kalbajar (due 2020-11-15, extended to 2020-11-25)",
    holds: { status: "superseded", superseded_by: "cmt-return-kalbajar" },
  },
  "cmt-return-lachin": {
    says: "Lachin (due 2020-12-01) districts: each fulfilled on its (extended) date",
    holds: { status: "met", status_date: { value: "2020-12-01", precision: "day" } },
  },
  "cmt-launch-projects": {
    says: 'Launch concrete transport and economic projects "as soon as possible" (no date: record it as open-ended)',
    holds: { status: "open", due: undefined, due_text: "as soon as possible" },
  },
};

/** Each point of the statement of 9 November 2020 the reference assesses, and its words. */
const ASSESSMENTS: Record<string, { says: string; status: string }> = {
  "2": {
    says: "Points 2 and 6 (district returns): implemented on the dates given",
    status: "full",
  },
  "3": { says: "Points 3 and 4 (peacekeepers): implemented", status: "full" },
  "4": { says: "Points 3 and 4 (peacekeepers): implemented", status: "full" },
  "5": { says: "Point 5 (monitoring centre): implemented", status: "full" },
  // The returns are done, the new route through the corridor is still open.
  "6": {
    says: "The new route through the Lachin corridor (point 6): due within three years, open",
    status: "intermediate",
  },
  "8": { says: "Point 8 (exchange): partly implemented and disputed", status: "disputed" },
  "9": { says: "Point 9 (links): not yet implemented", status: "not_started" },
};

describe("the example's statuses, against the reference summary", () => {
  it("gives every commitment the status its source gives, quoting words the reference holds", () => {
    expect(
      ofType("commitment")
        .map((c) => c.id)
        .sort(),
    ).toEqual(Object.keys(COMMITMENTS).sort());
    for (const [id, { says, holds }] of Object.entries(COMMITMENTS)) {
      expect(REFERENCE, `the reference's words for ${id}`).toContain(says);
      const commitment = byId(id) as Fields;
      for (const [field, value] of Object.entries(holds)) {
        expect(commitment[field], `${id}.${field}`).toEqual(value);
      }
      expect((commitment.source_ids as string[]).length, `${id} has a source`).toBeGreaterThan(0);
      // A commitment met says how it is known: the evidence the source gives.
      if (commitment.status === "met") expect(commitment.evidence, `${id}.evidence`).toBeTruthy();
    }
  });

  it("shows nothing done as overdue, at the seed's time or today; only the project list is overdue at the seed's time", () => {
    const commitments = ofType("commitment") as Array<Fields & { id: string }>;
    const overdue = (day: string) =>
      commitments
        .filter((c) => isOverdue(c as unknown as Parameters<typeof isOverdue>[0], day))
        .map((c) => c.id);
    expect(overdue(SEED_DAY)).toEqual(["cmt-working-group-project-list"]);
    for (const id of overdue(TODAY)) expect(byId(id)?.status, id).toBe("open");
    expect(overdue(TODAY)).not.toContain("cmt-launch-projects");
  });

  it("assesses each point of the November statement as the reference does, citing it", () => {
    const assessments = ofType("assessment");
    for (const [point, { says, status }] of Object.entries(ASSESSMENTS)) {
      expect(REFERENCE, `the reference's words on point ${point}`).toContain(says);
      const found = assessments.filter((a) => a.provision_id === `prv-2020-11-09-${point}`);
      expect(
        found.map((a) => a.status),
        `point ${point}`,
      ).toEqual([status]);
      expect((found[0]?.source_ids as string[] | undefined)?.length).toBeGreaterThan(0);
      expect(found[0]?.as_of).toEqual({ value: "2021-11", precision: "month" });
    }
    // Point 8 is disputed: each side's version is a claim of its own about it.
    const claimants = ofType("claim")
      .filter((c) => c.about_id === "prv-2020-11-09-8")
      .map((c) => c.claimant)
      .sort();
    expect(claimants).toEqual(["ARM", "AZE"]);
  });

  it("dates the exchanges as the reference does, on the agreed principle", () => {
    expect(REFERENCE).toContain("Exchanges began in December 2020");
    expect(REFERENCE).toContain('Principle agreed: "all for all" exchange of prisoners');
    const exchanges = ofType("exchange");
    expect(exchanges.map((e) => [e.date, e.principle])).toEqual([
      [{ value: "2020-12", precision: "month" }, "all_for_all"],
    ]);
    expect((exchanges[0]?.source_ids as string[] | undefined)?.length).toBeGreaterThan(0);
  });
});
