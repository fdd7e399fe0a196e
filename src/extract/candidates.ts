import type { FigureCategory } from "../domain/figures.ts";
import type { FuzzyDate } from "../domain/fuzzy-date.ts";
import {
  type ActorMention,
  type ActorRecord,
  buildActorTable,
  findActorMentions,
} from "./actors.ts";
import { attributeClause } from "./attribution.ts";
import { type CandidateKind, classifySentence, type Topic } from "./classify.ts";
import {
  type CountCategory,
  findReleases,
  findViolationCounts,
  findWithdrawalCounts,
} from "./counts.ts";
import { type DateMention, findDateline, findDates } from "./dates.ts";
import { type FigureMention, findFigures } from "./figures.ts";
import type { GazetteerEntry } from "./gazetteer.ts";
import {
  type CandidatePlace,
  findPlaces,
  isCapitalSpeaking,
  type PlaceMention,
  type ProcessPlace,
} from "./places.ts";
import { type Span, splitClauses, splitSentences } from "./text-spans.ts";

/** What a stretch of evidence supports, so a page can colour it. */
export type EvidenceRole =
  | "text"
  | "date"
  | "due"
  | "place"
  | "actor"
  | "reported_by"
  | "blamed"
  | "figure";

export type Evidence = { start: number; end: number; supports: EvidenceRole };

/** Counts per side (actor id, "civilians" or "unknown"), per category, as the claim states them. */
export type CandidateFigures = Partial<
  Record<FigureCategory | CountCategory, Record<string, number>>
>;

/**
 * A record the text suggests, for a person to accept, correct or discard. Field names follow the
 * record kinds (a commitment's deadline is `due`, a meeting's `participants`); `evidence` holds the
 * character ranges of the input that support it, `text` the sentences it was read from.
 */
export type Candidate = {
  kind: CandidateKind;
  /** Meetings: held, or planned (the report speaks of it as to come). */
  status?: "held" | "planned";
  date?: FuzzyDate;
  due?: FuzzyDate;
  places: CandidatePlace[];
  actors: string[];
  reported_by?: string;
  blamed?: string[];
  figures?: CandidateFigures;
  participants?: string[];
  text: string;
  evidence: Evidence[];
  /** How sure the rules are, 0–1: for ordering a review queue, not a probability. */
  confidence?: number;
};

export type ExtractOptions = {
  /** The report's publication day, YYYY-MM-DD; without it, the report's dateline if it has one. */
  published?: string | undefined;
  /** The process's actors; names, titles and institutions are matched against them. */
  actors: readonly ActorRecord[];
  /** The process's own places (its `place` records), searched first: their names win. */
  places?: readonly ProcessPlace[] | undefined;
  /**
   * The world gazetteer's places in the process's countries, searched after its own
   * (`worldGazetteer().within(...)` in src/geo/world-gazetteer.ts; the CLI passes them).
   */
  world?: readonly GazetteerEntry[] | undefined;
};

export type ExtractResult = { published?: string; candidates: Candidate[] };

type Facts = {
  span: Span;
  topics: Topic[];
  /** The sentence says someone said something (not only that someone is named). */
  hasSpeechVerb: boolean;
  speaker: string | undefined;
  hasUnknownSpeaker: boolean;
  mentions: ActorMention[];
  places: PlaceMention[];
  dates: DateMention[];
  statementDates: DateMention[];
  blamed: Array<{ actor: string; start: number; end: number }>;
  figures: FigureMention[];
};

type Draft = {
  topic: Topic;
  speaker: string | undefined;
  hasUnknownSpeaker: boolean;
  spans: Span[];
  mentions: ActorMention[];
  places: PlaceMention[];
  dates: DateMention[];
  statementDates: DateMention[];
  blamed: Array<{ actor: string; start: number; end: number }>;
  figures: FigureMention[];
};

const actorTables = new WeakMap<readonly ActorRecord[], ReturnType<typeof buildActorTable>>();

// Candidates dated only by the start of a period ("since last year's war"): a claim about the same
// fighting with its own day dates them better.
const startOnly = new WeakSet<Candidate>();

const PRECISION_RANK: Record<string, number> = { time: 5, day: 4, range: 3, month: 2, year: 1 };
// A date right after a speech verb dates the statement, not what it reports.
const STATEMENT_DATE_BEFORE =
  /\b(?:said|says|stated|announced|reported|claimed|accused|denied|rejected|warned|told\b[^,.;]{0,40}?|traded (?:blame|accusations))\s*$/i;
