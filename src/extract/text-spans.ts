/** A stretch of the input text: `start` inclusive, `end` exclusive, in UTF-16 code units (JS indices). */
export type Span = { start: number; end: number; text: string };

// Abbreviations that end in a full stop without ending a sentence in wire and ministry prose.
const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "gen",
  "lt",
  "col",
  "maj",
  "capt",
  "sgt",
  "pvt",
  "st",
  "no",
  "vs",
  "etc",
  "approx",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "u.s",
  "u.n",
  "e.g",
  "i.e",
  "a.m",
  "p.m",
]);

/** A span of `text` from start to end, with surrounding white space left out. */
export function trimmedSpan(text: string, start: number, end: number): Span | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? "")) s++;
  while (e > s && /\s/.test(text[e - 1] ?? "")) e--;
  return s < e ? { start: s, end: e, text: text.slice(s, e) } : null;
}

/**
 * Splits a report into sentences with their offsets. A line break that ends a line without a full
 * stop (a headline, a dateline) also ends a sentence: wire copy and ministry bulletins put a
 * headline on its own line.
 */
export function splitSentences(text: string): Span[] {
  const sentences: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    const span = trimmedSpan(text, start, end);
    if (span) sentences.push(span);
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") {
      // A line ends a sentence when it is blank-separated or has no terminal punctuation mid-line.
      const line = text.slice(start, i).trim();
      if (line !== "" && (text[i + 1] === "\n" || !/[,;:]$/.test(line))) push(i + 1);
      continue;
    }
    if (ch !== "." && ch !== "!" && ch !== "?") continue;
    let end = i + 1;
    while (end < text.length && /["'”’)\]]/.test(text[end] ?? "")) end++;
    const next = text.slice(end, end + 3);
    if (!/^\s+["'“‘(]?[A-Z0-9А-ЯԱ-Ֆ]/.test(next) && end < text.length) continue;
    if (ch === ".") {
      const word = /([A-Za-z.]+)$/.exec(text.slice(Math.max(0, i - 8), i))?.[1] ?? "";
      if (ABBREVIATIONS.has(word.toLowerCase()) || /^[A-Z]$/.test(word)) continue;
    }
    push(end);
  }
  push(text.length);
  return sentences;
}

/**
 * Splits a sentence into clauses at semicolons, dashes and the conjunctions that join two
 * statements ("..., while Baku said ..."), keeping absolute offsets. Attribution looks for a
 * speaker within a clause, so "Yerevan denied it" in the second clause does not speak the first.
 */
export function splitClauses(sentence: Span): Span[] {
  const clauses: Span[] = [];
  const boundary = /;|\s[—–]\s|,\s+(?:while|whereas|but|and|adding that|saying that|although)\s/g;
  let start = 0;
  for (const match of sentence.text.matchAll(boundary)) {
    const at = match.index ?? 0;
    const span = trimmedSpan(sentence.text, start, at);
    if (span) clauses.push(shift(span, sentence.start));
    start = at;
  }
  const last = trimmedSpan(sentence.text, start, sentence.text.length);
  if (last) clauses.push(shift(last, sentence.start));
  return clauses;
}

function shift(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by, text: span.text };
}
