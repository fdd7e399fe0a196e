import { type Hash, hashChildren, type SubtreeHasher } from "./merkle.ts";
import { NODE_MIN_LEVEL } from "./stored-tree.ts";

const HASH = 32;

/** A growable array of 32-byte hashes in one buffer: 32 bytes per hash, no object per hash. */
class HashArray {
  #bytes = new Uint8Array(HASH * 1024);
  length = 0;

  push(hash: Hash): void {
    if ((this.length + 1) * HASH > this.#bytes.length) {
      const grown = new Uint8Array(this.#bytes.length * 2);
      grown.set(this.#bytes);
      this.#bytes = grown;
    }
    this.#bytes.set(hash, this.length * HASH);
    this.length += 1;
  }

  at(index: number): Hash {
    return this.#bytes.subarray(index * HASH, (index + 1) * HASH);
  }

  get byteLength(): number {
    return this.#bytes.length;
  }
}

/**
 * A process's ledger tree held in memory: every leaf hash and the hash of every complete, aligned
 * subtree of 16 leaves or more, as the leaves of committed entries arrive in order. Committed
 * entries never change (erasing personal data keeps the leaf hash), so what is held stays true;
 * a proof at any size up to `size` then needs no read at all. About 36 bytes per entry.
 */
export class TreeMirror {
  readonly #leaves = new HashArray();
  /** levels[L] holds the complete aligned subtrees of 2^L leaves, for L >= NODE_MIN_LEVEL. */
  readonly #levels: HashArray[] = [];
  /** Roots of the complete subtrees of the leaves so far, largest first (the frontier). */
  readonly #frontier: Array<{ level: number; hash: Hash }> = [];

  get size(): number {
    return this.#leaves.length;
  }

  get byteLength(): number {
    return this.#levels.reduce((sum, level) => sum + level.byteLength, this.#leaves.byteLength);
  }

  /** Appends the leaf hash of the next entry (entry number `size`). */
  append(leaf: Hash): void {
    this.#leaves.push(leaf);
    let carry = { level: 0, hash: leaf };
    for (;;) {
      const last = this.#frontier.at(-1);
      if (!last || last.level !== carry.level) break;
      this.#frontier.pop();
      carry = { level: carry.level + 1, hash: hashChildren(last.hash, carry.hash) };
      if (carry.level >= NODE_MIN_LEVEL) {
        for (let l = this.#levels.length; l <= carry.level; l++) this.#levels.push(new HashArray());
        this.#levels[carry.level]?.push(carry.hash);
      }
    }
    this.#frontier.push(carry);
  }

  /** RFC 9162 subtree hashes of ranges within the first `size` entries. */
  hasher(): SubtreeHasher {
    const hash = (start: number, end: number): Hash => {
      if (end > this.size || start < 0 || start >= end)
        throw new RangeError(`[${start}, ${end}) is not within the ${this.size} entries held`);
      if (end - start === 1) return this.#leaves.at(start);
      const width = end - start;
      const level = Math.log2(width);
      if (Number.isInteger(level) && start % width === 0) {
        const stored = this.#levels[level];
        if (stored && start / width < stored.length) return stored.at(start / width);
      }
      let k = 1;
      while (k * 2 < width) k *= 2;
      return hashChildren(hash(start, start + k), hash(start + k, end));
    };
    return hash;
  }
}