const DATELINE = /^\p{Lu}[\p{Lu}/ .'-]+,[^\n]{0,40}?(?:\([^)]{1,30}\))?\s+[-–—]\s+/u;

/** The day the report's events are dated from, and the text range its dateline covers. */
function readDateline(text: string): number {
  const m = DATELINE.exec(text);
  return m ? m[0].length : 0;
}

/** The most precise event date, the earliest of equals. */
function bestDate(
  dates: readonly DateMention[],
  role: DateMention["role"],
): DateMention | undefined {
  let best: DateMention | undefined;
  for (const d of dates) {
    if (d.role !== role) continue;
    if (
      !best ||
      (PRECISION_RANK[d.date.precision] ?? 0) > (PRECISION_RANK[best.date.precision] ?? 0)
    )
      best = d;
  }
  return best;
}

function resolveOpponents(
  mentions: readonly ActorMention[],
  speaker: string | undefined,
  parties: readonly string[],
): ActorMention[] {
  const others = parties.filter((p) => p !== speaker);
  const opponent = speaker !== undefined && others.length === 1 ? others[0] : undefined;
  return mentions.flatMap((m) => {
    if (!m.isOpponent) return [m];
    return opponent ? [{ ...m, actor: opponent, isOpponent: false }] : [];
  });
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * Reads a report and returns the records a careful analyst would consider coding from it: incidents
 * and each party's claims about them, meetings, commitments with their deadlines, exchanges and
 * documents, with dates resolved against the publication day, places from the gazetteer, the
 * process's actors, casualty figures per side, and the character ranges that support each. Pure: no
 * clock, no I/O, the same output for the same input.
 */
export function extractCandidates(text: string, options: ExtractOptions): ExtractResult {
  const published = options.published ?? findDateline(text);
  // A day's reports share one process: its actor table (and the pattern of every alias) is built
  // once for the actors list it was given.
  let table = actorTables.get(options.actors);
  if (!table) {
    table = buildActorTable(options.actors);
    actorTables.set(options.actors, table);
  }
  const datelineEnd = readDateline(text);
  const sentences = splitSentences(text);
  const candidates: Candidate[] = [];
  let current: Draft | undefined;
  let lastSpeaker: string | undefined;
  let previous: Candidate | undefined;

  const emit = (candidate: Candidate) => {
    candidates.push(candidate);
    previous = candidate;
  };
  const flush = () => {
    if (current) emit(finish(current, table.parties, published));
    current = undefined;
  };

  const readPart = (sentence: Span) => {
    const facts = readSentence(
      text,
      sentence,
      datelineEnd,
      published,
      table,
      lastSpeaker,
      options.places,
      options.world,
    );
    if (facts.speaker) lastSpeaker = facts.speaker;
    if (facts.topics.length === 0) {
      // "Baku said the soldiers had been detained after crossing...": another party's version.
      const isReply =
        current !== undefined &&
        facts.speaker !== undefined &&
        current.speaker !== undefined &&
        facts.speaker !== current.speaker &&
        table.parties.includes(facts.speaker);
      // "Timochenko said the FARC would seek power through votes": a side's statement with no
      // other topic is its position.
      const isPosition =
        current === undefined &&
        facts.speaker !== undefined &&
        table.parties.includes(facts.speaker) &&
        facts.hasSpeechVerb;
      if (isReply || isPosition) {
        flush();
        current = draftFrom("position", facts);
      } else if (current) attach(current, facts);
      return;
    }
    // "On Friday the Defence Minister blamed the ELN for the attack": blame for the record being
    // read, said on another day; the day it was said does not date the attack.
    const isBlameForIt =
      current !== undefined &&
      (current.topic === "incident" || current.topic === "position") &&
      (facts.speaker === undefined || facts.speaker === current.speaker) &&
      facts.blamed.length > 0 &&
      /\bfor the (?:attack|bombing|shelling|incident|killings?|explosion|ambush)\b/i.test(
        sentence.text,
      );
    if (current && isBlameForIt) {
      attach(current, { ...facts, dates: [], statementDates: [] });
      return;
    }
    for (const topic of facts.topics) {
      if (topic === "commitment") {
        flush();
        for (const c of commitmentsIn(text, sentence, facts, previous, datelineEnd)) emit(c);
        continue;
      }
      if (current && continues(current, topic, facts, sentence)) {
        merge(current, facts);
        continue;
      }
      flush();
      current = draftFrom(topic, facts);
    }
    if (current && !facts.topics.includes(current.topic)) flush();
  };
  sentences.forEach((sentence, i) => {
    const isHeadline = !/[.!?"”’)]$/.test(sentence.text) && i < sentences.length - 1;
    if (!isHeadline) for (const part of splitAtReply(text, sentence, table)) readPart(part);
  });
  flush();
  borrowDates(candidates);
  inheritContext(candidates);
  const ordered = candidates.map(inFieldOrder);
  return published ? { published, candidates: ordered } : { candidates: ordered };
}

/**
 * "..., Azerbaijan's Defence Ministry reported, while Armenia said its forces had not fired": a
 * clause in which another party speaks is read as a sentence of its own, so it becomes that
 * party's claim.
 */
function splitAtReply(
  text: string,
  sentence: Span,
  table: ReturnType<typeof buildActorTable>,
): Span[] {
  const mentions = findActorMentions(sentence.text, table, sentence.start);
  const clauses = splitClauses(sentence);
  let first: string | undefined;
  for (const clause of clauses) {
    const speaker = attributeClause(clause, mentions).speaker?.actor;
    if (speaker === undefined || !table.parties.includes(speaker)) continue;
    if (first === undefined) first = speaker;
    else if (speaker !== first) {
      const head = {
        start: sentence.start,
        end: clause.start,
        text: text.slice(sentence.start, clause.start),
      };
      const tail = {
        start: clause.start,
        end: sentence.end,
        text: text.slice(clause.start, sentence.end),
      };
      return [head, tail];
    }
  }
  return [sentence];
}

const NOT_A_PLACE_AFTER =
  /^(?:'s|’s)?\s+(?:agreements?|accords?|protocols?|memorandum|format|group|Group|process|package|arrangements?|formula|declaration|statement|Armenians?|Azerbaijanis?|separatists?|rebels?|militia|leadership|authorities|ombudsman|de facto)\b/;
// "local officials in Stepanakert said": where the speaker sits, not where it happened.
const SPEAKER_SEAT_BEFORE =
  /\b(?:officials?|authorities|ministry|government|office|spokes(?:man|woman|person)|ombudsman)\s+in\s+$/i;

function readSentence(
  text: string,
  sentence: Span,
  datelineEnd: number,
  published: string | undefined,
  table: ReturnType<typeof buildActorTable>,
  lastSpeaker: string | undefined,
  processPlaces: readonly ProcessPlace[] | undefined,
  world: readonly GazetteerEntry[] | undefined,
): Facts {
  const body =
    sentence.start < datelineEnd
      ? { start: datelineEnd, end: sentence.end, text: text.slice(datelineEnd, sentence.end) }
      : sentence;
  let mentions = findActorMentions(body.text, table, body.start);
  const places: PlaceMention[] = [];
  for (const place of findPlaces(body.text, body.start, processPlaces, world)) {
    // "Donetsk" in "Donetsk People's Republic" names an actor; "Minsk" in "the Minsk agreements"
    // or "the Minsk Group" names a document or a body, not where something happened.
    if (
      mentions.some(
        (m) =>
          m.start <= place.start && m.end >= place.end && m.end - m.start > place.end - place.start,
      )
    )
      continue;
    if (NOT_A_PLACE_AFTER.test(text.slice(place.end, place.end + 30))) continue;
    if (
      !place.entry.capital_of &&
      SPEAKER_SEAT_BEFORE.test(text.slice(Math.max(0, place.start - 40), place.start))
    )
      continue;
    const country = place.entry.capital_of;
    // A name that is both a place and one of an actor's aliases (a capital in a process's
    // actors) is the actor when it speaks or is spoken of as a government, else the place.
    const same = mentions.find((m) => m.start === place.start && m.end === place.end);
    const actor = same?.actor ?? (country ? table.byCapitalCountry.get(country) : undefined);
    // "accused Kyiv of", "urged Baku to": the government is spoken to or of.
    const isAddressed =
      /\b(?:accused|accusing|accuses|blamed|blaming|urged|urging|warned|called on|pressed)\s+$/i.test(
        text.slice(Math.max(0, place.start - 20), place.start),
      );
    // A town of the world gazetteer named like an actor ("Armenia" in Colombia, "Colombia") is
    // the actor: the process's own places and capitals are decided by how they are used.
    const isActorsName =
      same !== undefined && place.entry.geonames_id !== undefined && !place.entry.capital_of;
    if (actor && (isActorsName || isAddressed || isCapitalSpeaking(text, place.start, place.end))) {
      if (!same) mentions.push({ start: place.start, end: place.end, text: place.text, actor });
    } else {
      if (same) mentions = mentions.filter((m) => m !== same);
      places.push(place);
    }
  }
  // "near Pryshyb, in the Luhansk region", "in Calamar, Guaviare": the region only says where
  // the settlement is; the settlement is the place.
  for (let i = places.length - 1; i > 0; i--) {
    const region = places[i];
    const town = places[i - 1];
    if (
      region &&
      town &&
      region.place.precision === "region" &&
      town.place.precision === "settlement" &&
      /^,\s*(?:in\s+)?(?:the\s+)?$/.test(text.slice(town.end, region.start))
    )
      places.splice(i, 1);
  }
  mentions.sort((a, b) => a.start - b.start);
  const clauses = splitClauses(body);
  const attributions = clauses.map((c) => attributeClause(c, mentions));
  const spoken = attributions.find((a) => a.speaker || a.isAnaphoric);
  const speaker = spoken?.speaker?.actor ?? (spoken?.isAnaphoric ? lastSpeaker : undefined);
  mentions = resolveOpponents(mentions, speaker, table.parties);
  const others = table.parties.filter((p) => p !== speaker);
  const blamed = attributions
    .flatMap((a) => a.blamed)
    .map((b) =>
      b.actor === "" ? { ...b, actor: others.length === 1 && speaker ? (others[0] ?? "") : "" } : b,
    )
    .filter((b) => b.actor !== "" && b.actor !== speaker);
  const countContext = {
    mentions,
    sides: table.sides,
    blamed: blamed.map((b) => b.actor),
  };
  const dates = findDates(body, published);
  const statementDates = dates.filter(
    (d) =>
      d.role === "event" &&
      STATEMENT_DATE_BEFORE.test(text.slice(Math.max(0, d.start - 60), d.start)),
  );
  return {
    span: sentence,
    topics: classifySentence(body.text),
    hasSpeechVerb: attributions.some((a) => a.speaker !== undefined || a.isAnaphoric),
    speaker,
    hasUnknownSpeaker: attributions.some((a) => a.hasUnknownSpeaker),
    mentions,
    places,
    dates: dates.filter((d) => !statementDates.includes(d)),
    statementDates,
    blamed,
    figures: [
      ...findFigures(body, mentions, speaker ?? lastSpeaker),
      ...findViolationCounts(body, countContext),
      ...findReleases(body, countContext),
      ...findWithdrawalCounts(body, countContext),
    ],
  };
}

function draftFrom(topic: Topic, facts: Facts): Draft {
  return {
    topic,
    speaker: facts.speaker,
    hasUnknownSpeaker: facts.hasUnknownSpeaker,
    spans: [facts.span],
    mentions: [...facts.mentions],
    places: [...facts.places],
    dates: [...facts.dates],
    statementDates: [...facts.statementDates],
    blamed: [...facts.blamed],
    figures: [...facts.figures],
  };
}

/**
 * Whether a sentence goes on with the record being read: the same topic, and for reports of
 * fighting the same speaker (a new speaker is a new claim), and no other day for the event.
 */
function continues(draft: Draft, topic: Topic, facts: Facts, sentence: Span): boolean {
  // Each count a sentence states is its own (per region, per period).
  if (topic === "violation_count") return false;
  // "Another meeting is expected in the coming days": a planned meeting after a held one.
  if (topic === "meeting" && draft.topic === "meeting") {
    const wasPlanned = PLANNED.test(draft.spans.map((s) => s.text).join(" "));
    if (
      PLANNED.test(sentence.text) !== wasPlanned ||
      /\b(?:another|next|new)\s+(?:meeting|round)\b/i.test(sentence.text)
    )
      return false;
    if (/\bthe (?:meeting|talks|summit)\b/i.test(sentence.text)) return true;
  }
  const isFighting = (t: Topic) => t === "incident" || t === "position";
  if (topic !== draft.topic && !(isFighting(topic) && isFighting(draft.topic))) return false;
  if (isFighting(topic) && facts.speaker !== undefined && facts.speaker !== draft.speaker)
    return false;
  // "The enemy also fired at positions near Avdiivka": another attack, somewhere else.
  if (
    isFighting(topic) &&
    /\balso\b/i.test(sentence.text) &&
    facts.places.length > 0 &&
    !facts.places.some((p) => draft.places.some((d) => d.place.name === p.place.name))
  )
    return false;
  const mine = bestDate(draft.dates, "event");
  const theirs = bestDate(facts.dates, "event");
  return !(
    mine &&
    theirs &&
    mine.date.precision === "day" &&
    theirs.date.precision === "day" &&
    mine.date.value !== theirs.date.value
  );
}

function merge(draft: Draft, facts: Facts): void {
  draft.spans.push(facts.span);
  draft.mentions.push(...facts.mentions);
  draft.places.push(...facts.places);
  draft.dates.push(...facts.dates);
  draft.statementDates.push(...facts.statementDates);
  draft.blamed.push(...facts.blamed);
  draft.figures.push(...facts.figures);
  draft.speaker ??= facts.speaker;
  draft.hasUnknownSpeaker ||= facts.hasUnknownSpeaker;
}

/**
 * A sentence with no topic of its own ("As a result, two servicemen were wounded") adds to the
 * record being read: its figures, actors and blame; its places and dates only where the record has
 * none, since such sentences often mention other places in passing.
 */
function attach(draft: Draft, facts: Facts): void {
  draft.spans.push(facts.span);
  // "Fighting flared around Avdiivka. Kyiv said...": the first to speak of it gives its version.
  draft.speaker ??= facts.speaker;
  draft.mentions.push(...facts.mentions);
  draft.blamed.push(...facts.blamed);
  draft.figures.push(...facts.figures);
  if (draft.places.length === 0) draft.places.push(...facts.places);
  if (!bestDate(draft.dates, "event")) draft.dates.push(...facts.dates);
}

function kindOf(draft: Draft, parties: readonly string[]): CandidateKind {
  if (draft.topic === "position") return "claim";
  if (draft.topic === "incident")
    return draft.speaker !== undefined && parties.includes(draft.speaker) ? "claim" : "incident";
  return draft.topic;
}

function placesOf(mentions: readonly PlaceMention[]): CandidatePlace[] {
  const byName = new Map<string, CandidatePlace>();
  for (const m of mentions) if (!byName.has(m.place.name)) byName.set(m.place.name, m.place);
  return [...byName.values()];
}

function figuresOf(mentions: readonly FigureMention[]): CandidateFigures {
  const figures: CandidateFigures = {};
  for (const f of mentions) {
    const perSide = figures[f.category] ?? {};
    figures[f.category] = perSide;
    // A repeated figure is the same count said twice; keep the first.
    if (perSide[f.side] === undefined) perSide[f.side] = f.count;
  }
  return figures;
}

// Which counts each kind carries: casualties belong to fighting ("the bodies of 15 soldiers were
// handed over" is an exchange, not a death toll), releases to exchanges, tallies to counts.
const CASUALTIES = ["killed", "wounded", "captured", "missing"];
const FIGURES_OF: Partial<Record<CandidateKind, readonly string[]>> = {
  incident: CASUALTIES,
  claim: CASUALTIES,
  exchange: ["released"],
  violation_count: ["violations", "explosions"],
  withdrawal: ["weapons", "fighters"],
};
// A meeting spoken of as to come: "will meet", "is due to meet", "the next meeting is scheduled".
const PLANNED =
  /\b(?:will|shall|would|is to|are to|is due to|are due to|to be held|scheduled|plans? to|planned|is expected|are expected|next meeting|next round|next video conference|agreed to meet|meet again)\b/i;

/**
 * How sure the rules are of a candidate, from 0 to 1: a ranking for the reviewer (the surest
 * first), not a probability. Each part the text gave that the kind needs adds to it.
 */
function confidenceOf(c: Candidate): number {
  let score = 0.4;
  if (c.date) score += 0.15;
  if (c.places.length > 0) score += 0.1;
  if (c.actors.length > 0) score += 0.1;
  if (c.reported_by || (c.participants?.length ?? 0) > 0) score += 0.1;
  if (Object.keys(c.figures ?? {}).length > 0 || c.due) score += 0.1;
  return Math.round(Math.min(score, 0.95) * 100) / 100;
}

function finish(draft: Draft, parties: readonly string[], published?: string): Candidate {
  const kind = kindOf(draft, parties);
  const event =
    bestDate(draft.dates, "event") ??
    (draft.topic !== "incident" ? bestDate(draft.statementDates, "event") : undefined) ??
    bestDate(draft.dates, "since");
  // The speaker is an actor of its statement, named or not ("it recorded three violations").
  const actors = unique([
    ...draft.mentions.map((m) => m.actor),
    ...(draft.speaker ? [draft.speaker] : []),
  ]);
  const evidence: Evidence[] = draft.spans.map((s) => ({
    start: s.start,
    end: s.end,
    supports: "text",
  }));
  if (event) evidence.push({ start: event.start, end: event.end, supports: "date" });
  for (const p of draft.places) evidence.push({ start: p.start, end: p.end, supports: "place" });
  for (const m of draft.mentions) evidence.push({ start: m.start, end: m.end, supports: "actor" });
  const text = draft.spans.map((s) => s.text).join(" ");
  const candidate: Candidate = { kind, places: placesOf(draft.places), actors, text, evidence };
  if (event) candidate.date = event.date;
  if (event?.role === "since") startOnly.add(candidate);
  // A meeting's, promise's or document's record names its participants or signatories, not who
  // reported it.
  const hasReporter = kind !== "meeting" && kind !== "commitment" && kind !== "document";
  if (draft.speaker && hasReporter) {
    candidate.reported_by = draft.speaker;
    const said = draft.mentions.find((m) => m.actor === draft.speaker);
    if (said) evidence.push({ start: said.start, end: said.end, supports: "reported_by" });
  }
  if (kind === "incident" || kind === "claim" || kind === "violation_count") {
    candidate.blamed = unique(draft.blamed.map((b) => b.actor)).filter((b) => b !== draft.speaker);
    for (const b of draft.blamed) evidence.push({ start: b.start, end: b.end, supports: "blamed" });
  }
  const categories = FIGURES_OF[kind];
  if (categories) {
    const figures = draft.figures.filter((f) => categories.includes(f.category));
    if (figures.length > 0 || kind === "incident" || kind === "claim")
      candidate.figures = figuresOf(figures);
    for (const f of figures) evidence.push({ start: f.start, end: f.end, supports: "figure" });
  }
  if (kind === "withdrawal") {
    const due = bestDate(draft.dates, "due");
    if (due) {
      candidate.due = due.date;
      evidence.push({ start: due.start, end: due.end, supports: "due" });
    }
  }
  if (kind === "meeting") {
    candidate.participants = actors;
    const isLater =
      published !== undefined && candidate.date !== undefined && candidate.date.value > published;
    candidate.status = isLater || PLANNED.test(text) ? "planned" : "held";
  }
  candidate.confidence = confidenceOf(candidate);
  return candidate;
}

/**
 * The commitments in a sentence: one per deadline ("by 30 January and ... by 1 March") or per
 * clause that promises something ("..., and peacekeepers will deploy ..."), each with the actors
 * and places of its own stretch of text.
 */
function commitmentsIn(
  text: string,
  sentence: Span,
  facts: Facts,
  previous: Candidate | undefined,
  datelineEnd = 0,
): Candidate[] {
  const dues = facts.dates.filter((d) => d.role === "due");
  const segments: Array<{ span: Span; due?: DateMention }> = [];
  if (dues.length > 1) {
    let start = sentence.start;
    dues.forEach((due, i) => {
      const end = i === dues.length - 1 ? sentence.end : due.end;
      segments.push({ span: { start, end, text: text.slice(start, end) }, due });
      start = due.end;
    });
  } else {
    // A clause that only gives the deadline ("adding that it would be finished within three
    // years") belongs to the promise before it.
    const clauses: Span[] = [];
    // The dateline ("MINSK, 28 June 2018 –") is no clause of the promise.
    for (const c of splitClauses(sentence).filter((c) => c.end > datelineEnd)) {
      const last = clauses.at(-1);
      if (!last || classifySentence(c.text).includes("commitment")) clauses.push(c);
      else
        clauses[clauses.length - 1] = {
          start: last.start,
          end: c.end,
          text: text.slice(last.start, c.end),
        };
    }
    const chosen = clauses.length > 1 ? clauses : [sentence];
    for (const span of chosen) {
      const due =
        dues.find((d) => d.start >= span.start && d.end <= span.end) ??
        (chosen.length === 1 ? dues[0] : undefined);
      segments.push(due ? { span, due } : { span });
    }
  }
  return segments.map(({ span, due }) => {
    const inside = <T extends { start: number; end: number }>(items: readonly T[]) =>
      items.filter((x) => x.start >= span.start && x.end <= span.end);
    const mentions = inside(facts.mentions);
    // "..., Sajdik said after the Contact Group met in Minsk", "After talks in Brussels, ...":
    // where the meeting was, not where the promise applies.
    const places = inside(facts.places).filter(
      (p) =>
        !/\b(?:met|meeting|talks|summit|session)\s+in\s+$/i.test(
          text.slice(Math.max(0, p.start - 40), p.start),
        ),
    );
    const evidence: Evidence[] = [{ start: span.start, end: span.end, supports: "text" }];
    if (due) evidence.push({ start: due.start, end: due.end, supports: "due" });
    for (const p of places) evidence.push({ start: p.start, end: p.end, supports: "place" });
    for (const m of mentions) evidence.push({ start: m.start, end: m.end, supports: "actor" });
    const candidate: Candidate = {
      kind: "commitment",
      places: placesOf(places),
      actors: unique(mentions.map((m) => m.actor)),
      text: span.text.trim(),
      evidence,
    };
    if (due) candidate.due = due.date;
    // The day it was agreed, else the day it was said ("..., Arnault said on Wednesday").
    const agreedOn =
      bestDate(inside(facts.dates), "event") ??
      bestDate(facts.dates, "event") ??
      bestDate(facts.statementDates, "event");
    if (agreedOn) candidate.date = agreedOn.date;
    else if (previous?.date) candidate.date = previous.date;
    return candidate;
  });
}

/**
 * Claims about the same fighting share its date: a denial or the other side's version rarely
 * repeats the day, and a wire's summary sentence gives only the day of the statements.
 */
function borrowDates(candidates: Candidate[]): void {
  // "On the same day the SMM recorded...": the day of the record before.
  candidates.forEach((c, i) => {
    const before = candidates[i - 1];
    if (!c.date && before?.date && /\b(?:the same day|that day|the same date)\b/i.test(c.text))
      c.date = before.date;
  });
  borrowWithin(candidates.filter((c) => c.kind === "incident" || c.kind === "claim"));
  // A bulletin's counts for one region after another share its period.
  borrowWithin(candidates.filter((c) => c.kind === "violation_count"));
}

function borrowWithin(fighting: readonly Candidate[]): void {
  const isDated = (c: Candidate) => c.date !== undefined && !startOnly.has(c);
  fighting.forEach((c, i) => {
    if (isDated(c)) return;
    const before = fighting.slice(0, i).reverse().find(isDated);
    const donor = before ?? fighting.slice(i + 1).find(isDated);
    if (donor?.date) c.date = donor.date;
  });
}

const FIELD_ORDER: Array<keyof Candidate> = [
  "kind",
  "status",
  "date",
  "due",
  "places",
  "actors",
  "reported_by",
  "blamed",
  "figures",
  "participants",
  "text",
  "evidence",
  "confidence",
];

/** The candidate with its fields in reading order (JSON keeps insertion order). */
function inFieldOrder(candidate: Candidate): Candidate {
  const out: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) if (candidate[key] !== undefined) out[key] = candidate[key];
  return out as Candidate;
}

/**
 * A document or commitment that names no date, place or actor ("After the meeting the three leaders
 * adopted a joint statement") takes them from the record read just before it, as an analyst would.
 */
function inheritContext(candidates: Candidate[]): void {
  candidates.forEach((c, i) => {
    const before = candidates[i - 1];
    if (
      !before ||
      (c.kind !== "document" && c.kind !== "exchange" && c.kind !== "withdrawal") ||
      before.kind === "incident" ||
      before.kind === "claim"
    ) {
      // A withdrawal or promise a document sets out is dated by the document.
      if (before?.kind === "document" && !c.date && before.date) c.date = before.date;
      return;
    }
    if (!c.date && before.date) c.date = before.date;
    if (c.places.length === 0) c.places = before.places;
    if (c.actors.length === 0) c.actors = before.actors;
  });
}
