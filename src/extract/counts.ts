import type { ActorMention } from "./actors.ts";
import type { FigureMention } from "./figures.ts";
import { COUNT_PATTERN, parseCount } from "./numbers.ts";
import type { Span } from "./text-spans.ts";

/**
 * Counts that are not casualties: people each side released in an exchange, ceasefire violations
 * and explosions counted over a period, and the fighters or weapons a withdrawal moved.
 */
export const COUNT_CATEGORIES = [
  "released",
  "violations",
  "explosions",
  "fighters",
  "weapons",
] as const;
export type CountCategory = (typeof COUNT_CATEGORIES)[number];

const COUNT = `(${COUNT_PATTERN}|no)`;
// "about", "more than", "at least": the stated number is the count; the qualifier is in the text.
const QUALIFIER =
  "(?:(?:about|around|some|nearly|almost|approximately|over|more than|at least|up to)\\s+)?";
const PEOPLE =
  "people|persons|prisoners|detainees|captives|POWs|servicem[ae]n|soldiers|citizens|civilians|minors|children|hostages|[\\p{Lu}][\\p{L}]+(?:ans|ans'|is|ians)";

const VIOLATIONS = [
  new RegExp(
    `\\b${QUALIFIER}${COUNT}\\s+(?:[\\w-]+\\s+){0,2}?(?:ceasefire\\s+)?(violations|explosions)\\b`,
    "giu",
  ),
  new RegExp(`\\bviolated the (?:ceasefire|truce)\\s+${QUALIFIER}${COUNT}\\s+times\\b()`, "giu"),
  new RegExp(
    `\\b(?:opened fire|fired|shelled|attacked)\\b[^.;]{0,60}?\\b${QUALIFIER}${COUNT}\\s+times\\b()`,
    "giu",
  ),
];
// "Azerbaijan handed over 32 Armenian servicemen", "Ukraine transferred 124 people".
const RELEASE_VERB =
  /^\s*(?:would\s+|will\s+|is to\s+|has\s+|had\s+|also\s+)?(?:released?|freed|handed\s+(?:over|back)?|hand\s+over|transferred|returned|exchanged|let go)\b/iu;
const RELEASED_COUNT = new RegExp(
  `^[^.;]{0,40}?\\b${QUALIFIER}${COUNT}\\s+(?:[\\p{L}'’-]+\\s+){0,3}?(?:${PEOPLE})\\b(\\s+each)?`,
  "iu",
);
// "... and Yerevan two Azerbaijani servicemen", "and the Luhansk People's Republic 31".
const AND_THEN = /^\s*,?\s*and\s+(?:the\s+)?$/iu;
const ELLIPTIC_COUNT = new RegExp(`^\\s+${QUALIFIER}${COUNT}\\b`, "iu");
// "Ukraine received 73", "received twenty of its citizens".
const RECEIVED = new RegExp(
  `^\\s*(?:has\\s+|had\\s+)?(?:received|got back)\\s+${QUALIFIER}${COUNT}\\b`,
  "iu",
);
// "Seventy-six Ukrainians ... came home", "eight detainees were freed".
const CAME_HOME = new RegExp(
  `\\b${QUALIFIER}${COUNT}\\s+(?:[\\p{L}'’-]+\\s+){0,5}?(?:${PEOPLE})\\b[^.;]{0,60}?\\b(?:came home|returned home|were (?:released|freed|returned|handed over|flown home))\\b`,
  "giu",
);
const FROM_TO = new RegExp(
  `\\b${QUALIFIER}${COUNT}\\s+(?:[\\p{L}'’-]+\\s+){0,3}?(?:${PEOPLE}|bodies|remains)\\s+from\\s+(?:the\\s+)?`,
  "giu",
);
const WEAPONS = new RegExp(
  `\\b${QUALIFIER}${COUNT}\\s+(?:[\\w'’-]+\\s+){0,3}?(?:weapons|arms|rifles)\\b|\\b(?:weapons|arms)\\b[^.;]{0,20}?,\\s+${QUALIFIER}${COUNT}\\s+in all\\b`,
  "giu",
);
const FIGHTERS = new RegExp(
  `\\b${QUALIFIER}${COUNT}\\s+(?:[\\w-]+\\s+){0,2}?(?:fighters|combatants|guerrillas|troops)\\b`,
  "giu",
);

const numberOf = (words: string | undefined) =>
  words === undefined ? null : words.toLowerCase() === "no" ? 0 : parseCount(words);

export type CountContext = {
  mentions: readonly ActorMention[];
  /** Actors that can hold or release people and weapons: the parties and armed groups. */
  sides: readonly string[];
  /** Whom the sentence blames: a party's count of violations is a count of the other side's. */
  blamed: readonly string[];
};

function firstNumber(m: RegExpExecArray): string | undefined {
  return m.slice(1).find((g) => g !== undefined && g !== "" && numberOf(g) !== null);
}

/**
 * Counts of violations and explosions in a sentence: each by the side blamed when the sentence
 * blames one (a party's tally of the other's violations), else `unknown` (a monitor's count).
 */
