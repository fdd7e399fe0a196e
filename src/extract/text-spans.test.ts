import { describe, expect, it } from "vitest";
import { splitClauses, splitSentences } from "./text-spans.ts";

describe("sentences and clauses with their offsets", () => {
  it("splits at full stops but not after titles, initials or month abbreviations", () => {
    const text =
      "Lt. Col. Smith said fire was opened on Nov. 16 near Goris. Two were wounded.\nNext line";
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      "Lt. Col. Smith said fire was opened on Nov. 16 near Goris.",
      "Two were wounded.",
      "Next line",
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("ends a headline at its line break", () => {
    const sentences = splitSentences(
      "Ministry: provocation on the border\n\nOn 16 November units opened fire.",
    );
    expect(sentences.map((s) => s.text)).toEqual([
      "Ministry: provocation on the border",
      "On 16 November units opened fire.",
    ]);
  });

  it("splits a sentence at semicolons and joining conjunctions, keeping absolute offsets", () => {
    const text = "Intro. Baku said it was shelled; Yerevan denied it, while Moscow urged calm.";
    const [, second] = splitSentences(text);
    const clauses = second ? splitClauses(second) : [];
    expect(clauses.map((c) => text.slice(c.start, c.end))).toEqual(clauses.map((c) => c.text));
    expect(clauses).toHaveLength(3);
  });
});
