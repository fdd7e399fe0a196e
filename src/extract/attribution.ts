import type { ActorMention } from "./actors.ts";
import type { Span } from "./text-spans.ts";

/** Whose statement a clause is, and whom it blames, with the text that says so. */
export type Attribution = {
  speaker?: { actor: string; start: number; end: number } | undefined;
  /** The clause names a speaker outside the actor table ("local officials said"), or a pronoun. */
  hasUnknownSpeaker: boolean;
  /** The speaker is "it", "the ministry" or "he": the report's previous speaker. */
  isAnaphoric: boolean;
  blamed: Array<{ actor: string; start: number; end: number }>;
  isDenial: boolean;
};

const SPEECH =
  /\b(?:called on|calls on|urged|urges|recorded|registered|condemned|condemns|welcomed|welcomes|demanded|demands|said|says|stated|states|reported|reports|announced|claimed|claims|accused|accuses|denied|denies|rejected|rejects|alleged|told|insisted|insists|added|noted|stressed|warned|blamed|blames|described|dismissed|confirmed|called (?:the|this|these|it|them) (?:claims?|reports?|allegations?|accusations?))\b/gi;
const DENIAL =
  /\b(?:denied|denies|rejected|rejects|dismissed|refuted|disinformation|false|untrue|not opened fire|had not|did not)\b/i;
const ANAPHOR =
  /^(?:[\s,]*)(?:it|he|she|they|the (?:ministry|department|office|agency|bulletin|statement|press service|government|command|side))\b/i;
// The attack verbs whose subject is the side a report blames.
const ATTACK =
  /^\s*(?:(?:'s|’s)\s+)?(?:-backed\s+|-led\s+|-controlled\s+)?(?:(?:occupation\s+|hybrid\s+|regular\s+|illegal\s+|separatist\s+|enemy\s+)?(?:armed forces|armed formations|forces|army|units?|troops|servicemen|soldiers|snipers|military|border guards|side|fighters|guerrillas|rebels|militants|patrol|group)\s+)?(?:stationed\s+[^,.;]{0,40}?\s+)?(?:had\s+|have\s+|has\s+)?(?:again\s+)?(?:fired|opened fire|shelled|attacked|violated|launched|targeted|used|provoked|subjected|crossed|advanced|tried|attempted|carried out|struck|shot|killed|wounded|invaded|entered)\b/i;
const BLAME_BEFORE =
  /\b(?:accused|accusing|accuses|blamed|blaming|blames|by|from(?: the direction of)?|provocation by|attack by|fire from|fire by|shelling by)\s+(?:the\s+|an?\s+)?$/i;

/**
 * Finds the speaker and the blamed in a clause. The speaker is the actor named just before a speech
 * verb ("the Azerbaijani Defence Ministry said"), or just after it in an inverted clause ("..., said
 * the ministry in Baku"), or after "according to". The blamed is the subject of an attack verb, or
 * the object of "accused", "blamed" or "by". "The enemy" is the speaker's opponent.
 */
export function attributeClause(clause: Span, mentions: readonly ActorMention[]): Attribution {
  const inClause = mentions.filter((m) => m.start >= clause.start && m.end <= clause.end);
  const result: Attribution = {
    hasUnknownSpeaker: false,
    isAnaphoric: false,
    blamed: [],
    isDenial: DENIAL.test(clause.text),
  };
  const according = /\b(?:according to|citing|quoting|cited by|quoted by)\b/i.exec(clause.text);
  if (according) {
    const at = clause.start + according.index + according[0].length;
    const next = inClause.find((m) => m.start >= at && m.start < at + 40 && !m.isOpponent);
    if (next) result.speaker = { actor: next.actor, start: next.start, end: next.end };
    else result.hasUnknownSpeaker = true;
  }
  SPEECH.lastIndex = 0;
  for (const verb of clause.text.matchAll(SPEECH)) {
    if (result.speaker) break;
    const at = clause.start + (verb.index ?? 0);
    // The speaker's noun phrase runs back to the clause start or the last comma.
    const before = clause.text.slice(0, verb.index ?? 0);
    const phraseStart = clause.start + Math.max(0, before.lastIndexOf(",") + 1);
    const inPhrase = inClause.filter((m) => m.start >= phraseStart && m.end <= at && !m.isOpponent);
    const phrase = clause.text.slice(phraseStart - clause.start, verb.index ?? 0);
    const last = inPhrase.at(-1);
    if (last) {
      result.speaker = { actor: last.actor, start: last.start, end: last.end };
      break;
    }
    if (ANAPHOR.test(phrase)) {
      result.isAnaphoric = true;
      break;
    }
    // "..., said the Azerbaijani Defence Ministry".
    const afterVerb = inClause.find(
      (m) => m.start > at && m.start < at + verb[0].length + 40 && !m.isOpponent,
    );
    if (afterVerb && /,\s*$/.test(before)) {
      result.speaker = { actor: afterVerb.actor, start: afterVerb.start, end: afterVerb.end };
      break;
    }
    if (
      /\b(?:officials?|authorities|spokes(?:man|woman|person)|sources?|residents|witnesses|sides)\b/i.test(
        phrase,
      )
    )
      result.hasUnknownSpeaker = true;
  }
  for (const m of inClause) {
    const before = clause.text.slice(
      Math.max(0, m.start - clause.start - 40),
      m.start - clause.start,
    );
    const after = clause.text.slice(m.end - clause.start, m.end - clause.start + 90);
    if (BLAME_BEFORE.test(before) || ATTACK.test(after)) {
      if (/\b(?:denied|denies)\s+(?:that\s+)?$/i.test(before)) continue;
      result.blamed.push({ actor: m.isOpponent ? "" : m.actor, start: m.start, end: m.end });
    }
  }
  return result;
}
