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
    // Written out: a kind added later whose name starts with a silent or a voiced letter shows here.
    expect(KINDS.map((kind) => aOrAn(kind.type))).toMatchSnapshot();
  });
});
