import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import {
  appendToFrontier,
  consistencyProof,
  EMPTY_ROOT,
  fromHex,
  type Hash,
  hashChildren,
  hashLeaf,
  inclusionProof,
  rootFromFrontier,
  rootFromLeaves,
  type SubtreeHasher,
  subtreeHasherFromLeaves,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from "./merkle.ts";

/*
 * Known-answer vectors, copied verbatim from the Go module github.com/transparency-dev/merkle,
 * an implementation independent of this one:
 *
 * - testonly/constants.go: LeafInputs, NodeHashes, RootHashes, CompactTrees, EmptyRootHash.
 * - proof/verify_test.go: inclusionProofs and consistencyProofs. That file numbers leaves from
 *   1 (it indexes leaves[p.leaf-1]), so its entries {1, 8}, {6, 8}, {3, 3} and {2, 5} appear
 *   below as 0-based indices 0, 5, 2 and 1.
 * - rfc6962/rfc6962_test.go: the leaf hash of "L123456" and of the empty leaf.
 * - proof/proof_test.go: the node IDs making up inclusion and consistency proofs, translated
 *   here into the leaf ranges those nodes cover (a "rehash" of several IDs becomes the single
 *   range they jointly cover, since that is the one subtree hash RFC 9162 puts in the proof).
 */

const LEAF_INPUTS = [
  "",
  "00",
  "10",
  "2021",
  "3031",
  "40414243",
  "5051525354555657",
  "606162636465666768696a6b6c6d6e6f",
];

/** NodeHashes()[level][index]: hashes of the perfect subtrees over LEAF_INPUTS. */
const NODE_HASHES = [
  [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
  ],
  [
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
  ],
  [
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
  ],
  ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
];

const EMPTY_ROOT_HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** RootHashes(): the root of the tree of the first `size` leaves, indexed by size. */
const ROOTS = [
  EMPTY_ROOT_HEX,
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

/** CompactTrees(), as [level, index] references into NODE_HASHES, indexed by tree size. */
const COMPACT_TREES: ReadonlyArray<ReadonlyArray<readonly [number, number]>> = [
  [],
  [[0, 0]],
  [[1, 0]],
  [
    [1, 0],
    [0, 2],
  ],
  [[2, 0]],
  [
    [2, 0],
    [0, 4],
  ],
  [
    [2, 0],
    [1, 2],
  ],
  [
    [2, 0],
    [1, 2],
    [0, 6],
  ],
  [[3, 0]],
];

interface InclusionVector {
  index: number;
  size: number;
  proof: string[];
}

const INCLUSION_VECTORS: InclusionVector[] = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  {
    index: 2,
    size: 3,
    proof: ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
  },
  {
    index: 1,
    size: 5,
    proof: [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
];

interface ConsistencyVector {
  oldSize: number;
  newSize: number;
  proof: string[];
}

const CONSISTENCY_VECTORS: ConsistencyVector[] = [
  { oldSize: 1, newSize: 1, proof: [] },
  {
    oldSize: 1,
    newSize: 8,
    proof: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    oldSize: 6,
    newSize: 8,
    proof: [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  {
    oldSize: 2,
    newSize: 5,
    proof: [
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
  {
    oldSize: 6,
    newSize: 7,
    proof: [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
];

type Range = readonly [number, number];

/** Inclusion proofs from proof/proof_test.go (TestInclusion), as [start, end) leaf ranges. */
const INCLUSION_SHAPES: ReadonlyArray<{ size: number; index: number; ranges: Range[] }> = [
  { size: 1, index: 0, ranges: [] },
  { size: 2, index: 0, ranges: [[1, 2]] },
  { size: 2, index: 1, ranges: [[0, 1]] },
  {
    size: 3,
    index: 1,
    ranges: [
      [0, 1],
      [2, 3],
    ],
  },
  {
    size: 7,
    index: 0,
    ranges: [
      [1, 2],
      [2, 4],
      [4, 7],
    ],
  },
  {
    size: 7,
    index: 1,
    ranges: [
      [0, 1],
      [2, 4],
      [4, 7],
    ],
  },
  {
    size: 7,
    index: 2,
    ranges: [
      [3, 4],
      [0, 2],
      [4, 7],
    ],
  },
  {
    size: 7,
    index: 3,
    ranges: [
      [2, 3],
      [0, 2],
      [4, 7],
    ],
  },
  {
    size: 7,
    index: 4,
    ranges: [
      [5, 6],
      [6, 7],
      [0, 4],
    ],
  },
  {
    size: 7,
    index: 5,
    ranges: [
      [4, 5],
      [6, 7],
      [0, 4],
    ],
  },
  {
    size: 7,
    index: 6,
    ranges: [
      [4, 6],
      [0, 4],
    ],
  },
  {
    size: 4,
    index: 2,
    ranges: [
      [3, 4],
      [0, 2],
    ],
  },
  {
    size: 5,
    index: 3,
    ranges: [
      [2, 3],
      [0, 2],
      [4, 5],
    ],
  },
  {
    size: 6,
    index: 3,
    ranges: [
      [2, 3],
      [0, 2],
      [4, 6],
    ],
  },
  {
    size: 6,
    index: 4,
    ranges: [
      [5, 6],
      [0, 4],
    ],
  },
  {
    size: 15,
    index: 10,
    ranges: [
      [11, 12],
      [8, 10],
      [12, 15],
      [0, 8],
    ],
  },
  {
    size: 31,
    index: 24,
    ranges: [
      [25, 26],
      [26, 28],
      [28, 31],
      [16, 24],
      [0, 16],
    ],
  },
  {
    size: 95,
    index: 81,
    ranges: [
      [80, 81],
      [82, 84],
      [84, 88],
      [88, 95],
      [64, 80],
      [0, 64],
    ],
  },
];

/** Consistency proofs from proof/proof_test.go (TestConsistency), as leaf ranges. */
const CONSISTENCY_SHAPES: ReadonlyArray<{ oldSize: number; newSize: number; ranges: Range[] }> = [
  { oldSize: 1, newSize: 2, ranges: [[1, 2]] },
  {
    oldSize: 1,
    newSize: 4,
    ranges: [
      [1, 2],
      [2, 4],
    ],
  },
  {
    oldSize: 1,
    newSize: 6,
    ranges: [
      [1, 2],
      [2, 4],
      [4, 6],
    ],
  },
  { oldSize: 2, newSize: 3, ranges: [[2, 3]] },
  {
    oldSize: 2,
    newSize: 8,
    ranges: [
      [2, 4],
      [4, 8],
    ],
  },
  {
    oldSize: 3,
    newSize: 7,
    ranges: [
      [2, 3],
      [3, 4],
      [0, 2],
      [4, 7],
    ],
  },
  { oldSize: 4, newSize: 7, ranges: [[4, 7]] },
  {
    oldSize: 5,
    newSize: 7,
    ranges: [
      [4, 5],
      [5, 6],
      [6, 7],
      [0, 4],
    ],
  },
  {
    oldSize: 6,
    newSize: 7,
    ranges: [
      [4, 6],
      [6, 7],
      [0, 4],
    ],
  },
  {
    oldSize: 7,
    newSize: 8,
    ranges: [
      [6, 7],
      [7, 8],
      [4, 6],
      [0, 4],
    ],
  },
  { oldSize: 1, newSize: 1, ranges: [] },
  { oldSize: 2, newSize: 2, ranges: [] },
  { oldSize: 3, newSize: 3, ranges: [] },
  { oldSize: 4, newSize: 4, ranges: [] },
  { oldSize: 5, newSize: 5, ranges: [] },
  { oldSize: 7, newSize: 7, ranges: [] },
  { oldSize: 8, newSize: 8, ranges: [] },
  { oldSize: 2, newSize: 4, ranges: [[2, 4]] },
  {
    oldSize: 3,
    newSize: 5,
    ranges: [
      [2, 3],
      [3, 4],
      [0, 2],
      [4, 5],
    ],
  },
  {
    oldSize: 3,
    newSize: 6,
    ranges: [
      [2, 3],
      [3, 4],
      [0, 2],
      [4, 6],
    ],
  },
  { oldSize: 4, newSize: 6, ranges: [[4, 6]] },
  {
    oldSize: 1,
    newSize: 7,
    ranges: [
      [1, 2],
      [2, 4],
      [4, 7],
    ],
  },
  {
    oldSize: 10,
    newSize: 15,
    ranges: [
      [8, 10],
      [10, 12],
      [12, 15],
      [0, 8],
    ],
  },
  {
    oldSize: 24,
    newSize: 31,
    ranges: [
      [16, 24],
      [24, 31],
      [0, 16],
    ],
  },
  {
    oldSize: 81,
    newSize: 95,
    ranges: [
      [80, 81],
      [81, 82],
      [82, 84],
      [84, 88],
      [88, 95],
      [64, 80],
      [0, 64],
    ],
  },
];

/** Reads an array element, failing the test instead of yielding undefined. */
function get<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) {
    throw new Error(`test bug: index ${index} out of range for length ${items.length}`);
  }
  return item;
}

function decode(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, "hex"));
}

function hexAll(hashes: readonly Hash[]): string[] {
  return hashes.map(toHex);
}

/** Returns a copy of `h` with one bit of byte `at` inverted. */
function flipped(h: Hash, at = 0): Hash {
  const copy = h.slice();
  copy[at] = (copy[at] ?? 0) ^ 0x10;
  return copy;
}

/** Returns a copy of `proof` whose element `i` has one bit flipped. */
function tamperedAt(proof: readonly Hash[], i: number): Hash[] {
  return proof.map((h, j) => (j === i ? flipped(h, j % 32) : h));
}

/** Wraps a SubtreeHasher with a cache, so the exhaustive tests stay fast. */
function cached(subtree: SubtreeHasher): SubtreeHasher {
  const memo = new Map<string, Hash>();
  return (start, end) => {
    const key = `${start}:${end}`;
    let hash = memo.get(key);
    if (hash === undefined) {
      hash = subtree(start, end);
      memo.set(key, hash);
    }
    return hash;
  };
}

/** A SubtreeHasher that returns a distinct tag per range, to check which ranges proofs use. */
function labelFor(start: number, end: number): Hash {
  return hashLeaf(new TextEncoder().encode(`range ${start}-${end}`));
}

const vectorLeaves: Hash[] = LEAF_INPUTS.map((hex) => hashLeaf(decode(hex)));

function syntheticLeaves(count: number): Hash[] {
  return Array.from({ length: count }, (_, i) => hashLeaf(new TextEncoder().encode(`leaf ${i}`)));
}

const MAX_EXHAUSTIVE = 40;
const bigLeaves = syntheticLeaves(MAX_EXHAUSTIVE);
const bigHasher = cached(subtreeHasherFromLeaves(bigLeaves));
/** bigRoots[n] is the root of the first n of bigLeaves. */
const bigRoots: Hash[] = Array.from({ length: MAX_EXHAUSTIVE + 1 }, (_, n) => bigHasher(0, n));

describe("hashing (transparency-dev rfc6962 and testonly vectors)", () => {
  it("EMPTY_ROOT is SHA-256 of the empty string", () => {
    expect(toHex(EMPTY_ROOT)).toBe(EMPTY_ROOT_HEX);
  });

  it("hashLeaf matches the RFC 6962 hasher vectors", () => {
    expect(toHex(hashLeaf(new Uint8Array(0)))).toBe(
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    );
    expect(toHex(hashLeaf(new TextEncoder().encode("L123456")))).toBe(
      "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56",
    );
  });

  it("hashLeaf gives the level-0 node hashes for the eight leaf inputs", () => {
    expect(hexAll(vectorLeaves)).toEqual(get(NODE_HASHES, 0));
  });

  it("hashChildren rebuilds every higher level of NodeHashes from the level below", () => {
    for (let level = 1; level < NODE_HASHES.length; level++) {
      const below = get(NODE_HASHES, level - 1);
      const here = get(NODE_HASHES, level);
      here.forEach((expected, i) => {
        const left = fromHex(get(below, 2 * i));
        const right = fromHex(get(below, 2 * i + 1));
        expect(toHex(hashChildren(left, right))).toBe(expected);
      });
    }
  });

  it("hashChildren is order-sensitive and differs from a leaf of the concatenation", () => {
    const a = get(vectorLeaves, 1);
    const b = get(vectorLeaves, 2);
    expect(toHex(hashChildren(a, b))).not.toBe(toHex(hashChildren(b, a)));
    const concat = new Uint8Array([...a, ...b]);
    expect(toHex(hashChildren(a, b))).not.toBe(toHex(hashLeaf(concat)));
  });

  it("hashChildren refuses children that are not 32 bytes", () => {
    const a = get(vectorLeaves, 0);
    expect(() => hashChildren(a, new Uint8Array(31))).toThrow(RangeError);
    expect(() => hashChildren(new Uint8Array(33), a)).toThrow(RangeError);
  });
});

describe("tree roots", () => {
  it("rootFromLeaves matches RootHashes for sizes 0..8", () => {
    for (let size = 0; size <= 8; size++) {
      expect(toHex(rootFromLeaves(vectorLeaves.slice(0, size)))).toBe(get(ROOTS, size));
    }
  });

  it("subtreeHasherFromLeaves gives every perfect subtree in NodeHashes", () => {
    const subtree = subtreeHasherFromLeaves(vectorLeaves);
    NODE_HASHES.forEach((level, height) => {
      const width = 2 ** height;
      level.forEach((expected, i) => {
        expect(toHex(subtree(i * width, (i + 1) * width))).toBe(expected);
      });
    });
    expect(toHex(subtree(3, 3))).toBe(EMPTY_ROOT_HEX);
  });

  it("subtreeHasherFromLeaves rejects ranges outside the tree", () => {
    const subtree = subtreeHasherFromLeaves(vectorLeaves);
    expect(() => subtree(-1, 2)).toThrow(RangeError);
    expect(() => subtree(3, 2)).toThrow(RangeError);
    expect(() => subtree(0, 9)).toThrow(RangeError);
    expect(() => subtree(0.5, 2)).toThrow(RangeError);
  });

  it("subtreeHasherFromLeaves snapshots its input", () => {
    const leaves = vectorLeaves.slice(0, 3);
    const subtree = subtreeHasherFromLeaves(leaves);
    leaves.push(get(vectorLeaves, 3));
    expect(() => subtree(0, 4)).toThrow(RangeError);
    expect(toHex(subtree(0, 3))).toBe(get(ROOTS, 3));
  });
});

describe("frontier", () => {
  it("matches CompactTrees and RootHashes for sizes 0..8", () => {
    let frontier: Hash[] = [];
    for (let size = 0; size <= 8; size++) {
      const expected = get(COMPACT_TREES, size).map(([level, index]) =>
        get(get(NODE_HASHES, level), index),
      );
      expect(hexAll(frontier)).toEqual(expected);
      expect(toHex(rootFromFrontier(frontier))).toBe(get(ROOTS, size));
      if (size < 8) {
        frontier = appendToFrontier(frontier, size, get(vectorLeaves, size));
      }
    }
  });

  it("rootFromFrontier equals rootFromLeaves for sizes 0..100", () => {
    const leaves = syntheticLeaves(100);
    let frontier: Hash[] = [];
    for (let size = 0; size <= 100; size++) {
      expect(toHex(rootFromFrontier(frontier))).toBe(toHex(rootFromLeaves(leaves.slice(0, size))));
      if (size < 100) {
        frontier = appendToFrontier(frontier, size, get(leaves, size));
      }
    }
  });

  it("does not modify the frontier it is given", () => {
    const frontier = [get(vectorLeaves, 0)];
    const before = hexAll(frontier);
    appendToFrontier(frontier, 1, get(vectorLeaves, 1));
    expect(hexAll(frontier)).toEqual(before);
  });

  it("rejects a frontier whose length does not fit the tree size", () => {
    const leaf = get(vectorLeaves, 0);
    expect(() => appendToFrontier([], 1, leaf)).toThrow(RangeError);
    expect(() => appendToFrontier([leaf], 3, leaf)).toThrow(RangeError);
    expect(() => appendToFrontier([leaf, leaf], 2, leaf)).toThrow(RangeError);
    expect(() => appendToFrontier([leaf], 0, leaf)).toThrow(RangeError);
    expect(() => appendToFrontier([], -1, leaf)).toThrow(RangeError);
    expect(() => appendToFrontier([], 0, new Uint8Array(5))).toThrow(RangeError);
  });
});

describe("inclusion proofs", () => {
  const subtree = subtreeHasherFromLeaves(vectorLeaves);

  it.each(INCLUSION_VECTORS)(
    "reproduces and verifies the reference proof for leaf $index of $size",
    ({ index, size, proof }) => {
      expect(hexAll(inclusionProof(size, index, subtree))).toEqual(proof);
      const root = fromHex(get(ROOTS, size));
      const leaf = get(vectorLeaves, index);
      const decoded = proof.map(fromHex);
      expect(verifyInclusion(leaf, index, size, decoded, root)).toBe(true);

      // Corruptions modelled on corruptInclusionProof in proof/verify_test.go.
      const wrong = (
        i: number,
        n: number,
        p: readonly Hash[] = decoded,
        r: Hash = root,
        l: Hash = leaf,
      ) => verifyInclusion(l, i, n, p, r);
      expect(wrong(index - 1, size)).toBe(false);
      expect(wrong(index + 1, size)).toBe(false);
      expect(wrong(index ^ 2, size)).toBe(false);
      expect(wrong(index, size * 2)).toBe(false);
      expect(wrong(index, Math.floor(size / 2))).toBe(false);
      expect(wrong(index, size, decoded, root, hashLeaf(new TextEncoder().encode("x")))).toBe(
        false,
      );
      expect(wrong(index, size, decoded, EMPTY_ROOT)).toBe(false);
      expect(wrong(index, size, [...decoded, root])).toBe(false);
      expect(wrong(index, size, [root, ...decoded])).toBe(false);
      expect(wrong(index, size, [...decoded, new Uint8Array(0)])).toBe(false);
      decoded.forEach((_, i) => {
        expect(wrong(index, size, tamperedAt(decoded, i))).toBe(false);
      });
      if (decoded.length > 0) {
        expect(wrong(index, size, decoded.slice(0, -1))).toBe(false);
      }
    },
  );

  it.each(INCLUSION_SHAPES)(
    "asks for the reference subtrees for leaf $index of $size",
    ({ size, index, ranges }) => {
      const proof = inclusionProof(size, index, labelFor);
      expect(hexAll(proof)).toEqual(ranges.map(([s, e]) => toHex(labelFor(s, e))));
    },
  );

  it("every proof in trees of size 1..40 verifies, and fails when tampered", () => {
    // Outcomes are collected and asserted once, because tens of thousands of separate expect()
    // calls would dominate the run time; a failure still names every case that went wrong.
    const failures: string[] = [];
    for (let size = 1; size <= MAX_EXHAUSTIVE; size++) {
      const root = get(bigRoots, size);
      for (let index = 0; index < size; index++) {
        const leaf = get(bigLeaves, index);
        const proof = inclusionProof(size, index, bigHasher);
        const check = (label: string, got: boolean, want: boolean): void => {
          if (got !== want) {
            failures.push(`leaf ${index} of ${size}, ${label}: got ${got}`);
          }
        };
        const verify = (p: readonly Hash[], i = index, l = leaf, r = root): boolean =>
          verifyInclusion(l, i, size, p, r);
        check("genuine", verify(proof), true);
        for (let i = 0; i < proof.length; i++) {
          check(`proof[${i}] flipped`, verify(tamperedAt(proof, i)), false);
        }
        // Wrong indices: both neighbours, and the index with each one of its bits flipped,
        // which between them disagree with the true index at every level of the path.
        // Checking all n - 1 other indices would cost O(n^2) hashes and add little.
        const wrongIndices = new Set([index - 1, index + 1]);
        for (let bit = 1; bit < size; bit *= 2) {
          wrongIndices.add(index ^ bit);
        }
        for (const other of wrongIndices) {
          if (other >= 0 && other < size) {
            check(`as index ${other}`, verify(proof, other), false);
          }
        }
        check("leaf flipped", verify(proof, index, flipped(leaf)), false);
        check("root flipped", verify(proof, index, leaf, flipped(root, 31)), false);
        check("extended", verify([...proof, leaf]), false);
        if (proof.length > 0) {
          check("truncated", verify(proof.slice(1)), false);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("throws RangeError for arguments outside the tree", () => {
    expect(() => inclusionProof(0, 0, subtree)).toThrow(RangeError);
    expect(() => inclusionProof(3, 3, subtree)).toThrow(RangeError);
    expect(() => inclusionProof(7, 8, subtree)).toThrow(RangeError);
    expect(() => inclusionProof(3, -1, subtree)).toThrow(RangeError);
    expect(() => inclusionProof(-3, 0, subtree)).toThrow(RangeError);
    expect(() => inclusionProof(3, 1.5, subtree)).toThrow(RangeError);
  });

  it("rejects a SubtreeHasher that returns something other than a hash", () => {
    expect(() => inclusionProof(2, 0, () => new Uint8Array(4))).toThrow(TypeError);
  });

  it("verifyInclusion returns false, never throws, on malformed input", () => {
    const leaf = get(vectorLeaves, 0);
    const root = fromHex(get(ROOTS, 1));
    expect(verifyInclusion(leaf, 0, 1, [], root)).toBe(true);
    expect(verifyInclusion(leaf, 0, 0, [], root)).toBe(false);
    expect(verifyInclusion(leaf, 1, 1, [], root)).toBe(false);
    expect(verifyInclusion(leaf, -1, 1, [], root)).toBe(false);
    expect(verifyInclusion(leaf, 0, Number.NaN, [], root)).toBe(false);
    expect(verifyInclusion(leaf, 0, 1.5, [], root)).toBe(false);
    expect(verifyInclusion(leaf.subarray(1), 0, 1, [], root)).toBe(false);
    expect(verifyInclusion(leaf, 0, 1, [], new Uint8Array(0))).toBe(false);
    const proof8 = inclusionProof(8, 0, subtree);
    const root8 = fromHex(get(ROOTS, 8));
    const shortElement = [get(proof8, 0), get(proof8, 1).subarray(0, 31), get(proof8, 2)];
    expect(verifyInclusion(leaf, 0, 8, shortElement, root8)).toBe(false);
    const huge = Array.from({ length: 10_000 }, () => get(proof8, 0));
    expect(verifyInclusion(leaf, 0, 8, huge, root8)).toBe(false);
  });
});

describe("consistency proofs", () => {
  const subtree = subtreeHasherFromLeaves(vectorLeaves);

  it.each(CONSISTENCY_VECTORS)(
    "reproduces and verifies the reference proof from $oldSize to $newSize",
    ({ oldSize, newSize, proof }) => {
      expect(hexAll(consistencyProof(oldSize, newSize, subtree))).toEqual(proof);
      const oldRoot = fromHex(get(ROOTS, oldSize));
      const newRoot = fromHex(get(ROOTS, newSize));
      const decoded = proof.map(fromHex);
      expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, decoded)).toBe(true);
      if (decoded.length === 0) {
        return;
      }

      // Corruptions modelled on corruptConsistencyProof in proof/verify_test.go.
      const wrong = (
        m: number,
        n: number,
        p: readonly Hash[] = decoded,
        r1: Hash = oldRoot,
        r2: Hash = newRoot,
      ) => verifyConsistency(m, n, r1, r2, p);
      expect(wrong(oldSize - 1, newSize)).toBe(false);
      expect(wrong(oldSize + 1, newSize)).toBe(false);
      expect(wrong(oldSize ^ 2, newSize)).toBe(false);
      expect(wrong(oldSize, newSize * 2)).toBe(false);
      expect(wrong(oldSize, Math.floor(newSize / 2))).toBe(false);
      expect(wrong(oldSize, newSize, decoded, flipped(oldRoot))).toBe(false);
      expect(wrong(oldSize, newSize, decoded, oldRoot, flipped(newRoot))).toBe(false);
      expect(wrong(oldSize, newSize, decoded, newRoot, oldRoot)).toBe(false);
      expect(wrong(oldSize, newSize, [])).toBe(false);
      expect(wrong(oldSize, newSize, [...decoded, new Uint8Array(0)])).toBe(false);
      expect(wrong(oldSize, newSize, [...decoded, oldRoot])).toBe(false);
      expect(wrong(oldSize, newSize, [...decoded, newRoot])).toBe(false);
      expect(wrong(oldSize, newSize, [new Uint8Array(0), ...decoded])).toBe(false);
      expect(wrong(oldSize, newSize, [oldRoot, ...decoded])).toBe(false);
      expect(wrong(oldSize, newSize, [newRoot, ...decoded])).toBe(false);
      expect(wrong(oldSize, newSize, [get(decoded, 0), ...decoded])).toBe(false);
      expect(wrong(oldSize, newSize, decoded.slice(0, -1))).toBe(false);
      decoded.forEach((_, i) => {
        expect(wrong(oldSize, newSize, tamperedAt(decoded, i))).toBe(false);
      });
    },
  );

  it.each(CONSISTENCY_SHAPES)(
    "asks for the reference subtrees from $oldSize to $newSize",
    ({ oldSize, newSize, ranges }) => {
      const proof = consistencyProof(oldSize, newSize, labelFor);
      expect(hexAll(proof)).toEqual(ranges.map(([s, e]) => toHex(labelFor(s, e))));
    },
  );

  it("every proof for 1 <= m <= n <= 40 verifies, and fails when tampered", () => {
    // As above, outcomes are collected and asserted once to keep the run fast.
    const failures: string[] = [];
    for (let n = 1; n <= MAX_EXHAUSTIVE; n++) {
      const newRoot = get(bigRoots, n);
      for (let m = 1; m <= n; m++) {
        const oldRoot = get(bigRoots, m);
        const proof = consistencyProof(m, n, bigHasher);
        const check = (label: string, got: boolean, want: boolean): void => {
          if (got !== want) {
            failures.push(`${m} to ${n}, ${label}: got ${got}`);
          }
        };
        const verify = (p: readonly Hash[], r1 = oldRoot, r2 = newRoot, m1 = m): boolean =>
          verifyConsistency(m1, n, r1, r2, p);
        check("genuine", verify(proof), true);
        if (m === n) {
          check("proof length", proof.length === 0, true);
          check("non-empty proof", verify([oldRoot]), false);
          check("different roots", verify([], oldRoot, flipped(newRoot)), false);
          continue;
        }
        for (let i = 0; i < proof.length; i++) {
          check(`proof[${i}] flipped`, verify(tamperedAt(proof, i)), false);
        }
        check("old root flipped", verify(proof, flipped(oldRoot)), false);
        check("new root flipped", verify(proof, oldRoot, flipped(newRoot, 31)), false);
        check("truncated", verify(proof.slice(0, -1)), false);
        check("extended", verify([...proof, oldRoot]), false);
        check("empty", verify([]), false);
        // The proof is tied to the old size: it must not vouch for a neighbouring old size.
        if (m > 1) {
          check("as old size m - 1", verify(proof, oldRoot, newRoot, m - 1), false);
        }
        check("as old size m + 1", verify(proof, oldRoot, newRoot, m + 1), false);
      }
    }
    expect(failures).toEqual([]);
  });

  it("does not by itself authenticate the new tree size (the tree head must)", () => {
    // RFC 9162 proofs treat the right edge of the new tree as opaque subtree hashes, so a
    // proof from 2 to 3 also passes as a proof from 2 to 4 against the same root. This pins
    // that known property down so nobody relies on the proof to vouch for the size.
    const proof = consistencyProof(2, 3, subtree);
    const root2 = fromHex(get(ROOTS, 2));
    const root3 = fromHex(get(ROOTS, 3));
    expect(verifyConsistency(2, 3, root2, root3, proof)).toBe(true);
    expect(verifyConsistency(2, 4, root2, root3, proof)).toBe(true);
    const inclusion = inclusionProof(3, 0, subtree);
    expect(verifyInclusion(get(vectorLeaves, 0), 0, 4, inclusion, root3)).toBe(true);
  });

  it("handles the RFC's edge cases for sizes", () => {
    const root0 = fromHex(get(ROOTS, 0));
    const root1 = fromHex(get(ROOTS, 1));
    const root3 = fromHex(get(ROOTS, 3));
    // Equal sizes: the proof is empty and verifies only when the roots are equal.
    expect(consistencyProof(0, 0, subtree)).toEqual([]);
    expect(consistencyProof(3, 3, subtree)).toEqual([]);
    expect(verifyConsistency(0, 0, root0, root0, [])).toBe(true);
    expect(verifyConsistency(3, 3, root3, root3, [])).toBe(true);
    expect(verifyConsistency(3, 3, root3, root1, [])).toBe(false);
    expect(verifyConsistency(0, 0, root0, root0, [root0])).toBe(false);
    // An empty old tree is not provable under RFC 9162 (documented choice: throw / false).
    expect(() => consistencyProof(0, 3, subtree)).toThrow(RangeError);
    expect(verifyConsistency(0, 3, root0, root3, [])).toBe(false);
    expect(verifyConsistency(0, 1, root0, root1, [root1])).toBe(false);
    // Going backwards and nonsense sizes.
    expect(() => consistencyProof(4, 3, subtree)).toThrow(RangeError);
    expect(() => consistencyProof(-1, 3, subtree)).toThrow(RangeError);
    expect(() => consistencyProof(1, -3, subtree)).toThrow(RangeError);
    expect(() => consistencyProof(1, 2.5, subtree)).toThrow(RangeError);
    expect(verifyConsistency(3, 1, root3, root1, [])).toBe(false);
    expect(verifyConsistency(-1, 3, root1, root3, [root1])).toBe(false);
    expect(verifyConsistency(1, Number.POSITIVE_INFINITY, root1, root3, [root1])).toBe(false);
  });

  it("verifyConsistency returns false, never throws, on malformed input", () => {
    const proof = consistencyProof(3, 7, subtree);
    const root3 = fromHex(get(ROOTS, 3));
    const root7 = fromHex(get(ROOTS, 7));
    expect(verifyConsistency(3, 7, root3, root7, proof)).toBe(true);
    const short = proof.map((h, i) => (i === 1 ? h.subarray(0, 16) : h));
    expect(verifyConsistency(3, 7, root3, root7, short)).toBe(false);
    expect(verifyConsistency(3, 7, root3.subarray(1), root7, proof)).toBe(false);
    expect(verifyConsistency(3, 7, root3, new Uint8Array(64), proof)).toBe(false);
    const huge = Array.from({ length: 10_000 }, () => get(proof, 0));
    expect(verifyConsistency(3, 7, root3, root7, huge)).toBe(false);
    // Power-of-two old size, where the old root is implied: an empty proof must still fail.
    const root4 = fromHex(get(ROOTS, 4));
    expect(verifyConsistency(4, 7, root4, root7, [])).toBe(false);
  });
});

describe("hex", () => {
  it("round-trips hashes as lowercase hex", () => {
    for (const hex of get(NODE_HASHES, 0)) {
      expect(toHex(fromHex(hex))).toBe(hex);
    }
    expect(fromHex(EMPTY_ROOT_HEX)).toEqual(EMPTY_ROOT);
  });

  it("fromHex rejects bad input", () => {
    expect(() => fromHex("")).toThrow(RangeError);
    expect(() => fromHex(EMPTY_ROOT_HEX.slice(2))).toThrow(RangeError);
    expect(() => fromHex(`${EMPTY_ROOT_HEX}00`)).toThrow(RangeError);
    expect(() => fromHex(EMPTY_ROOT_HEX.toUpperCase())).toThrow(RangeError);
    expect(() => fromHex(`zz${EMPTY_ROOT_HEX.slice(2)}`)).toThrow(RangeError);
    expect(() => fromHex(` ${EMPTY_ROOT_HEX.slice(1)}`)).toThrow(RangeError);
  });
});
