import { describe, expect, it } from "vitest";
import { mergePatch } from "./merge-patch.ts";

describe("RFC 7396 merge patch", () => {
  it("replaces members, merges objects, removes members set to null, replaces arrays whole", () => {
    const target = { name: "A", names: { ru: "А", hy: "Ա" }, bbox: [1, 2, 3, 4], description: "x" };
    expect(
      mergePatch(target, {
        name: "B",
        names: { hy: null, az: "A" },
        bbox: [5, 6, 7, 8],
        description: null,
      }),
    ).toEqual({ name: "B", names: { ru: "А", az: "A" }, bbox: [5, 6, 7, 8] });
    expect(target.name).toBe("A");
  });

  it("follows the RFC's examples for non-objects", () => {
    expect(mergePatch({ a: "b" }, { a: "c" })).toEqual({ a: "c" });
    expect(mergePatch({ a: [{ b: "c" }] }, { a: [1] })).toEqual({ a: [1] });
    expect(mergePatch(["a", "b"], ["c", "d"])).toEqual(["c", "d"]);
    expect(mergePatch({ a: "b" }, ["c"])).toEqual(["c"]);
    expect(mergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
  });
});
