import { grown } from "./typed-arrays.ts";

/**
 * Record ids to numbers, held in a few typed arrays instead of a Map of strings: the overview's
 * index keeps one entry per incident and per claim (2.6·10^6 at 10^6 incidents), where a Map
 * costs about 80 bytes an entry in strings and hash buckets and this about 30 (the id's UTF-8
 * bytes, its end, its number and two table cells). Ids are only added; their numbers may change.
 */
export class IdTable {
  #bytes = new Uint8Array(1 << 16);
  #used = 0;
  /** Entry e's bytes are `#bytes[#ends[e - 1] ?? 0 .. #ends[e]]`. */
  #ends = new Int32Array(1024);
  #values = new Int32Array(1024);
  #size = 0;
  /** Open addressing: entry + 1 in each cell, 0 for an empty one; at most half full. */
  #cells = new Int32Array(2048);
  static readonly #encoder = new TextEncoder();
  /** The id being looked up, encoded: its bytes are `#key[0 .. #keyLength]`. */
  #key = new Uint8Array(256);
  #keyLength = 0;

  get size(): number {
    return this.#size;
  }

  get(id: string): number | undefined {
    const cell = this.#find(id);
    const entry = (this.#cells[cell] as number) - 1;
    return entry < 0 ? undefined : this.#values[entry];
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  set(id: string, value: number): void {
    const cell = this.#find(id);
    const found = (this.#cells[cell] as number) - 1;
    if (found >= 0) {
      this.#values[found] = value;
      return;
    }
    const entry = this.#size++;
    this.#ends = grown(this.#ends, this.#size);
    this.#values = grown(this.#values, this.#size);
    this.#bytes = grown(this.#bytes, this.#used + this.#keyLength);
    this.#bytes.set(this.#key.subarray(0, this.#keyLength), this.#used);
    this.#used += this.#keyLength;
    this.#ends[entry] = this.#used;
    this.#values[entry] = value;
    this.#cells[cell] = entry + 1;
    if (this.#size * 2 > this.#cells.length) this.#rehash();
  }

  /** Gives every entry a new number: `change(old)` (the index's slots after reordering). */
  renumber(change: (value: number) => number): void {
    for (let e = 0; e < this.#size; e++) this.#values[e] = change(this.#values[e] as number);
  }

  /** The cell holding `id`, or the empty cell where it would go; leaves `id` in `#key`. */
  #find(id: string): number {
    this.#encode(id);
    const mask = this.#cells.length - 1;
    let cell = hashBytes(this.#key, 0, this.#keyLength) & mask;
    for (;;) {
      const entry = (this.#cells[cell] as number) - 1;
      if (entry < 0 || this.#holds(entry)) return cell;
      cell = (cell + 1) & mask;
    }
  }

  #encode(id: string): void {
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    if (this.#key.length < id.length * 3) this.#key = new Uint8Array(id.length * 3);
    this.#keyLength = IdTable.#encoder.encodeInto(id, this.#key).written;
  }

  /** Where an entry's bytes begin: where the one before ends. */
  #startOf(entry: number): number {
    return entry === 0 ? 0 : (this.#ends[entry - 1] as number);
  }

  #holds(entry: number): boolean {
    const start = this.#startOf(entry);
    if ((this.#ends[entry] as number) - start !== this.#keyLength) return false;
    for (let i = 0; i < this.#keyLength; i++)
      if (this.#bytes[start + i] !== this.#key[i]) return false;
    return true;
  }

  #rehash(): void {
    const cells = new Int32Array(this.#cells.length * 2);
    const mask = cells.length - 1;
    for (let entry = 0; entry < this.#size; entry++) {
      let cell = hashBytes(this.#bytes, this.#startOf(entry), this.#ends[entry] as number) & mask;
      while (cells[cell] !== 0) cell = (cell + 1) & mask;
      cells[cell] = entry + 1;
    }
    this.#cells = cells;
  }
}

/** FNV-1a over bytes, then mixed so that the low bits, which pick the cell, depend on all. */
function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
