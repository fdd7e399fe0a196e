import type { FigureCategory } from "../domain/figures.ts";
import type { ActorMention } from "./actors.ts";
import type { CountCategory } from "./counts.ts";
import { COUNT_PATTERN, parseCount } from "./numbers.ts";
import type { Span } from "./text-spans.ts";

/** One stated count: category, whose losses, how many, and where the text says it. */
export type FigureMention = {
  start: number;
  end: number;
  category: FigureCategory | CountCategory;
  /** An actor id, "civilians", or "unknown" when the text does not say whose losses. */
  side: string;
  count: number;
};

const MILITARY =
  "(?:ex-|former )?combatants?|guerrillas?|rebels?|militants?|members?|policem[ae]n|police officers?|peacekeepers?|servicem[ae]n|soldiers?|troops|service ?members?|military personnel|officers?|conscripts?|border guards?|fighters?|privates?|sergeants?|sappers?|militar(?:y|ies)";
const CIVILIAN =
  "wom[ae]n|m[ae]n|boys?|girls?|child|teachers?|doctors?|students?|civilians?|residents?|villagers?|journalists?|reporters?|shepherds?|farmers?|workers?|people|persons?|officials?|children|women|deminers?|drivers?|others?";
const NOUN = new RegExp(`\\b(?:${MILITARY}|${CIVILIAN})\\b`, "i");
const CIVILIAN_NOUN = new RegExp(`\\b(?:${CIVILIAN})\\b`, "i");
const VERBS: Array<[FigureCategory, string]> = [
  ["killed", "killed|shot dead|dead|died|lost their lives|fatally wounded"],
  ["wounded", "wounded|injured|hurt|taken to hospital|hospitali[sz]ed"],
  ["captured", "captured|taken prisoner|taken captive|detained"],
  ["missing", "missing|unaccounted for"],
];
const VERB = VERBS.map(([, words]) => words).join("|");
const AUX = "(?:were|was|had been|have been|has been|are|is|got|reportedly)";

// COUNT, up to eight words naming who (no clause punctuation), an auxiliary, and what befell them.
const PASSIVE = new RegExp(
  `\\b(${COUNT_PATTERN})\\b((?:[ ](?![,.;:])[^\\s,.;:]+){0,8}?)[ ](?:${AUX}[ ])*(?:${AUX}[ ])?(?:[a-z]+ed[ ]and[ ])?(${VERB})\\b`,
  "gi",
);
// "and twelve were captured", "and 12 captured", "and two others wounded": the last figure's people.
const ELLIPTIC = new RegExp(
  `^(?:,?\\s+and|,)\\s+(${COUNT_PATTERN})\\b(?:\\s+others?)?\\s+(?:${AUX}\\s+)*(${VERB})\\b`,
  "i",
);
// "killed two Armenian soldiers", "wounding a serviceman".
const ACTIVE = new RegExp(
  `\\b(killed|killing|wounded|wounding|injured|injuring|captured|capturing)\\s+(${COUNT_PATTERN})\\b((?:\\s+[^\\s,.;:]+){0,5}?)\\s+(?:${MILITARY}|${CIVILIAN})\\b`,
  "gi",
);

const BARE_ACTIVE = new RegExp(
  `\\b(killing|wounding|injuring)\\s+(${COUNT_PATTERN})(?=\\s*(?:,|\\.|;|and\\s+(?:killing|wounding|injuring)\\b|$))`,
  "gi",
);
const NOMINAL = new RegExp(
  `\\b(killings?|deaths?|murders?|injuries)\\s+of\\s+(?:at least\\s+)?(${COUNT_PATTERN})\\b((?:\\s+[^\\s,.;:]+){0,4}?)\\s+(?:${MILITARY}|${CIVILIAN})\\b`,
  "gi",
);
const ELLIPTIC_ACTIVE = new RegExp(
  `^,?\\s+and\\s+(killing|wounding|injuring|capturing)\\s+(${COUNT_PATTERN})\\b(?!\\s+(?:[\\w-]+\\s+)?(?:${MILITARY}|${CIVILIAN}))`,
  "i",
);

