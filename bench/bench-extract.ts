/**
 * extract.score: how much of what a careful reader codes from a report `truce extract` recovers
 * (recall) and how much of what it puts out the reader coded (precision), per process and per class
 * (dates, places, actors, attribution, figures, kinds), on the held-out reports (never tuned on)
 * and on the training reports. Run alone with `node --import tsx bench/bench-extract.ts`; `--table`
 * prints the Markdown table docs/extraction.md shows.
 */
import { pathToFileURL } from "node:url";
import { extractCandidates } from "../src/extract/index.ts";
import {
  emptyScore,
  SCORE_CLASSES,
  type ScoreClass,
  scoreReport,
  summarize,
} from "../src/extract/score.ts";
import {
  loadHeldout,
  loadTraining,
  PROCESSES,
  processContext,
  type TestReport,
} from "./extract-reports.ts";
import { type BenchResult, round } from "./measure.ts";

/** Extracts from every report, each with its process's actors and places, and scores it. */
export function scoreReports(reports: readonly TestReport[]) {
  const score = emptyScore();
  for (const report of reports) {
    const { candidates } = extractCandidates(report.text, {
      published: report.published,
      ...processContext(report.process),
    });
    scoreReport(score, report.expected, candidates);
  }
  return summarize(score);
}

type Row = { set: string; process: string; reports: number } & ReturnType<typeof scoreReports>;

export function scoreTable(): Row[] {
  const rows: Row[] = [];
  for (const [set, load] of [
    ["held-out", loadHeldout],
    ["training", loadTraining],
  ] as const) {
    for (const process of PROCESSES) {
      const reports = load(process);
      if (reports.length > 0)
        rows.push({ set, process, reports: reports.length, ...scoreReports(reports) });
    }
    const all = load();
    rows.push({ set, process: "all", reports: all.length, ...scoreReports(all) });
  }
  return rows;
}

const pct = (x: number) => `${Math.round(x * 100)}`;

/** The table docs/extraction.md shows: recall / precision in percent, per class. */
export function markdownTable(rows: readonly Row[]): string {
  const head = ["set", "process", "reports", "all", ...SCORE_CLASSES];
  const lines = [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => {
      const cell = (x: { recall: number; precision: number }) =>
        `${pct(x.recall)} / ${pct(x.precision)}`;
      return `| ${[
        r.set,
        r.process,
        String(r.reports),
        cell(r),
        ...SCORE_CLASSES.map((c: ScoreClass) => cell(r.classes[c])),
      ].join(" | ")} |`;
    }),
  ];
  return lines.join("\n");
}

export function runExtractBench(): BenchResult {
  const started = performance.now();
  const rows = scoreTable();
  const ms = performance.now() - started;
  const heldout = rows.find((r) => r.set === "held-out" && r.process === "all");
  const reports = rows.filter((r) => r.process !== "all").reduce((n, r) => n + r.reports, 0);
  const detail: Record<string, unknown> = {};
  for (const r of rows) {
    detail[`${r.set}.${r.process}`] = {
      recall: round(r.recall),
      precision: round(r.precision),
      ...Object.fromEntries(
        SCORE_CLASSES.map((c) => [
          c,
          `${round(r.classes[c].recall)}/${round(r.classes[c].precision)}`,
        ]),
      ),
      spurious: r.tallies.spurious,
      missed: r.tallies.missed,
    };
  }
  detail.ms_per_report = round(ms / reports);
  return {
    name: "extract.score",
    store: "none",
    n: reports,
    value: round(heldout?.recall ?? 0),
    unit: "share",
    baseline: null,
    ratio: null,
    detail,
    note: "held-out recall (value); per set, process and class recall/precision of what a careful reader codes; precision counts every date, place, actor, figure the reader did not code",
  };
}

/**
 * extract.ms_500_words: the median time to extract from a report of about 500 words once the
 * process is loaded (the issue asks for under 200 ms), and, in detail, the time for a day's 200
 * reports in one process, as `truce extract FOLDER` reads them after loading the store (under a
 * minute asked).
 */
export function runExtractSpeedBench(): BenchResult {
  const reports = [...loadTraining(), ...loadHeldout()];
  const { actors, places, world } = processContext("donbas");
  const words: string[] = [];
  for (const r of reports) {
    if (words.length >= 500) break;
    words.push(...r.text.split(/\s+/));
  }
  const long = words.slice(0, 500).join(" ");
  const once = () => extractCandidates(long, { published: "2019-07-22", actors, places, world });
  for (let i = 0; i < 3; i++) once();
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    once();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const started = performance.now();
  for (let i = 0; i < 200; i++) {
    const r = reports[i % reports.length] as TestReport;
    const context = processContext(r.process);
    extractCandidates(r.text, { published: r.published, ...context });
  }
  const dayMs = performance.now() - started;
  return {
    name: "extract.ms_500_words",
    store: "none",
    n: 21,
    value: round(times[10] ?? 0),
    unit: "ms",
    baseline: null,
    ratio: null,
    detail: { max_ms: round(times.at(-1) ?? 0), reports_200_ms: round(dayMs) },
    note: "median ms to extract a 500-word report once the process is loaded (asked: under 200); reports_200_ms: 200 short reports in one run (asked: under a minute)",
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes("--table")) process.stdout.write(`${markdownTable(scoreTable())}\n`);
  else {
    process.stdout.write(`${JSON.stringify(runExtractBench(), null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(runExtractSpeedBench(), null, 2)}\n`);
  }
}
