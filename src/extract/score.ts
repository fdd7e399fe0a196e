import type { FuzzyDate } from "../domain/fuzzy-date.ts";
import type { Candidate, CandidateFigures } from "./candidates.ts";
import type { CandidateKind } from "./classify.ts";

/** A record an analyst codes from a report: the candidate's shape, with places by name only. */
export type ExpectedCandidate = {
  kind: CandidateKind;
  /** Meetings: whether the report says it took place or is to take place. */
  status?: "held" | "planned";
  date?: FuzzyDate;
  due?: FuzzyDate;
  places: string[];
  actors: string[];
  reported_by?: string;
  blamed?: string[];
  figures?: CandidateFigures;
  participants?: string[];
};

/**
 * What is scored, in the words of the issue: dates (and deadlines), places, actors (and meeting
 * participants), attribution (the speaker and the blamed), figures (category, side and number) and
 * kinds (a meeting's status included).
 */
export const SCORE_CLASSES = [
  "dates",
  "places",
  "actors",
  "attribution",
  "figures",
  "kinds",
] as const;
export type ScoreClass = (typeof SCORE_CLASSES)[number];

/**
 * One class's tallies. Recall: `recovered` of the `expected` items the analyst coded. Precision:
 * `correct` of the `given` items the extractor put out, where an item in a candidate the analyst
 * did not code (a spurious candidate) is given and not correct.
 */
export type Tally = { expected: number; recovered: number; given: number; correct: number };

export type ExtractionScore = Record<ScoreClass, Tally> & {
  /** Candidates paired with no record the analyst coded. */
  spurious: number;
  /** Records the analyst coded that no candidate was paired with. */
  missed: number;
};

export function emptyScore(): ExtractionScore {
  const tally = (): Tally => ({ expected: 0, recovered: 0, given: 0, correct: 0 });
  return {
    dates: tally(),
    places: tally(),
    actors: tally(),
    attribution: tally(),
    figures: tally(),
    kinds: tally(),
    spurious: 0,
    missed: 0,
  };
}

