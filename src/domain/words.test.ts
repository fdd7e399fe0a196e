import { describe, expect, it } from "vitest";
import { KINDS } from "./kinds/index.ts";
import { aOrAn } from "./words.ts";

describe("a kind's name with its article", () => {
  it("says an incident, an actor, an exchange, and a claim, a post", () => {
    expect(["incident", "actor", "exchange", "claim", "post"].map(aOrAn)).toEqual([
      "an incident",
      "an actor",
      "an exchange",
      "a claim",
      "a post",
    ]);
  });

  it("reads right for every kind of record", () => {
    // Written out: a kind added later fails here until its article is checked by eye (an "hour",
    // a "union" would need more than the first letter).
    expect(Object.fromEntries(KINDS.map((kind) => [kind.type, aOrAn(kind.type)]))).toEqual({
      actor: "an actor",
      source: "a source",
      document: "a document",
      provision: "a provision",
      assessment: "an assessment",
      meeting: "a meeting",
      body: "a body",
      commitment: "a commitment",
      incident: "an incident",
      border_segment: "a border_segment",
      link: "a link",
      claim: "a claim",
      exchange: "an exchange",
      detainee: "a detainee",
      post: "a post",
      patrol: "a patrol",
      place: "a place",
      hazard: "a hazard",
      withdrawal: "a withdrawal",
      violation_count: "a violation_count",
    });
  });
});
