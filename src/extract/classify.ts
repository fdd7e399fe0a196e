import { COUNT_PATTERN } from "./numbers.ts";

/** The kinds of record a passage can become; "claim" is a party's version of an incident or a position. */
export const CANDIDATE_KINDS = [
  "incident",
  "claim",
  "meeting",
  "commitment",
  "exchange",
  "document",
  "withdrawal",
  "violation_count",
] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

/** What a sentence is about, before attribution decides whether an incident is a party's claim. */
export type Topic =
  | "incident"
  | "position"
  | "meeting"
  | "commitment"
  | "exchange"
  | "document"
  | "withdrawal"
  | "violation_count";

const EXCHANGE =
  /\b(?:return|repatriation|handover|transfer)\s+of\s+(?:the\s+)?(?:remains|bodies|prisoners|detainees)\b|\b(?:an|the|a|latest|first|second)\s+(?:prisoner\s+|detainee\s+|POW\s+)?exchange\b(?!\s+of\s+(?:fire|views|letters|documents|information))|\b(?:came|returned|flown)\s+home\b|\b(?:released|freed|handed over)\s+(?:the\s+)?(?:former\s+)?(?:congress(?:man|woman)|senator|governor|mayor|hostages?|kidnapped)\b|\b(?:handed over|transferred|released|freed)\s+(?:\d[\d,]*|[a-z]+(?:-[a-z]+)?)\s+(?:people|citizens|persons)\b|\b(?:handed over|hand over|handing over|handed back|returned|repatriated|released|exchanged|exchange of|swap|transferred|flown home|received|receives|recovered|retrieved)\b[^.]{0,120}?\b(?:prisoners?|detainees?|captives?|POWs?|bodies|remains|servicem[ae]n|soldiers|civilians|persons)\b|\b(?:prisoners?|detainees?|captives?|POWs?|bodies|remains|servicem[ae]n|soldiers)\b[^.]{0,120}?\b(?:were|was|have been|had been)\s+(?:handed over|returned|repatriated|released|exchanged|transferred|flown home)\b|\bprisoner exchange\b|\bhand(?:ed|s)?\s+(?:\w+\s+){1,6}?back\s+to\b/i;
const MEETING =
  /\b(?:next session|(?:first|second|third|new|another) session|round of talks|shook hands|met|meet|meets|meeting|talks|summit|negotiations|hosted|host|will host|telephone conversation|phone calls?|phone conversation|phone talks|video conference|video call|held consultations|(?:a|the) call with|spoke by (?:phone|telephone))\b/i;
// When a sentence is about a document, "talks" in it is usually a hope ("calling for talks"): only
// these words make it a meeting as well.
const MEETING_HELD =
  /\b(?:met|meet|meets|hosted|host|held (?:talks|a meeting)|summit|phone calls?|telephone conversation|(?:a|the) call with)\b/i;
// "no violations", "did not record any shelling": the event did not happen.
const NEGATED = /\b(?:no|not|nor|never|without|any)\s+(?:\w+\s+)?$/i;
// "signed a twelve-point protocol", "signed the final peace agreement", "signed a framework decision".
const DOCUMENT =
  /\b(?:announced|reached|concluded)\s+(?:a|an|the)\s+(?:new\s+|final\s+|revised\s+)?(?:peace\s+)?(?:agreement|accord|deal)\b|\b(?:signed|adopted|issued|initialled)\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}?(?:statement|declaration|agreement|accord|communiqué|communique|protocol|memorandum|treaty|addendum|decision|package of measures|road ?map|regulations|terms of reference)(?!\w)|\b(?:statement|declaration|agreement|protocol|memorandum|addendum)\s+(?:was\s+|were\s+)?(?:signed|adopted)\b|\breleased\s+(?:a|the)\s+(?:joint\s+|trilateral\s+)?(?:statement|declaration|communiqué)\b/i;
const COMMITMENT =
  /\b(?:told|instructed|tasked|ordered|asked)\s+(?:[\w-]+\s+){0,4}?to\s+[a-z]+[^.;]{0,80}?\bby\b|\b(?:announced|declared|ordered)\s+(?:[\w-]+\s+){0,3}?(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:ceasefire|truce)\b|\b(?:would|will)\b[^.;]{0,60}?\b(?:by|within|no later than|not later than|before|until)\s+(?:the\s+)?(?:\d|end|next|january|february|march|april|may|june|july|august|september|october|november|december)|\brecommit(?:ted|s)?\s+(?:\w+\s+){0,3}?to\b|\bagreed\s+(?:on\s+\w+\s+)?(?:on|to)\s+(?:a|an)\s+(?:[\w-]+\s+){0,4}?(?:ceasefire|truce|measures)\b|\bextended\s+(?:[\w-]+\s+){0,6}?(?:until|to)\b|\bagreed\b[^.;]{0,80}?\bto\s+(?!the\b|a\b|an\b|its\b|their\b)[a-z]+|\b(?:agree to|committed to|commit to|pledged to|undertook to|undertake to|promised to|is to|are to|is to be|are to be|shall|will deploy|will withdraw|will submit|will present|will hand over|will allow|will guarantee|will provide|will establish|will set up|will be returned|to be returned)\b/i;
