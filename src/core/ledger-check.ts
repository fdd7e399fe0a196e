import { createHash } from "node:crypto";
import { type EntryContent, leafHashOf, parseEntry, recordDigest } from "../ledger/entry.ts";
import { type Frontier, type Hash, rootFromFrontier, toHex } from "../ledger/merkle.ts";
import { verifyHeadSignature } from "../ledger/signer.ts";
import { appendWithNodes, type TreeNode } from "../ledger/stored-tree.ts";

export type CheckProblem = { seq?: number; record_id?: string; message: string };

/** A ledger entry as a store or a bundle holds it; `content` is absent where it is redacted. */
export type EntryToCheck = {
  seq: number;
  leaf_hash: Uint8Array;
  content?: string | undefined;
  /** What the store's own columns say the entry is (a bundle has only the content). */
  columns?: {
    record_id: string;
    action: string;
    record_type: string;
    at?: Date | string;
    principal?: string;
    visibility?: string;
    restricted_to?: string | null;
  };
};

export type HeadToCheck = {
  tree_size: number;
  root_hash: string;
  timestamp: string;
  key_id: string;
  signature: Uint8Array;
};

/** A record as the ledger commits to it (`ledgerView`): envelope and fields, no timestamps. */
export type RecordToCheck = { id: string; view: Record<string, unknown> };

/**
 * Where the process's own fields are kept among the records a check expects: no record id can be
 * this, so a record named like the process's slug is never mistaken for it.
 */
export const PROCESS_FIELDS = "\u0000process";

const named = (id: string) =>
  id === PROCESS_FIELDS ? "the process's own fields" : `record "${id}"`;
/** The verb as it agrees with what `named` names: "the process's own fields differ". */
const verb = (id: string, one: string, many: string) => (id === PROCESS_FIELDS ? many : one);

/**
 * What the ledger says each record is now, as its last entry's number and the digest of the record
 * it holds (none when deleted). Kept in typed arrays, a slot per record id: at 2.6·10^6 records a
 * map of objects and hex strings was most of `truce verify`'s memory.
 */
class ExpectedRecords {
  private readonly slots = new Map<string, number>();
  private seqs = new Float64Array(1024);
  private digests = new Uint8Array(1024 * 32);
  /** 0: no digest (deleted, or no record in the entry); 1: the digest in `digests`. */
  private hasDigest = new Uint8Array(1024);

  set(id: string, seq: number, digest: Uint8Array | null): void {
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(id, slot);
      if (slot === this.seqs.length) this.grow();
    }
    this.seqs[slot] = seq;
    this.hasDigest[slot] = digest === null ? 0 : 1;
    // A malformed digest still says the record exists; all zeros, it can only mismatch.
    if (digest?.length === 32) this.digests.set(digest, slot * 32);
    else this.digests.fill(0, slot * 32, slot * 32 + 32);
  }

  /** The expectation for this record, taken out (so that what is left at the end is missing). */
  take(id: string): { seq: number; digest: Uint8Array | null } | undefined {
    const slot = this.slots.get(id);
    if (slot === undefined) return undefined;
    this.slots.delete(id);
    return {
      seq: this.seqs[slot] as number,
      digest: this.hasDigest[slot] ? this.digests.subarray(slot * 32, slot * 32 + 32) : null,
    };
  }

  /** The records not taken, that the ledger says exist. */
  *remaining(): Generator<{ id: string; seq: number }> {
    for (const [id, slot] of this.slots)
      if (this.hasDigest[slot]) yield { id, seq: this.seqs[slot] as number };
  }

  private grow(): void {
    const size = this.seqs.length * 2;
    const seqs = new Float64Array(size);
    seqs.set(this.seqs);
    const digests = new Uint8Array(size * 32);
    digests.set(this.digests);
    const hasDigest = new Uint8Array(size);
    hasDigest.set(this.hasDigest);
    this.seqs = seqs;
    this.digests = digests;
    this.hasDigest = hasDigest;
  }
}

/**
 * Replays a ledger, entry by entry, and checks it against itself, its signed heads and finally the
 * records: the one set of rules behind `truce verify` on a store and on an offline bundle. Entries
 * whose content is withheld (a bundle made for a viewer who may not see them) are checked as far as
 * their leaf hashes go: they still count towards every root.
 */
export class LedgerCheck {
  readonly problems: CheckProblem[] = [];
  /** Records whose personal data was erased, with the entry that says so. */
  readonly erased: Array<{ record_id: string; seq: number }> = [];
  private frontier: Frontier = [];
  private size = 0;
  private headIndex = 0;
  private readonly headSizes: ReadonlySet<number>;
  /** Heads found missing from the chain, each reported once. */
  private readonly brokenLinks = new Set<number>();
  private readonly expected = new ExpectedRecords();
  /** Entries about the process's own fields: ledgers made before they were ledgered have none. */
  processEntries = 0;
  /** The tree size whose root `rootAtWatched` keeps (a saved head's, for `--extends`). */
  private watched = 0;
  /** The root of the first `watched` entries, once that many were added (the empty root for 0). */
  rootAtWatched: string | undefined;