function categoryOf(verb: string): FigureCategory {
  const v = verb.toLowerCase();
  for (const [category, words] of VERBS) {
    if (new RegExp(`^(?:${words})$`).test(v)) return category;
  }
  if (/^kill/.test(v)) return "killed";
  if (/^(?:wound|injur)/.test(v)) return "wounded";
  return "captured";
}

type SideContext = {
  speaker: string | undefined;
  mentions: readonly ActorMention[];
  /** The sentence the figure is in, for "on the Armenian side" and the like. */
  sentence: Span;
};

/**
 * Whose losses a count is: civilians when it counts civilians; the nation named in the counted
 * people ("two Armenian soldiers", "servicemen of the Azerbaijani Army"); the speaker's when they
 * are "its" or "our" people or a party reports its own losses; else unknown.
 */
function sideOf(who: { start: number; end: number; text: string }, context: SideContext): string {
  if (CIVILIAN_NOUN.test(who.text) && !new RegExp(`\\b(?:${MILITARY})\\b`, "i").test(who.text))
    return "civilians";
  const named = context.mentions.find(
    (m) => !m.isOpponent && m.start >= who.start && m.end <= who.end + 40 && m.start < who.end + 40,
  );
  const inPhrase = context.mentions.find(
    (m) => !m.isOpponent && m.start >= who.start && m.end <= who.end,
  );
  if (inPhrase) return inPhrase.actor;
  const after = context.sentence.text.slice(
    who.end - context.sentence.start,
    who.end - context.sentence.start + 40,
  );
  if (named && /^\s*of the\b/.test(after)) return named.actor;
  if (/\b(?:its|our|their own)\b/i.test(who.text)) return context.speaker ?? "unknown";
  // "Ten members of a FARC dissident structure", "five rebels": an armed group's people whom the
  // sentence does not tie to an actor are nobody's the speaker can claim as its own.
  if (/\b(?:members|dissidents?|rebels|guerrillas|militants|insurgents)\b/i.test(who.text))
    return "unknown";
  const sideWords = /\bon the (\w+) side\b/i.exec(context.sentence.text);
  if (sideWords) {
    const at = context.sentence.start + sideWords.index;
    const m = context.mentions.find((x) => x.start >= at && x.end <= at + sideWords[0].length);
    if (m && !m.isOpponent) return m.actor;
  }
  return context.speaker ?? "unknown";
}

/**
 * The casualty figures a sentence states, in digits or words, with whose losses each is. Vague
 * quantities ("several", "dozens") and figures without a count give nothing.
 */