const INCIDENT =
  /\b(?:offensive|assault|killings?|murders?|fired|fire|firing|shelled|shelling|shots?|attack(?:ed|s)?|clash(?:es|ed)?|fighting|violations?|violated|provocation|mortars?|artillery|sniper|drones?|killed|wounded|injured|shot dead|mine|explosion|exploded|crossed the border|incursion|advanced|skirmish(?:es)?|hostilities|captured)\b/i;
const POSITION =
  /\b(?:accused|accuses|accusing|denied|denies|rejected|rejects|dismissed|ready to|called on|calls on|called for|calls for|demanded|demands|urged|urges|insisted|insists|proposed|proposes|offered|offers|would open|will open|refuses|refused|warned)\b/i;

// A count of ceasefire violations or explosions: a monitor's daily figure or a party's tally
// ("recorded 715 ceasefire violations", "violated the ceasefire 12 times", "shelled Horlivka nine
// times", "no ceasefire violations were recorded").
const VIOLATION_COUNT = new RegExp(
  `\\b(?:${COUNT_PATTERN}|no)\\s+(?:[\\w-]+\\s+){0,2}?(?:ceasefire\\s+)?(?:violations|explosions)\\b|\\bviolated the (?:ceasefire|truce)\\s+(?:${COUNT_PATTERN})\\s+times\\b|\\b(?:opened fire|fired|shelled|attacked)\\b[^.;]{0,60}?\\b(?:${COUNT_PATTERN})\\s+times\\b`,
  "i",
);
// Forces, weapons or hardware leaving an area, or arms handed in: disengagement, pull-backs, the
// laying down of arms.
const WITHDRAWAL =
  /\b(?:withdraw(?:al|n|ing|s)?|withdrew|pull(?:ed|ing|s)?\s+(?:[\w-]+\s+){0,6}?back|pull-back|pullback|disengag(?:e|ed|ement|ing))\b|\b(?:collection|handover|laying down)\s+of\s+(?:[\w'’-]+\s+){0,3}?(?:weapons|arms)\b|\b(?:handed\s+(?:over|in)|emptied|removed|collected|gave up)\s+(?:[\w'’%-]+\s+){0,8}?(?:weapons|arms|containers|caches)\b|\b(?:reached|arrived (?:in|at)|moved (?:in)?to|(?:set off|left|headed|marched|travell?ed)\s+(?:[\w-]+\s+){0,4}?(?:for|to|towards))\s+(?:their\s+|the\s+)?(?:transition(?:al)?\s+)?(?:zones?|areas?|camps?)\b/i;

/**
 * The topics of one sentence, strongest first. A sentence can open a meeting and a commitment at
 * once ("agreed in a phone call to withdraw within ten days"); an exchange mentioning the bodies of
 * the killed is an exchange, not an incident.
 */
export function classifySentence(text: string): Topic[] {
  const topics: Topic[] = [];
  if (EXCHANGE.test(text)) return ["exchange"];
  if (VIOLATION_COUNT.test(text)) return ["violation_count"];
  const document = DOCUMENT.exec(text);
  // "since the agreement was signed", "under the statement signed in Moscow": a reference.
  if (
    document &&
    !/\b(?:since|after|before|under|when|until)\s+(?:the\s+)?$/i.test(text.slice(0, document.index))
  )
    topics.push("document");
  // "After the meeting the leaders adopted...": a meeting already read, not a new one.
  const meeting = [...text.matchAll(new RegExp(MEETING.source, "gi"))].find(
    (m) =>
      !/\b(?:after|before|during|at|following|since)\s+the\s+$/i.test(text.slice(0, m.index)) &&
      // "armed men fired on a community meeting": the meeting is what was attacked.
      !/\b(?:fired on|fire on|attacked|struck|hit|shelled|bombed)\s+(?:a|an|the)\s+(?:[\w-]+\s+)?$/i.test(
        text.slice(0, m.index),
      ) &&
      // "clearing the way for peace talks", "to revive the talks": talks hoped for, not held.
      !(
        /^(?:talks|negotiations)/i.test(m[0]) &&
        /\b(?:for|to|revive|resume|restart)\s+(?:the\s+)?(?:peace\s+)?$/i.test(
          text.slice(0, m.index),
        )
      ),
  );
  const commitment = COMMITMENT.exec(text);
  // "is to hold its first meeting by 30 January": the meeting is what is promised, not held.
  const deadline = commitment
    ? /\b(?:by|within|before|no later than)\b/i.exec(text.slice(commitment.index))
    : null;
  const promiseEnds = commitment && deadline ? commitment.index + deadline.index : text.length;
  const isPromisedMeeting =
    meeting !== undefined &&
    commitment !== null &&
    (meeting.index ?? 0) > commitment.index + commitment[0].length - 1 &&
    (meeting.index ?? 0) < promiseEnds;
  const isHope = topics.includes("document") && !MEETING_HELD.test(text);
  if (meeting && !isPromisedMeeting && !isHope) topics.push("meeting");
  // "Both sides are to pull heavy weapons back": a withdrawal, with its deadline, not a promise.
  if (WITHDRAWAL.test(text) && !topics.includes("document")) topics.push("withdrawal");
  else if (commitment) topics.push("commitment");
  const incident = [...text.matchAll(new RegExp(INCIDENT.source, "gi"))].some(
    (m) => !NEGATED.test(text.slice(0, m.index)),
  );
  if (topics.length === 0 && incident) topics.push("incident");
  if (topics.length === 0 && POSITION.test(text)) topics.push("position");
  return topics;
}