  constructor(
    private readonly process: string,
    private readonly heads: readonly HeadToCheck[],
    private readonly keys: ReadonlyMap<string, string>,
    private readonly onNode?: (node: TreeNode, seq: number) => void,
  ) {
    this.headSizes = new Set(heads.map((head) => head.tree_size));
  }

  get entries(): number {
    return this.size;
  }

  /** Keeps the root the tree has at `size` (call before adding entries). */
  watchRootAt(size: number): void {
    this.watched = size;
    this.rootAtWatched = size === 0 ? this.rootHash : undefined;
  }

  /** The tree's frontier after the entries added so far, as hex (what the process row keeps). */
  get frontierHex(): string[] {
    return this.frontier.map(toHex);
  }

  get rootHash(): string {
    return toHex(rootFromFrontier(this.frontier));
  }

  private problem(problem: CheckProblem): void {
    this.problems.push(problem);
  }

  add(entry: EntryToCheck): void {
    if (entry.seq !== this.size) {
      this.problem({
        seq: this.size,
        message: `entry ${this.size} is missing (the next entry is ${entry.seq})`,
      });
    }
    if (entry.content !== undefined) this.checkContent(entry, entry.content);
    const appended = appendWithNodes(this.frontier, this.size, entry.leaf_hash as Hash);
    this.frontier = appended.frontier;
    for (const node of appended.nodes) this.onNode?.(node, this.size);
    this.size += 1;
    if (this.size === this.watched) this.rootAtWatched = this.rootHash;
    while (this.heads[this.headIndex]?.tree_size === this.size) {
      this.checkHead(this.heads[this.headIndex] as HeadToCheck);
      this.headIndex += 1;
    }
  }

  private checkContent(entry: EntryToCheck, text: string): void {
    if (toHex(leafHashOf(text)) !== toHex(entry.leaf_hash)) {
      this.problem({
        seq: entry.seq,
        message: `entry ${entry.seq}'s content does not match its leaf hash`,
      });
    }
    const content = safeParse(text);
    if (!content || content.seq !== entry.seq || content.process !== this.process) {
      this.problem({
        seq: entry.seq,
        message: `entry ${entry.seq}'s columns disagree with its signed content`,
      });
      return;
    }
    const differing = entry.columns ? columnsDiffering(content, entry.columns) : [];
    if (differing.length > 0) {
      this.problem({
        seq: entry.seq,
        message: `entry ${entry.seq}'s ${differing.join(", ")} ${differing.length > 1 ? "columns disagree" : "column disagrees"} with its signed content`,
      });
      if (differing.some((column) => IDENTITY_COLUMNS.has(column))) return;
    }
    this.checkChain(entry.seq, content);
    const erased = content.action === "erase";
    if (erased) this.erased.push({ record_id: content.id, seq: entry.seq });
    if (content.type === "process") this.processEntries += 1;
    this.expected.set(
      content.type === "process" ? PROCESS_FIELDS : content.id,
      entry.seq,
      content.action === "delete"
        ? null
        : content.record
          ? ledgeredDigest(content.record)
          : content.record_sha256 === undefined
            ? null
            : hexDigest(content.record_sha256),
    );
  }

  /**
   * Entries of format 2 name the head their transaction followed: that head must be among the
   * signed heads, so a head deleted from the middle of the list breaks the chain.
   */
  private checkChain(seq: number, content: EntryContent): void {
    const follows = content.follows;
    if (content.v < 2 || follows === undefined) return;
    if (!Number.isSafeInteger(follows) || follows < 0 || follows > seq) {
      this.problem({
        seq,
        message: `entry ${seq} follows a tree head of size ${follows}, which cannot precede it`,
      });
      return;
    }
    if (follows === 0 || this.headSizes.has(follows) || this.brokenLinks.has(follows)) return;
    this.brokenLinks.add(follows);
    this.problem({
      seq,
      message: `the signed tree head of size ${follows}, which entry ${seq}'s transaction follows, is missing`,
    });
  }

  private checkHead(head: HeadToCheck): void {
    const root = this.rootHash;
    if (root !== head.root_hash) {
      this.problem({
        seq: head.tree_size - 1,
        message: `the signed tree head of size ${head.tree_size} does not match the entries`,
      });
      return;
    }
    const key = this.keys.get(head.key_id);
    const signed = {
      process: this.process,
      tree_size: head.tree_size,
      root_hash: root,
      timestamp: head.timestamp,
    };
    if (!key || !verifyHeadSignature(key, signed, head.signature)) {
      this.problem({
        seq: head.tree_size - 1,
        message: `the tree head of size ${head.tree_size} has no valid signature`,
      });
    }
  }

