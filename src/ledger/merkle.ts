/**
 * The Merkle tree of RFC 9162 (Certificate Transparency version 2.0), section 2.1, with SHA-256.
 *
 * Everything here is pure: no I/O, no clocks, no global state. Tree sizes and leaf indices are
 * plain numbers and must be safe integers; bit operations are done with arithmetic rather than
 * JavaScript's 32-bit bitwise operators so that trees larger than 2^32 leaves stay correct.
 *
 * Hashes are handed out as fresh Uint8Arrays (never Node Buffers and never shared internal
 * state), except for the exported EMPTY_ROOT constant, which callers must not mutate.
 */

import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";

/** A SHA-256 digest: exactly 32 bytes. */
export type Hash = Uint8Array;

/** Length in bytes of every Hash this module produces or accepts. */
const HASH_LENGTH = 32;

/*
 * RFC 9162 separates leaf hashes from interior-node hashes by a one-byte prefix, so that no
 * leaf can be passed off as an interior node (a second-preimage attack on the tree).
 */
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

function sha256(...parts: readonly Uint8Array[]): Hash {
  const hash = createHash("sha256");
  for (const part of parts) {
    hash.update(part);
  }
  // Copy out of the Buffer so that callers always get a plain Uint8Array, which compares
  // equal to other Uint8Arrays in deep-equality checks and cannot alias Node's buffer pool.
  return new Uint8Array(hash.digest());
}

/** True when `value` is a Uint8Array of exactly 32 bytes. */
function isHash(value: unknown): value is Hash {
  return value instanceof Uint8Array && value.length === HASH_LENGTH;
}

function assertHash(value: unknown, what: string): asserts value is Hash {
  if (!isHash(value)) {
    throw new RangeError(`${what} must be a ${HASH_LENGTH}-byte Uint8Array`);
  }
}

/** True when `value` is a usable tree size or index: a non-negative safe integer. */
function isSize(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function assertSize(value: unknown, what: string): asserts value is number {
  if (!isSize(value)) {
    throw new RangeError(`${what} must be a non-negative safe integer, got ${String(value)}`);
  }
}

/** Reads `items[index]`, throwing instead of yielding undefined when it is out of range. */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) {
    throw new RangeError(`index ${index} is out of range for length ${items.length}`);
  }
  return item;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    return false;
  }
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    // Both indices are in range because the lengths are equal, so `?? 0` never fires; it only
    // satisfies noUncheckedIndexedAccess without a non-null assertion.
    diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  }
  return diff === 0;
}

/*
 * Arithmetic stand-ins for LSB(x) and x >> 1. The bitwise operators would truncate to 32 bits
 * and silently give wrong answers for trees of 2^32 leaves or more.
 */
function lsb(x: number): boolean {
  return x % 2 === 1;
}

function shr(x: number): number {
  return Math.floor(x / 2);
}

function isPowerOfTwo(n: number): boolean {
  if (n < 1) {
    return false;
  }
  let x = n;
  while (x % 2 === 0) {
    x /= 2;
  }
  return x === 1;
}

/** The k of RFC 9162 section 2.1.1: the largest power of two strictly smaller than n (n > 1). */
function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) {
    k *= 2;
  }
  return k;
}

/** Number of set bits in a non-negative safe integer; this is the size of its frontier. */
function popCount(n: number): number {
  let count = 0;
  let x = n;
  while (x > 0) {
    if (lsb(x)) {
      count++;
    }
    x = shr(x);
  }
  return count;
}

/**
 * Hashes one leaf's data: SHA-256(0x00 || data). Accepts data of any length, including empty,
 * and always returns a fresh 32-byte array.
 */
export function hashLeaf(data: Uint8Array): Hash {
  return sha256(LEAF_PREFIX, data);
}

/**
 * Hashes an interior node from its two children: SHA-256(0x01 || left || right). Throws a
 * RangeError unless both children are 32-byte hashes, because anything else is a caller bug
 * that would otherwise yield a well-formed but meaningless root.
 */
export function hashChildren(left: Hash, right: Hash): Hash {
  assertHash(left, "left child");
  assertHash(right, "right child");
  return sha256(NODE_PREFIX, left, right);
}