const sameDate = (a: FuzzyDate | undefined, b: FuzzyDate | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.value === b.value &&
  a.precision === b.precision &&
  a.end === b.end;

const overlap = (a: readonly string[], b: readonly string[]) =>
  a.filter((x) => b.includes(x)).length;

const isFighting = (k: CandidateKind) => k === "claim" || k === "incident";

/** How alike an expected record and a candidate are, to pair them; 0 when nothing is shared. */
function similarity(e: ExpectedCandidate, c: Candidate): number {
  let s = 0;
  if (sameDate(e.date, c.date)) s += 2;
  if (sameDate(e.due, c.due)) s += 2;
  if (e.reported_by !== undefined && e.reported_by === c.reported_by) s += 2;
  s +=
    overlap(e.actors, c.actors) * 0.5 +
    overlap(
      e.places,
      c.places.map((p) => p.name),
    ) *
      0.5;
  s += overlap(figureItems(e.figures), figureItems(c.figures)) * 1.5;
  if (e.kind === c.kind) s += 3;
  else if (isFighting(e.kind) && isFighting(c.kind)) s += 1;
  else if (s === 0) return 0;
  // Another kind pairs only when much else agrees, so a confusion of kinds costs the kind alone.
  else s -= 1;
  return s;
}

/** "killed:ARM:4": a figure as one item, so that category, side and number must all agree. */
function figureItems(figures: CandidateFigures | undefined): string[] {
  const items: string[] = [];
  for (const [category, perSide] of Object.entries(figures ?? {}))
    for (const [side, n] of Object.entries(perSide ?? {})) items.push(`${category}:${side}:${n}`);
  return items;
}

type Items = Record<Exclude<ScoreClass, "kinds">, string[]>;

function itemsOf(r: ExpectedCandidate | Candidate): Items {
  return {
    dates: [
      ...(r.date ? [`date:${JSON.stringify(r.date)}`] : []),
      ...(r.due ? [`due:${JSON.stringify(r.due)}`] : []),
    ],
    places: Array.isArray(r.places)
      ? r.places.map((p: string | { name: string }) => (typeof p === "string" ? p : p.name))
      : [],
    actors: [
      ...new Set([
        ...r.actors.map((a) => `actor:${a}`),
        ...(r.participants ?? []).map((a) => `participant:${a}`),
      ]),
    ],
    attribution: [
      ...(r.reported_by ? [`by:${r.reported_by}`] : []),
      ...(r.blamed ?? []).map((a) => `blamed:${a}`),
    ],
    figures: figureItems(r.figures),
  };
}

/** Dates compare by value, precision and end; written as the same JSON they are one item. */
function normalisedDates(r: ExpectedCandidate | Candidate): ExpectedCandidate | Candidate {
  const fix = (d: FuzzyDate | undefined) =>
    d === undefined
      ? undefined
      : ({
          value: d.value,
          precision: d.precision,
          ...(d.end === undefined ? {} : { end: d.end }),
        } as FuzzyDate);
  const date = fix(r.date);
  const due = fix(r.due);
  return {
    ...r,
    ...(date ? { date } : {}),
    ...(due ? { due } : {}),
  } as ExpectedCandidate | Candidate;
}

/** The same kind, and for a meeting the same status where the reader coded one. */
const sameKind = (e: ExpectedCandidate, c: Candidate) =>
  e.kind === c.kind && (e.status === undefined || e.status === c.status);

/**
 * Adds one report's result to the tallies. Each expected record is paired with the most similar
 * candidate (the most similar pairs first, so the order the analyst listed them in does not
 * decide); then, per class, an item the analyst coded and the paired candidate holds is recovered
 * and correct, one the candidate holds and the analyst did not code is given and not correct, and
 * every item of a candidate paired with nothing counts against precision.
 */
export function scoreReport(
  score: ExtractionScore,
  expected: readonly ExpectedCandidate[],
  got: readonly Candidate[],
): void {
  const pairs: Array<{ e: number; c: number; s: number }> = [];
  expected.forEach((e, ei) => {
    got.forEach((c, ci) => {
      const s = similarity(e, c);
      if (s > 0) pairs.push({ e: ei, c: ci, s });
    });
  });
  pairs.sort((a, b) => b.s - a.s || a.e - b.e || a.c - b.c);
  const pairedWith = new Map<number, number>();
  const unused = new Set(got.map((_, i) => i));
  for (const pair of pairs) {
    if (pairedWith.has(pair.e) || !unused.has(pair.c)) continue;
    pairedWith.set(pair.e, pair.c);
    unused.delete(pair.c);
  }
  expected.forEach((e, ei) => {
    const paired = pairedWith.get(ei);
    const c = paired === undefined ? undefined : got[paired];
    if (c === undefined) score.missed++;
    const want = itemsOf(normalisedDates(e));
    const have = c ? itemsOf(normalisedDates(c)) : undefined;
    for (const cls of Object.keys(want) as Array<keyof Items>) {
      const w = want[cls];
      const h = have?.[cls] ?? [];
      const hits = overlap(w, h);
      score[cls].expected += w.length;
      score[cls].recovered += hits;
      score[cls].given += h.length;
      score[cls].correct += hits;
    }
    score.kinds.expected++;
    if (c) {
      score.kinds.given++;
      if (sameKind(e, c)) {
        score.kinds.recovered++;
        score.kinds.correct++;
      }
    }
  });
  for (const i of unused) {
    const c = got[i];
    if (!c) continue;
    score.spurious++;
    score.kinds.given++;
    const have = itemsOf(c);
    for (const cls of Object.keys(have) as Array<keyof Items>) score[cls].given += have[cls].length;
  }
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);

export type ClassShares = { recall: number; precision: number };

/**
 * Recall and precision per class, and over all items of every class together (micro-averaged: a
 * report with many figures weighs more than one with a single date).
 */
export function summarize(score: ExtractionScore) {
  const classes = Object.fromEntries(
    SCORE_CLASSES.map((cls) => [
      cls,
      {
        recall: ratio(score[cls].recovered, score[cls].expected),
        precision: ratio(score[cls].correct, score[cls].given),
      },
    ]),
  ) as Record<ScoreClass, ClassShares>;
  const sum = (key: keyof Tally) => SCORE_CLASSES.reduce((n, cls) => n + score[cls][key], 0);
  return {
    recall: ratio(sum("recovered"), sum("expected")),
    precision: ratio(sum("correct"), sum("given")),
    classes,
    tallies: score,
  };
}