  /** After the last entry: every signed head was met, and the last covers the whole ledger. */
  finishEntries(): void {
    for (const head of this.heads.slice(this.headIndex)) {
      this.problem({
        seq: head.tree_size - 1,
        message: `a signed tree head covers ${head.tree_size} entries, but the ledger has ${this.size}`,
      });
    }
    const lastHead = this.heads.at(-1);
    if (lastHead && lastHead.tree_size !== this.size) {
      this.problem({
        seq: lastHead.tree_size,
        message: `entries ${lastHead.tree_size}..${this.size - 1} are not covered by a signed tree head`,
      });
    }
  }

  /**
   * Checks the records against the ledger: each is exactly what the last entry about it says. With
   * `complete`, every record the ledger says exists must be among them (a store); a bundle holds
   * only the records its viewer may see.
   */
  async checkRecords(
    records: AsyncIterable<RecordToCheck> | Iterable<RecordToCheck>,
    complete: boolean,
  ): Promise<number> {
    let count = 0;
    for await (const record of records) {
      count += 1;
      const want = this.expected.take(record.id);
      if (!want || want.digest === null) {
        this.problem({
          record_id: record.id,
          message: `${named(record.id)} ${verb(record.id, "exists", "exist")} but the ledger has no current entry for ${verb(record.id, "it", "them")}`,
        });
        continue;
      }
      if (!Buffer.from(recordDigest(record.view), "hex").equals(want.digest)) {
        this.problem({
          seq: want.seq,
          record_id: record.id,
          message: `${named(record.id)} ${verb(record.id, "differs", "differ")} from what ledger entry ${want.seq} says ${verb(record.id, "it is", "they are")}`,
        });
      }
    }
    if (complete) {
      for (const { id, seq } of this.expected.remaining()) {
        this.problem({
          seq,
          record_id: id,
          message: `${named(id)} (ledger entry ${seq}) ${verb(id, "is", "are")} missing from the store`,
        });
      }
    }
    return count;
  }

  /** The problems in ledger order. */
  sortedProblems(): CheckProblem[] {
    return [...this.problems].sort(
      (a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER),
    );
  }
}

/** A digest the content spells in hex, as bytes; a malformed one as all zeros, which never matches. */
function hexDigest(hex: string): Uint8Array {
  return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, "hex") : new Uint8Array(32);
}

/** Keys JSON.parse puts first whatever the text's order ("0", "12"): canonical order differs. */
const INTEGER_KEY = /"(?:0|[1-9][0-9]*)":/;

/**
 * The digest of a record parsed from an entry's content, as `recordDigest` would give it, without
 * writing its canonical JSON again. The writer's text has its keys sorted, and JSON.parse keeps
 * their order, so JSON.stringify gives the canonical text back (for keys that are integers it
 * would not: those take the slow path). Sound whatever the text: a digest computed this way can
 * only equal a record's canonical digest if the two are the same value; a text whose keys are not
 * sorted can only fail to match.
 */
function ledgeredDigest(record: Record<string, unknown>): Uint8Array {
  const text = JSON.stringify(record);
  if (INTEGER_KEY.test(text)) return Buffer.from(recordDigest(record), "hex");
  return createHash("sha256").update(text, "utf8").digest();
}

/** Columns that say which record an entry is about: when they disagree, nothing else is checked. */
const IDENTITY_COLUMNS = new Set(["record_id", "action", "record_type"]);

/**
 * The store's columns of an entry that disagree with what its leaf hash covers. Visibility is in
 * the content from format 2 on; in format 1, the record's own envelope says it where it is held.
 */
function columnsDiffering(
  content: EntryContent,
  columns: NonNullable<EntryToCheck["columns"]>,
): string[] {
  const differing: string[] = [];
  if (content.id !== columns.record_id) differing.push("record_id");
  if (content.action !== columns.action) differing.push("action");
  if (content.type !== columns.record_type) differing.push("record_type");
  if (columns.at !== undefined && new Date(columns.at).getTime() !== Date.parse(content.at))
    differing.push("at");
  if (columns.principal !== undefined && columns.principal !== content.principal)
    differing.push("principal");
  const seenAs =
    content.v >= 2
      ? { visibility: content.visibility, restricted_to: content.restricted_to }
      : typeof content.record?.visibility === "string"
        ? { visibility: content.record.visibility, restricted_to: content.record?.restricted_to }
        : undefined;
  if (seenAs && columns.visibility !== undefined) {
    if (columns.visibility !== seenAs.visibility) differing.push("visibility");
    if ((columns.restricted_to ?? null) !== (seenAs.restricted_to ?? null))
      differing.push("restricted_to");
  }
  return differing;
}

function safeParse(content: string): ReturnType<typeof parseEntry> | null {
  try {
    return parseEntry(content);
  } catch {
    return null;
  }
}
