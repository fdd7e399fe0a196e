import { type Frontier, type Hash, hashChildren, type SubtreeHasher } from "./merkle.ts";

/**
 * Proofs over a large ledger without reading all of it. The store keeps, besides each leaf hash,
 * the hash of every complete, aligned subtree of 2^4 = 16 leaves or more ("nodes", about one per
 * 8 leaves). Any subtree an RFC 9162 proof asks for then takes at most two node lookups per
 * level plus fewer than 16 leaf hashes at each edge: a proof costs O(log n) reads, not O(n).
 */
export const NODE_MIN_LEVEL = 4;

export type TreeNode = { level: number; index: number; hash: Hash };

/**
 * Appends a leaf to a frontier (as merkle.appendToFrontier does) and also returns the complete
 * subtrees the append finished, at levels from NODE_MIN_LEVEL up: the nodes the store keeps.
 */
export function appendWithNodes(
  frontier: readonly Hash[],
  treeSize: number,
  leafHash: Hash,
): { frontier: Frontier; nodes: TreeNode[] } {
  const next = frontier.slice();
  const nodes: TreeNode[] = [];
  let carry = leafHash;
  let level = 0;
  // Binary increment: each trailing one bit of treeSize is a subtree that merges with the carry.
  let size = treeSize;
  while (size % 2 === 1) {
    const left = next.pop();
    if (left === undefined) throw new RangeError("frontier is shorter than its tree size implies");
    carry = hashChildren(left, carry);
    level += 1;
    size = (size - 1) / 2;
    if (level >= NODE_MIN_LEVEL)
      nodes.push({ level, index: (treeSize + 1) / 2 ** level - 1, hash: carry });
  }
  next.push(carry);
  return { frontier: next, nodes };
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The node that is exactly the range [start, end), if the store keeps one. */
function storedNodeOf(start: number, end: number): { level: number; index: number } | null {
  const width = end - start;
  const level = Math.log2(width);
  if (!Number.isInteger(level) || level < NODE_MIN_LEVEL || start % width !== 0) return null;
  return { level, index: start / width };
}

export type SubtreeNeeds = {
  nodes: Array<{ level: number; index: number }>;
  leafRanges: Array<[number, number]>;
};

/**
 * What must be read to hash each range: stored nodes where a range is one, else the range split as
 * RFC 9162 splits it, down to leaf ranges shorter than a node. Ranges `isKnown` says are at hand
 * (cached) need nothing.
 */
export function planSubtrees(
  ranges: ReadonlyArray<readonly [number, number]>,
  isKnown: (start: number, end: number) => boolean = () => false,
): SubtreeNeeds {
  const needs: SubtreeNeeds = { nodes: [], leafRanges: [] };
  const visit = (start: number, end: number): void => {
    if (isKnown(start, end)) return;
    const node = storedNodeOf(start, end);
    if (node) needs.nodes.push(node);
    else if (end - start < 2 ** NODE_MIN_LEVEL) needs.leafRanges.push([start, end]);
    else {
      const k = largestPowerOfTwoBelow(end - start);
      visit(start, start + k);
      visit(start + k, end);
    }
  };
  for (const [start, end] of ranges) visit(start, end);
  return needs;
}

/** The ranges a proof will ask for: the proof run once against a hasher that only takes notes. */
export function rangesAskedBy(prove: (hasher: SubtreeHasher) => unknown): Array<[number, number]> {
  const asked: Array<[number, number]> = [];
  prove((start, end) => {
    asked.push([start, end]);
    return new Uint8Array(32);
  });
  return asked;
}

/**
 * A subtree hasher over what was read: stored nodes by "level:index" and leaf hashes by index.
 * A node the store lacks (a ledger written before nodes were kept) is computed from its halves.
 * With a cache, ranges found there (or in `known`, by "start:end") are taken from it and every
 * range hashed is added to it.
 */
export function hasherFrom(
  nodes: ReadonlyMap<string, Hash>,
  leaves: ReadonlyMap<number, Hash>,
  cache?: SubtreeCache,
  known?: ReadonlyMap<string, Hash>,
): SubtreeHasher {
  const hash = (start: number, end: number): Hash => {
    // What the plan found in the cache is held here too: filling the cache while hashing could
    // otherwise drop an entry the plan counted on.
    const cached = known?.get(`${start}:${end}`) ?? cache?.get(start, end);
    if (cached) return cached;
    const computed = compute(start, end);
    cache?.set(start, end, computed);
    return computed;
  };
  const compute = (start: number, end: number): Hash => {
    if (end - start === 1) {
      const leaf = leaves.get(start);
      if (!leaf) throw new RangeError(`leaf ${start} was not read`);
      return leaf;
    }
    const node = storedNodeOf(start, end);
    const stored = node ? nodes.get(`${node.level}:${node.index}`) : undefined;
    if (stored) return stored;
    const k = largestPowerOfTwoBelow(end - start);
    return hashChildren(hash(start, start + k), hash(start + k, end));
  };
  return hash;
}

/**
 * The hashes of leaf ranges [start, end) of one ledger, least recently used dropped first. The
 * hash of a range of committed entries never changes (entries are append-only; erasing personal
 * data keeps the leaf hash), so an entry can never be stale: the only rule is to put in hashes of
 * committed entries only, which is all a reader outside the write transaction sees. The right edge
 * of the latest tree and the top of the tree are asked for by every proof; keeping them saves most
 * of each proof's reads.
 */
export class SubtreeCache {
  readonly #hashes = new Map<string, Hash>();
  constructor(readonly capacity = 16_384) {}

  get(start: number, end: number): Hash | undefined {
    const key = `${start}:${end}`;
    const hash = this.#hashes.get(key);
    if (hash) {
      // Map keeps insertion order: moving a hit to the end makes the first key the least recent.
      this.#hashes.delete(key);
      this.#hashes.set(key, hash);
    }
    return hash;
  }

  set(start: number, end: number, hash: Hash): void {
    const key = `${start}:${end}`;
    this.#hashes.delete(key);
    this.#hashes.set(key, hash);
    if (this.#hashes.size > this.capacity) {
      const oldest = this.#hashes.keys().next().value;
      if (oldest !== undefined) this.#hashes.delete(oldest);
    }
  }

  get size(): number {
    return this.#hashes.size;
  }
}