/**
 * MTH({}), the root of the empty tree: SHA-256 of the empty string. Shared and mutable in
 * principle (typed arrays cannot be frozen), so callers must treat it as read-only.
 */
export const EMPTY_ROOT: Hash = sha256();

/**
 * Supplies MTH(D[start:end]) for a range of leaves; lets callers back proofs by stored subtree
 * hashes.
 */
export type SubtreeHasher = (start: number, end: number) => Hash;

/**
 * Returns a SubtreeHasher that computes MTH(D[start:end]) recursively from leaf hashes, as in
 * RFC 9162 section 2.1.1 (split at k, the largest power of two below the range's length).
 * The leaf list is copied, so later changes to the caller's array do not affect the hasher.
 * The hasher throws a RangeError unless 0 <= start <= end <= leafHashes.length; an empty
 * range yields EMPTY_ROOT. Each call costs O(end - start) hashes; nothing is cached.
 */
export function subtreeHasherFromLeaves(leafHashes: readonly Hash[]): SubtreeHasher {
  const leaves = leafHashes.slice();
  leaves.forEach((leaf, i) => {
    assertHash(leaf, `leaf hash ${i}`);
  });

  const mth = (start: number, end: number): Hash => {
    const n = end - start;
    if (n === 0) {
      return EMPTY_ROOT.slice();
    }
    if (n === 1) {
      return at(leaves, start).slice();
    }
    const k = largestPowerOfTwoBelow(n);
    return hashChildren(mth(start, start + k), mth(start + k, end));
  };

  return (start: number, end: number): Hash => {
    assertSize(start, "start");
    assertSize(end, "end");
    if (start > end || end > leaves.length) {
      throw new RangeError(
        `range [${start}, ${end}) is not within a tree of ${leaves.length} leaves`,
      );
    }
    return mth(start, end);
  };
}

/** Returns MTH(D[n]) for the given leaf hashes; EMPTY_ROOT (a copy) when there are none. */
export function rootFromLeaves(leafHashes: readonly Hash[]): Hash {
  return subtreeHasherFromLeaves(leafHashes)(0, leafHashes.length);
}

/** Calls a caller-supplied SubtreeHasher and refuses results that are not 32-byte hashes. */
function subtreeHash(subtree: SubtreeHasher, start: number, end: number): Hash {
  const hash = subtree(start, end);
  if (!isHash(hash)) {
    throw new TypeError(`SubtreeHasher returned a non-hash for range [${start}, ${end})`);
  }
  return hash;
}

/**
 * Returns the inclusion proof PATH(index, D[treeSize]) of RFC 9162 section 2.1.3.1: the sibling
 * subtree hashes from the leaf up to the root, leaf-most first. A tree of one leaf has an empty
 * proof. Throws a RangeError unless 0 <= index < treeSize (so a tree of size 0 has no proofs).
 */
export function inclusionProof(treeSize: number, index: number, subtree: SubtreeHasher): Hash[] {
  assertSize(treeSize, "treeSize");
  assertSize(index, "index");
  if (index >= treeSize) {
    throw new RangeError(`index ${index} is not in a tree of ${treeSize} leaves`);
  }
  // Walk from the root down to the leaf, collecting the sibling at each split. The RFC's
  // recursion appends each sibling after the deeper part of the path, so the walk's order
  // is reversed at the end.
  const path: Hash[] = [];
  let start = 0;
  let end = treeSize;
  while (end - start > 1) {
    const mid = start + largestPowerOfTwoBelow(end - start);
    if (index < mid) {
      path.push(subtreeHash(subtree, mid, end));
      end = mid;
    } else {
      path.push(subtreeHash(subtree, start, mid));
      start = mid;
    }
  }
  return path.reverse();
}

/**
 * Checks an inclusion proof with the algorithm of RFC 9162 section 2.1.3.2: true only if
 * `leafHash` is the leaf at `index` of the tree of `treeSize` leaves whose root is `root`.
 * Never throws; any malformed input (bad sizes, index >= treeSize, hashes that are not 32
 * bytes, a proof of the wrong length) yields false.
 *
 * The proof binds the leaf index but not, on its own, treeSize: trees whose sizes differ only
 * in their right edge can share a proof shape (a proof for size 3 also passes for size 4 with
 * the same root). Callers must take treeSize and root together from an authenticated tree head.
 */
