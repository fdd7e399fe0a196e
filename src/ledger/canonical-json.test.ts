import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.ts";

describe("canonical JSON", () => {
  it("sorts keys at every depth and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("gives the same text for the same value whatever its key order (as jsonb returns it)", () => {
    expect(canonicalJson({ title: "x", kind: "war" })).toBe(
      canonicalJson({ kind: "war", title: "x" }),
    );
  });

  it("writes numbers and strings as ECMAScript does (RFC 8785)", () => {
    expect(canonicalJson([1e21, 0.1, -0, "é\u2028"])).toBe('[1e+21,0.1,0,"é\u2028"]');
    expect(() => canonicalJson(Number.NaN)).toThrow();
  });

  it("sorts by UTF-16 code units", () => {
    expect(canonicalJson({ "\u20ac": 1, "\r": 2, "\ud83d\ude00": 3, "1": 4 })).toBe(
      '{"\\r":2,"1":4,"€":1,"😀":3}',
    );
  });
});
