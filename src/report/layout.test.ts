import { describe, expect, it } from "vitest";
import { assembleSituationReport, reportPeriod } from "../domain/situation-report.ts";
import { layoutReport } from "./layout.ts";
import { reportMessages } from "./messages.ts";

const empty = {
  process: { slug: "p", name: "A process" },
  period: reportPeriod("weekly", "2030-03-10"),
  language: "en",
  generated_at: "2030-03-11T06:00:00.000Z",
  incidents: [],
  claims: [],
  violation_counts: [],
  exchanges: [],
  meetings: [],
  commitments: [],
  withdrawals: [],
  actors: [],
  sources: [],
};

describe("laying a report out", () => {
  it("titles it with its kind, process and period in the report's language", () => {
    const blocks = layoutReport(assembleSituationReport(empty), reportMessages("ru"));
    expect(blocks[0]).toEqual({
      type: "title",
      text: "Еженедельная сводка о ситуации: A process",
      subtitle: "с 4 марта 2030 г. по 10 марта 2030 г.",
    });
    // Every section is there, saying when it has nothing.
    expect(
      blocks.filter((b) => b.type === "note").map((b) => b.type === "note" && b.text),
    ).toContain("За этот период нет.");
  });

  it("says which kinds a busy period lists only in part", () => {
    const report = assembleSituationReport({
      ...empty,
      truncated: ["incident"],
      max_records: 2000,
    });
    const notes = layoutReport(report, reportMessages("en")).flatMap((b) =>
      b.type === "note" ? [b.text] : [],
    );
    expect(notes).toContain(
      "Only the first 2,000 records of each of these kinds are in this report: incident.",
    );
  });
});