export function verifyInclusion(
  leafHash: Hash,
  index: number,
  treeSize: number,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  if (!isHash(leafHash) || !isHash(root) || !Array.isArray(proof)) {
    return false;
  }
  if (!isSize(index) || !isSize(treeSize) || index >= treeSize) {
    return false;
  }
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    // A path longer than the tree is tall is rejected here, which also bounds the work an
    // oversized proof can cause to about 53 hashes.
    if (sn === 0 || !isHash(p)) {
      return false;
    }
    if (lsb(fn) || fn === sn) {
      r = hashChildren(p, r);
      // Skip the levels where this node is a lone right-edge node that is promoted unchanged.
      while (!lsb(fn) && fn !== 0) {
        fn = shr(fn);
        sn = shr(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = shr(fn);
    sn = shr(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

/**
 * Returns the consistency proof PROOF(oldSize, D[newSize]) of RFC 9162 section 2.1.4.1, that
 * is SUBPROOF(oldSize, D[newSize], true). The proof for equal sizes (including 0 and 0) is
 * empty. An empty old tree is not provable under the RFC (it defines proofs for 0 < m < n
 * only), so oldSize 0 with newSize > 0 throws a RangeError, as do negative or non-integer
 * sizes and oldSize > newSize.
 */
export function consistencyProof(oldSize: number, newSize: number, subtree: SubtreeHasher): Hash[] {
  assertSize(oldSize, "oldSize");
  assertSize(newSize, "newSize");
  if (oldSize > newSize) {
    throw new RangeError(`oldSize ${oldSize} is greater than newSize ${newSize}`);
  }
  if (oldSize === newSize) {
    return [];
  }
  if (oldSize === 0) {
    throw new RangeError("a consistency proof from the empty tree is not defined by RFC 9162");
  }
  // Iterative SUBPROOF(m, D[start:end], b). As with inclusion proofs, the walk goes from the
  // root down and collects nodes in the reverse of the RFC's output order.
  const nodes: Hash[] = [];
  let start = 0;
  let end = newSize;
  let complete = true; // The RFC's b: whether D[start:end] is still the whole old tree's path.
  for (;;) {
    const n = end - start;
    const m = oldSize - start;
    if (m === n) {
      // The old tree's boundary falls exactly on this subtree. Its hash is needed unless it
      // is the old root itself, which the verifier already has.
      if (!complete) {
        nodes.push(subtreeHash(subtree, start, end));
      }
      break;
    }
    const mid = start + largestPowerOfTwoBelow(n);
    if (m <= mid - start) {
      nodes.push(subtreeHash(subtree, mid, end));
      end = mid;
    } else {
      nodes.push(subtreeHash(subtree, start, mid));
      start = mid;
      complete = false;
    }
  }
  return nodes.reverse();
}

/**
 * Checks a consistency proof with the algorithm of RFC 9162 section 2.1.4.2: true only if the
 * tree of `oldSize` leaves with root `oldRoot` is a prefix of the tree of `newSize` leaves
 * with root `newRoot`. For equal sizes the proof must be empty and the roots equal. An old
 * size of 0 with a larger new size is outside the RFC's algorithm and always yields false,
 * matching consistencyProof's refusal to produce such a proof. Never throws; malformed input
 * yields false.
 *
 * As with inclusion proofs, the proof binds oldSize but not, on its own, newSize (a proof from
 * 2 to 3 also passes as 2 to 4 with the same roots), so newSize and newRoot must come together
 * from an authenticated tree head.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Hash,
  newRoot: Hash,
  proof: readonly Hash[],
): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize) {
    return false;
  }
  if (!isHash(oldRoot) || !isHash(newRoot) || !Array.isArray(proof)) {
    return false;
  }
  if (oldSize === newSize) {
    return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  }
  if (oldSize === 0 || proof.length === 0) {
    return false;
  }
  // Step 2: when the old tree is a perfect subtree, its root is itself the first node of the
  // path, so the RFC prepends it. This is done by index rather than by copying the proof.
  const offset = isPowerOfTwo(oldSize) ? 1 : 0;
  const length = proof.length + offset;
  const node = (i: number): Hash => (i < offset ? oldRoot : at(proof, i - offset));

  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (lsb(fn)) {
    fn = shr(fn);
    sn = shr(sn);
  }
  const first = node(0);
  if (!isHash(first)) {
    return false;
  }
  let fr = first;
  let sr = first;
  for (let i = 1; i < length; i++) {
    const c = node(i);
    if (sn === 0 || !isHash(c)) {
      return false;
    }
    if (lsb(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!lsb(fn) && fn !== 0) {
        fn = shr(fn);
        sn = shr(sn);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = shr(fn);
    sn = shr(sn);
  }
  return sn === 0 && bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot);
}

/**
 * Incremental state: roots of the perfect subtrees of the tree's left-to-right binary
 * decomposition.
 */
export type Frontier = Hash[];

/**
 * Returns the frontier of the tree of treeSize + 1 leaves, given the frontier of the first
 * treeSize leaves and the next leaf hash. The input is not modified. The frontier holds one
 * hash per set bit of treeSize, largest subtree first; a frontier whose length does not match
 * treeSize, a non-hash element, or an invalid treeSize throws a RangeError.
 */
export function appendToFrontier(
  frontier: readonly Hash[],
  treeSize: number,
  leafHash: Hash,
): Frontier {
  assertSize(treeSize, "treeSize");
  if (treeSize >= Number.MAX_SAFE_INTEGER) {
    throw new RangeError("treeSize + 1 would not be a safe integer");
  }
  const expected = popCount(treeSize);
  if (frontier.length !== expected) {
    throw new RangeError(
      `a tree of ${treeSize} leaves has a frontier of ${expected}, not ${frontier.length}`,
    );
  }
  frontier.forEach((hash, i) => {
    assertHash(hash, `frontier hash ${i}`);
  });
  assertHash(leafHash, "leafHash");

  // Adding one leaf is binary increment: each trailing one bit of treeSize is a perfect
  // subtree of the same size as the carry, so the two merge and the carry moves left.
  const next = frontier.slice();
  let carry: Hash = leafHash.slice();
  let size = treeSize;
  while (lsb(size)) {
    const left = next.pop();
    if (left === undefined) {
      // Unreachable given the popCount check above; kept so the types need no assertion.
      throw new RangeError("frontier is shorter than its tree size implies");
    }
    carry = hashChildren(left, carry);
    size = shr(size);
  }
  next.push(carry);
  return next;
}

/**
 * Returns the root of the tree whose frontier is given, folding from the smallest (rightmost)
 * subtree to the largest; EMPTY_ROOT (a copy) for an empty frontier. For any leaves, the
 * frontier built by appendToFrontier yields exactly rootFromLeaves of those leaves, because
 * MTH splits at the largest power of two, which is the leftmost frontier subtree.
 */
export function rootFromFrontier(frontier: readonly Hash[]): Hash {
  if (frontier.length === 0) {
    return EMPTY_ROOT.slice();
  }
  let root = at(frontier, frontier.length - 1);
  assertHash(root, "frontier hash");
  for (let i = frontier.length - 2; i >= 0; i--) {
    root = hashChildren(at(frontier, i), root);
  }
  return root.slice();
}

/** Encodes bytes as lowercase hexadecimal, two characters per byte. */
export function toHex(h: Hash): string {
  return Buffer.from(h.buffer, h.byteOffset, h.byteLength).toString("hex");
}

/**
 * Decodes a hash from exactly 64 lowercase hexadecimal characters. Uppercase and any other
 * spelling are refused, so that each hash has a single textual form; a wrong length or any
 * non-hex character throws a RangeError.
 */
export function fromHex(s: string): Hash {
  if (typeof s !== "string" || s.length !== HASH_LENGTH * 2) {
    throw new RangeError(`a hash must be ${HASH_LENGTH * 2} hex characters`);
  }
  if (!/^[0-9a-f]*$/.test(s)) {
    throw new RangeError("a hash must be lowercase hexadecimal");
  }
  return new Uint8Array(Buffer.from(s, "hex"));
}
