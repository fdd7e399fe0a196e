import { describe, expect, it } from "vitest";
import { hashLeaf, subtreeHasherFromLeaves, toHex } from "./merkle.ts";
import { TreeMirror } from "./tree-mirror.ts";

describe("a ledger tree held in memory", () => {
  const leaves = Array.from({ length: 1500 }, (_, i) =>
    hashLeaf(new TextEncoder().encode(`entry ${i}`)),
  );
  const reference = subtreeHasherFromLeaves(leaves);

  it("hashes every range as RFC 9162 does, at every size it has grown to", () => {
    const mirror = new TreeMirror();
    for (const [i, leaf] of leaves.entries()) {
      mirror.append(leaf);
      const size = i + 1;
      if (size % 97 !== 0 && size !== leaves.length && size > 40) continue;
      const hash = mirror.hasher();
      expect(toHex(hash(0, size))).toBe(toHex(reference(0, size)));
      for (const [start, end] of [
        [0, 1],
        [size - 1, size],
        [Math.floor(size / 3), size],
        [16 * Math.floor(size / 64), Math.min(size, 16 * Math.floor(size / 64) + 16)],
      ] as const) {
        if (start < end) expect(toHex(hash(start, end))).toBe(toHex(reference(start, end)));
      }
    }
    expect(mirror.size).toBe(leaves.length);
    expect(() => mirror.hasher()(0, leaves.length + 1)).toThrow(RangeError);
  });
});