export function findViolationCounts(sentence: Span, context: CountContext): FigureMention[] {
  const found: FigureMention[] = [];
  const side = context.blamed[0] ?? "unknown";
  for (const pattern of VIOLATIONS) {
    pattern.lastIndex = 0;
    for (const m of sentence.text.matchAll(pattern)) {
      const at = sentence.start + (m.index ?? 0);
      const end = at + m[0].length;
      if (found.some((f) => at < f.end && end > f.start)) continue;
      const count = numberOf(firstNumber(m));
      if (count === null) continue;
      const category = /explosions/i.test(m[0]) ? "explosions" : "violations";
      found.push({ start: at, end, category, side, count });
    }
  }
  return found;
}

/**
 * How many people each side released in an exchange: the actor before a verb of release and the
 * count of people after it ("Azerbaijan handed over 32 Armenian servicemen"), a count for each of
 * two actors ("exchanged 35 prisoners each"), a second actor in an elliptic clause ("and Yerevan
 * two"), the other side when one side "received" people, and `unknown` for people who "came home"
 * with no side named as releasing them.
 */
export function findReleases(sentence: Span, context: CountContext): FigureMention[] {
  const found: FigureMention[] = [];
  const text = sentence.text;
  const sides = context.mentions.filter((m) => !m.isOpponent && context.sides.includes(m.actor));
  const add = (start: number, end: number, side: string, count: number) => {
    if (found.some((f) => f.side === side && f.category === "released")) return;
    found.push({ start, end, category: "released", side, count });
  };
  for (const mention of sides) {
    const after = text.slice(mention.end - sentence.start);
    const verb = RELEASE_VERB.exec(after);
    if (verb) {
      const rest = after.slice(verb[0].length);
      const counted = RELEASED_COUNT.exec(rest);
      const count = counted ? numberOf(counted[1]) : null;
      if (counted && count !== null) {
        const end = mention.end + verb[0].length + counted.index + counted[0].length;
        add(mention.start, end, mention.actor, count);
        if (counted[2]) {
          // "Ukraine and Russia exchanged 35 prisoners each": the actor before "and" too.
          const other = sides.find(
            (m) =>
              m.actor !== mention.actor &&
              m.end <= mention.start &&
              /^\s+and\s+$/i.test(
                text.slice(m.end - sentence.start, mention.start - sentence.start),
              ),
          );
          if (other) add(other.start, end, other.actor, count);
        }
        // "... and Yerevan two Azerbaijani servicemen".
        const tail = text.slice(end - sentence.start);
        const next = sides.find((m) => m.start >= end && m.start < end + 20);
        if (next && AND_THEN.test(text.slice(end - sentence.start, next.start - sentence.start))) {
          const more = ELLIPTIC_COUNT.exec(text.slice(next.end - sentence.start));
          const n = more ? numberOf(more[1]) : null;
          if (more && n !== null) add(next.start, next.end + more[0].length, next.actor, n);
        }
        void tail;
      }
      continue;
    }
    const received = RECEIVED.exec(after);
    if (received) {
      const count = numberOf(received[1]);
      const others = [...new Set(sides.map((m) => m.actor))].filter((a) => a !== mention.actor);
      const parties = context.sides.filter((a) => a !== mention.actor);
      const giver = others.length === 1 ? others[0] : parties.length === 1 ? parties[0] : "unknown";
      if (count !== null && giver)
        add(mention.start, mention.end + received[0].length, giver, count);
    }
  }
  // "the remains of 12 people from Azerbaijan to Armenia": released by the side they came from.
  FROM_TO.lastIndex = 0;
  for (const m of text.matchAll(FROM_TO)) {
    const count = numberOf(m[1]);
    const fromAt = sentence.start + (m.index ?? 0) + m[0].length;
    const from = sides.find((x) => x.start >= fromAt && x.start <= fromAt + 2);
    if (count !== null && from) add(sentence.start + (m.index ?? 0), from.end, from.actor, count);
  }
  CAME_HOME.lastIndex = 0;
  for (const m of text.matchAll(CAME_HOME)) {
    const at = sentence.start + (m.index ?? 0);
    if (found.some((f) => at < f.end && at + m[0].length > f.start)) continue;
    const count = numberOf(m[1]);
    if (count !== null && !found.some((f) => f.count === count))
      add(at, at + m[0].length, "unknown", count);
  }
  return found;
}

/**
 * The weapons handed in and the fighters moved in a withdrawal, each by the side whose they are:
 * the first party or armed group the sentence names.
 */
export function findWithdrawalCounts(sentence: Span, context: CountContext): FigureMention[] {
  const side =
    context.mentions.find((m) => !m.isOpponent && context.sides.includes(m.actor))?.actor ??
    "unknown";
  const found: FigureMention[] = [];
  for (const [pattern, category] of [
    [WEAPONS, "weapons"],
    [FIGHTERS, "fighters"],
  ] as const) {
    pattern.lastIndex = 0;
    for (const m of sentence.text.matchAll(pattern)) {
      const count = numberOf(firstNumber(m));
      if (count === null || count === 0) continue;
      const at = sentence.start + (m.index ?? 0);
      found.push({ start: at, end: at + m[0].length, category, side, count });
    }
  }
  return found;
}
