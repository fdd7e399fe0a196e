import type { FuzzyDate } from "../domain/fuzzy-date.ts";
import type { Candidate, CandidateFigures } from "./candidates.ts";
import type { CandidateKind } from "./classify.ts";

/** A record an analyst codes from a report: the candidate's shape, with places by name only. */
export type ExpectedCandidate = {
  kind: CandidateKind;
  date?: FuzzyDate;
  due?: FuzzyDate;
  places: string[];
  actors: string[];
  reported_by?: string;
  blamed?: string[];
  figures?: CandidateFigures;
  participants?: string[];
};

export type Share = { recovered: number; expected: number };

/** The tallies for one or many reports; `share` fields are filled by `summarize`. */
export type ExtractionScore = {
  dates: Share;
  places: Share;
  actors: Share;
  figures: Share & { wrong: number };
  kinds: Share;
  /** Candidates the analyst would not code (not counted in the score, reported beside it). */
  spurious: number;
};

export function emptyScore(): ExtractionScore {
  return {
    dates: { recovered: 0, expected: 0 },
    places: { recovered: 0, expected: 0 },
    actors: { recovered: 0, expected: 0 },
    figures: { recovered: 0, expected: 0, wrong: 0 },
    kinds: { recovered: 0, expected: 0 },
    spurious: 0,
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

function similarity(e: ExpectedCandidate, c: Candidate): number {
  let s = 0;
  if (e.kind === c.kind) s += 3;
  else if (
    (e.kind === "claim" || e.kind === "incident") &&
    (c.kind === "claim" || c.kind === "incident")
  )
    s += 1;
  else return 0;
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
  return s;
}

function figureItems(figures: CandidateFigures | undefined): Map<string, number> {
  const items = new Map<string, number>();
  for (const [category, perSide] of Object.entries(figures ?? {}))
    for (const [side, n] of Object.entries(perSide ?? {})) items.set(`${category}:${side}`, n);
  return items;
}

/**
 * Adds one report's result to the tallies. Each expected record is paired with the most similar
 * unpaired candidate of a compatible kind. Recovered: its date (and deadline) exactly, with the same
 * precision; each expected place by name; each expected actor, speaker, blamed actor and participant;
 * each figure with the same category, side and number. A figure the analyst did not code, or with
 * another number, is wrong, wherever it comes from, even from a candidate the analyst did not expect.
 */
export function scoreReport(
  score: ExtractionScore,
  expected: readonly ExpectedCandidate[],
  got: readonly Candidate[],
): void {
  // Pair the most similar expected record and candidate first, then the next most similar, so
  // that the order in which an analyst listed the records does not decide the pairing.
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
    score.kinds.expected++;
    if (c?.kind === e.kind) score.kinds.recovered++;
    for (const key of ["date", "due"] as const) {
      if (!e[key]) continue;
      score.dates.expected++;
      if (sameDate(e[key], c?.[key])) score.dates.recovered++;
    }
    const names = c?.places.map((p) => p.name) ?? [];
    score.places.expected += e.places.length;
    score.places.recovered += overlap(e.places, names);
    const actorItems: Array<[string, boolean]> = [
      ...e.actors.map((a): [string, boolean] => [a, c?.actors.includes(a) === true]),
      ...(e.blamed ?? []).map((a): [string, boolean] => [a, c?.blamed?.includes(a) === true]),
      ...(e.participants ?? []).map((a): [string, boolean] => [
        a,
        c?.participants?.includes(a) === true,
      ]),
    ];
    if (e.reported_by !== undefined)
      actorItems.push([e.reported_by, c?.reported_by === e.reported_by]);
    score.actors.expected += actorItems.length;
    score.actors.recovered += actorItems.filter(([, ok]) => ok).length;
    const want = figureItems(e.figures);
    const have = figureItems(c?.figures);
    score.figures.expected += want.size;
    for (const [key, n] of want) if (have.get(key) === n) score.figures.recovered++;
    for (const [key, n] of have) if (want.get(key) !== n) score.figures.wrong++;
  });
  for (const i of unused) {
    score.spurious++;
    score.figures.wrong += figureItems(got[i]?.figures).size;
  }
}

const share = (s: Share) => (s.expected === 0 ? 1 : s.recovered / s.expected);

/**
 * The shares per category and the overall score: the mean of the shares of dates, places, actors
 * and figures, where wrong figures are subtracted from the recovered ones (never below zero).
 */
export function summarize(score: ExtractionScore) {
  const figures =
    score.figures.expected === 0
      ? 1
      : Math.max(0, score.figures.recovered - score.figures.wrong) / score.figures.expected;
  const shares = {
    dates: share(score.dates),
    places: share(score.places),
    actors: share(score.actors),
    figures,
  };
  const overall = (shares.dates + shares.places + shares.actors + shares.figures) / 4;
  return { overall, shares, kinds: share(score.kinds), tallies: score };
}
