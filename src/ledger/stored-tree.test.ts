import { describe, expect, it } from "vitest";
import {
  appendToFrontier,
  consistencyProof,
  hashLeaf,
  inclusionProof,
  rootFromFrontier,
  subtreeHasherFromLeaves,
  toHex,
} from "./merkle.ts";
import {
  appendWithNodes,
  hasherFrom,
  NODE_MIN_LEVEL,
  planSubtrees,
  rangesAskedBy,
  SubtreeCache,
  type TreeNode,
} from "./stored-tree.ts";

const leaves = Array.from({ length: 3000 }, (_, i) =>
  hashLeaf(new TextEncoder().encode(`entry ${i}`)),
);

describe("a tree kept as leaves plus stored nodes", () => {
  const nodes: TreeNode[] = [];
  let frontier: Uint8Array[] = [];
  leaves.forEach((leaf, i) => {
    const appended = appendWithNodes(frontier, i, leaf);
    expect(toHex(rootFromFrontier(appended.frontier))).toBe(
      toHex(rootFromFrontier(appendToFrontier(frontier, i, leaf))),
    );
    frontier = appended.frontier;
    nodes.push(...appended.nodes);
  });
  const reference = subtreeHasherFromLeaves(leaves);

  it("stores every complete aligned subtree of 16 leaves or more, with the right hash", () => {
    // Levels 4 to 11 fit in 3,000 leaves: 187 + 93 + 46 + 23 + 11 + 5 + 2 + 1 subtrees.
    const expected = [0, 1, 2, 3, 4, 5, 6, 7].reduce(
      (sum, up) => sum + Math.floor(3000 / 2 ** (NODE_MIN_LEVEL + up)),
      0,
    );
    expect(expected).toBe(368);
    expect(nodes.length).toBe(expected);
    for (const node of nodes) {
      const width = 2 ** node.level;
      expect(toHex(node.hash)).toBe(toHex(reference(node.index * width, (node.index + 1) * width)));
    }
  });

  it("builds the same proofs from what a plan reads as from all the leaves", () => {
    const byKey = new Map(nodes.map((n) => [`${n.level}:${n.index}`, n.hash]));
    for (const [size, index, first] of [
      [3000, 17, 1],
      [3000, 2999, 2048],
      [2049, 2048, 1000],
      [1537, 700, 1536],
      [256, 255, 255],
    ] as const) {
      for (const prove of [
        (h: Parameters<typeof inclusionProof>[2]) => inclusionProof(size, index, h),
        (h: Parameters<typeof inclusionProof>[2]) => consistencyProof(first, size, h),
      ]) {
        const plan = planSubtrees(rangesAskedBy(prove));
        const read = new Map<number, Uint8Array>();
        for (const [start, end] of plan.leafRanges) {
          expect(end - start).toBeLessThan(16);
          for (let i = start; i < end; i++) read.set(i, leaves[i] as Uint8Array);
        }
        expect(read.size).toBeLessThan(3 * 16 * Math.log2(size));
        const hasher = hasherFrom(
          new Map(
            plan.nodes.map((n) => [
              `${n.level}:${n.index}`,
              byKey.get(`${n.level}:${n.index}`) as Uint8Array,
            ]),
          ),
          read,
        );
        expect(prove(hasher).map(toHex)).toEqual(prove(reference).map(toHex));
      }
    }
  });

  it("computes a node the store lacks from its halves", () => {
    const read = new Map(leaves.slice(0, 512).map((leaf, i) => [i, leaf]));
    expect(toHex(hasherFrom(new Map(), read)(0, 512))).toBe(toHex(reference(0, 512)));
  });
});

describe("proofs through a subtree cache", () => {
  const reference = subtreeHasherFromLeaves(leaves);
  const nodes = new Map<string, Uint8Array>();
  let frontier: Uint8Array[] = [];
  leaves.forEach((leaf, i) => {
    const appended = appendWithNodes(frontier, i, leaf);
    frontier = appended.frontier;
    for (const n of appended.nodes) nodes.set(`${n.level}:${n.index}`, n.hash);
  });

  it("equal the proofs from all leaves, however small the cache (entries dropped while in use)", () => {
    // Each proof from all the leaves is computed once: the three caches are asked the same ones.
    const fromAllLeaves = new Map<string, string[]>();
    for (const capacity of [4, 64, 16_384]) {
      const cache = new SubtreeCache(capacity);
      let reads = 0;
      for (let i = 0; i < 300; i++) {
        const size = 1 + ((i * 7919) % 3000);
        const index = (i * 104_729) % size;
        const first = 1 + ((i * 1299) % size);
        for (const [which, prove] of [
          [
            "inclusion",
            (h: Parameters<typeof inclusionProof>[2]) => inclusionProof(size, index, h),
          ],
          [
            "consistency",
            (h: Parameters<typeof inclusionProof>[2]) => consistencyProof(first, size, h),
          ],
        ] as const) {
          const key = `${which} ${i}`;
          const expected = fromAllLeaves.get(key) ?? prove(reference).map(toHex);
          fromAllLeaves.set(key, expected);
          const known = new Map<string, Uint8Array>();
          const plan = planSubtrees(rangesAskedBy(prove), (start, end) => {
            const hash = cache.get(start, end);
            if (hash) known.set(`${start}:${end}`, hash);
            return hash !== undefined;
          });
          const read = new Map<number, Uint8Array>();
          for (const [start, end] of plan.leafRanges)
            for (let j = start; j < end; j++) read.set(j, leaves[j] as Uint8Array);
          reads += read.size + plan.nodes.length;
          const planned = new Map(
            plan.nodes.map((n) => [`${n.level}:${n.index}`, nodes.get(`${n.level}:${n.index}`)]),
          ) as Map<string, Uint8Array>;
          const hasher = hasherFrom(planned, read, cache, known);
          expect(prove(hasher).map(toHex)).toEqual(expected);
        }
      }
      expect(cache.size).toBeLessThanOrEqual(capacity);
      expect(reads).toBeGreaterThan(0);
    }
  });
});