export function findFigures(
  sentence: Span,
  mentions: readonly ActorMention[],
  speaker: string | undefined,
): FigureMention[] {
  const context: SideContext = { speaker, mentions, sentence };
  const found: FigureMention[] = [];
  const text = sentence.text;
  PASSIVE.lastIndex = 0;
  for (const m of text.matchAll(PASSIVE)) {
    const words = m[2] ?? "";
    // "killed three members of an armed group and captured five others": the verb after "and"
    // is an active one with its own count, not what befell these people.
    if (/\band$/i.test(words.trim())) continue;
    const isOwn = /^\s+of\s+(?:its|our|their)\b/i.test(words);
    if (!NOUN.test(words) && !isOwn) continue;
    const count = parseCount(m[1] ?? "");
    if (count === null) continue;
    const at = m.index ?? 0;
    const whoStart = sentence.start + at;
    const who = {
      start: whoStart,
      end: whoStart + (m[1] ?? "").length + words.length,
      text: `${m[1]}${words}`,
    };
    const side = sideOf(who, context);
    let parts = [{ count, text: who.text }];
    // "Two journalists and a local official were killed": each counted group adds up.
    const groups = who.text.split(/\s+and\s+/i);
    if (groups.length > 1) {
      const counted = groups.map((g) => {
        const head = new RegExp(`^\\s*(${COUNT_PATTERN})\\b`, "i").exec(g);
        return { count: head ? parseCount(head[1] ?? "") : null, text: g };
      });
      if (counted.every((g) => g.count !== null && NOUN.test(g.text)))
        parts = counted as Array<{ count: number; text: string }>;
    }
    const category = categoryOf(m[3] ?? "");
    const end = sentence.start + at + m[0].length;
    found.push({
      start: whoStart,
      end,
      category,
      side,
      count: parts.reduce((sum, p) => sum + p.count, 0),
    });
    const rest = text.slice(end - sentence.start);
    const elliptic = ELLIPTIC.exec(rest);
    if (elliptic) {
      const more = parseCount(elliptic[1] ?? "");
      if (more !== null)
        found.push({
          start: end,
          end: end + elliptic[0].length,
          category: categoryOf(elliptic[2] ?? ""),
          side,
          count: more,
        });
    }
  }
  // "killing three and wounding fifteen": counts with no people named are nobody's in particular.
  BARE_ACTIVE.lastIndex = 0;
  for (const m of text.matchAll(BARE_ACTIVE)) {
    const at = sentence.start + (m.index ?? 0);
    if (found.some((f) => at < f.end && at + m[0].length > f.start)) continue;
    const count = parseCount(m[2] ?? "");
    if (count === null || count === 0) continue;
    found.push({
      start: at,
      end: at + m[0].length,
      category: categoryOf(m[1] ?? ""),
      side: "unknown",
      count,
    });
  }
  // "the killings of 65 former FARC-EP members": a count named by the noun of the loss.
  NOMINAL.lastIndex = 0;
  for (const m of text.matchAll(NOMINAL)) {
    const at = sentence.start + (m.index ?? 0);
    if (found.some((f) => at < f.end && at + m[0].length > f.start)) continue;
    const count = parseCount(m[2] ?? "");
    if (count === null) continue;
    const whoStart = at + m[0].indexOf(m[2] ?? "");
    const who = {
      start: whoStart,
      end: at + m[0].length,
      text: text.slice(whoStart - sentence.start, at + m[0].length - sentence.start),
    };
    const category: FigureCategory = /^(?:kill|death|murder)/i.test(m[1] ?? "")
      ? "killed"
      : "wounded";
    found.push({ start: at, end: at + m[0].length, category, side: sideOf(who, context), count });
  }
  ACTIVE.lastIndex = 0;
  for (const m of text.matchAll(ACTIVE)) {
    const at = sentence.start + (m.index ?? 0);
    if (found.some((f) => at < f.end && at + m[0].length > f.start)) continue;
    const count = parseCount(m[2] ?? "");
    if (count === null) continue;
    const whoStart = at + (m[1] ?? "").length + 1;
    const who = {
      start: whoStart,
      end: at + m[0].length,
      text: m[0].slice((m[1] ?? "").length + 1),
    };
    // "... and captured five others": the others are of the side counted before them.
    const before = found.at(-1);
    const side =
      /^\s*\S+\s+others?\s*$/i.test(who.text) && before ? before.side : sideOf(who, context);
    found.push({
      start: at,
      end: at + m[0].length,
      category: categoryOf(m[1] ?? ""),
      // "Armenian forces shelled our positions, killing two servicemen": a party reports its own.
      side,
      count,
    });
    // "killing one Ukrainian soldier and wounding two": the same side's.
    const more = ELLIPTIC_ACTIVE.exec(text.slice(at - sentence.start + m[0].length));
    const extra = more ? parseCount(more[2] ?? "") : null;
    if (more && extra !== null)
      found.push({
        start: at + m[0].length,
        end: at + m[0].length + more[0].length,
        category: categoryOf(more[1] ?? ""),
        side,
        count: extra,
      });
  }
  return found;
}
