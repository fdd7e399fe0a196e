/**
 * The reports extraction is scored on, with the process each is read with: the held-out set (never
 * tuned on), the training set, and the example's older JSON reports (test/fixtures/reports*), which
 * belong to its training set. test/fixtures/extract/README.md describes the files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import type { FuzzyDate } from "../src/domain/fuzzy-date.ts";
import { precisionOf } from "../src/domain/fuzzy-date.ts";
import type { ActorRecord, GazetteerEntry, ProcessPlace } from "../src/extract/index.ts";
import type { ExpectedCandidate } from "../src/extract/score.ts";
import { worldGazetteer } from "../src/geo/world-gazetteer.ts";
import { REFERENCE_PROCESS } from "../src/reference/armenia-azerbaijan.ts";
import { PLACES } from "../src/reference/armenia-azerbaijan-places.ts";

const FIXTURES = fileURLToPath(new URL("../test/fixtures/", import.meta.url));

export const PROCESSES = ["armenia-azerbaijan", "colombia", "donbas"] as const;
export type ProcessName = (typeof PROCESSES)[number];

/** The held-out set's folder: written and committed before any rule was changed for it. */
export const HELDOUT = "extract/heldout-2026-12-07";
export const TRAINING = "extract/training";
/** The example's reports from before issue 20, in the JSON shape; tuned on, so training. */
export const LEGACY_SETS = ["reports", "reports-holdout", "reports-blind"] as const;

export type ProcessContext = {
  actors: ActorRecord[];
  places: ProcessPlace[];
  /** The world gazetteer's towns in the process's countries, as `truce extract` passes them. */
  world: GazetteerEntry[];
};

export type TestReport = {
  process: ProcessName;
  file: string;
  published: string;
  text: string;
  expected: ExpectedCandidate[];
};

let contexts: Map<ProcessName, ProcessContext> | undefined;

/** The actors and places each process's reports are read with. */
export function processContext(process: ProcessName): ProcessContext {
  contexts ??= new Map();
  const known = contexts.get(process);
  if (known) return known;
  let context: ProcessContext;
  if (process === "armenia-azerbaijan") {
    context = {
      actors: REFERENCE_PROCESS.records.filter(
        (r) => r.type === "actor",
      ) as unknown as ActorRecord[],
      // The example's own place records: extraction has no built-in places.
      places: PLACES,
      world: worldPlaces(["AM", "AZ"]),
    };
  } else {
    const file = JSON.parse(
      readFileSync(join(FIXTURES, "extract/processes", `${process}.json`), "utf8"),
    ) as ProcessContext & { countries: string[] };
    context = { actors: file.actors, places: file.places, world: worldPlaces(file.countries) };
  }
  contexts.set(process, context);
  return context;
}

/** Towns of 1,000 people or more in the countries, as the CLI reads them for a process. */
function worldPlaces(countries: string[]): GazetteerEntry[] {
  return worldGazetteer().within({ countries, minPopulation: 1000 });
}

/** "2021-11-16", "2021-11", "2021" or {value, precision, end} as a fuzzy date. */
function fuzzyDate(value: unknown): FuzzyDate | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "object") return value as FuzzyDate;
  const text = String(value);
  return { value: text, precision: precisionOf(text) } as FuzzyDate;
}

type Fact = Omit<ExpectedCandidate, "date" | "due"> & { date?: unknown; due?: unknown };

/** One Markdown report: YAML front matter (dateline, source, facts) and the text after it. */
export function parseReport(process: ProcessName, file: string, source: string): TestReport {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source);
  if (!m) throw new Error(`${file}: no front matter`);
  const head = parseYaml(m[1] ?? "", { schema: "failsafe" }) as {
    dateline: string;
    facts?: Fact[];
  };
  const numbers = (figures: unknown) =>
    figures === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(figures as Record<string, Record<string, string>>).map(([k, v]) => [
            k,
            Object.fromEntries(Object.entries(v).map(([side, n]) => [side, Number(n)])),
          ]),
        );
  const expected = (head.facts ?? []).map((f): ExpectedCandidate => {
    const date = fuzzyDate(f.date);
    const due = fuzzyDate(f.due);
    const figures = numbers(f.figures);
    return {
      ...f,
      places: f.places ?? [],
      actors: f.actors ?? [],
      ...(date ? { date } : {}),
      ...(due ? { due } : {}),
      ...(figures ? { figures } : {}),
    } as ExpectedCandidate;
  });
  return { process, file, published: head.dateline, text: (m[2] ?? "").trim(), expected };
}

function readFolder(folder: string, process: ProcessName): TestReport[] {
  const dir = join(FIXTURES, folder, process);
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  return files
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) =>
      parseReport(process, `${folder}/${process}/${f}`, readFileSync(join(dir, f), "utf8")),
    );
}

export function loadLegacy(set: (typeof LEGACY_SETS)[number]): TestReport[] {
  const dir = join(FIXTURES, set);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({
      process: "armenia-azerbaijan" as const,
      file: `${set}/${file}`,
      ...JSON.parse(readFileSync(join(dir, file), "utf8")),
    }));
}

export function loadHeldout(process?: ProcessName): TestReport[] {
  return (process ? [process] : PROCESSES).flatMap((p) => readFolder(HELDOUT, p));
}

export function loadTraining(process?: ProcessName): TestReport[] {
  const md = (process ? [process] : PROCESSES).flatMap((p) => readFolder(TRAINING, p));
  const legacy =
    process === undefined || process === "armenia-azerbaijan"
      ? LEGACY_SETS.flatMap((s) => loadLegacy(s))
      : [];
  return [...md, ...legacy];
}
