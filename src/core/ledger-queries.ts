import { canSee, mayReadEntry, OPERATOR, type Viewer } from "../domain/access.ts";
import { DomainError } from "../domain/errors.ts";
import { parseEntry } from "../ledger/entry.ts";
import { consistencyProof, inclusionProof, type SubtreeHasher, toHex } from "../ledger/merkle.ts";
import { hasherFrom, planSubtrees, rangesAskedBy, SubtreeCache } from "../ledger/stored-tree.ts";
import { TreeMirror } from "../ledger/tree-mirror.ts";
import {
  entriesForRecord,
  findNodesAndLeaves,
  lastSeenAs,
  latestHead,
  leafHashesBetween,
  leafHashesIn,
  listEntries,
  listSigningKeys,
  type StoredEntry,
  type StoredHead,
} from "../store/ledger.repository.ts";
import { findRecord, findRecords } from "../store/record.repository.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

export type SignedTreeHead = {
  process: string;
  tree_size: number;
  root_hash: string;
  timestamp: string;
  key_id: string;
  signature: string;
};

function presentHead(slug: string, head: StoredHead): SignedTreeHead {
  return {
    process: slug,
    tree_size: head.tree_size,
    root_hash: toHex(head.root_hash),
    timestamp: new Date(head.signed_at).toISOString(),
    key_id: head.key_id,
    signature: Buffer.from(head.signature).toString("base64"),
  };
}

function redacted(entry: StoredEntry): Record<string, unknown> {
  return { seq: entry.seq, leaf_hash: toHex(entry.leaf_hash), redacted: true };
}

/**
 * An entry as this viewer may see it. An entry about a record version the viewer may not see keeps
 * its place and leaf hash, so proofs still check, and shows nothing else: not its kind, its time
 * or who wrote it.
 */
function presentEntry(
  entry: StoredEntry,
  viewer: Viewer,
  current: SeenAs | undefined,
): Record<string, unknown> {
  if (!mayReadEntry(viewer, entry, current)) return redacted(entry);
  return {
    seq: entry.seq,
    at: new Date(entry.at).toISOString(),
    principal: entry.principal,
    action: entry.action,
    record_type: entry.record_type,
    record_id: entry.record_id,
    leaf_hash: toHex(entry.leaf_hash),
    content: parseEntry(entry.content),
  };
}

/** The latest signed tree head of a process's ledger, or a head of size 0 before the first write. */
export async function getLedgerHead(
  services: Services,
  slug: string,
): Promise<SignedTreeHead | { process: string; tree_size: 0 }> {
  await requireProcess(services, slug);
  const head = await latestHead(services.store.db, slug);
  return head ? presentHead(slug, head) : { process: slug, tree_size: 0 };
}

/** A page of ledger entries, each as far as the viewer may see it. */
export async function listLedgerEntries(
  services: Services,
  slug: string,
  from: number,
  limit: number,
  viewer: Viewer,
): Promise<{ entries: Record<string, unknown>[]; next: number | null }> {
  await requireProcess(services, slug);
  const entries = await listEntries(services.store.db, slug, from, limit + 1);
  const page = entries.slice(0, limit);
  const last = page.at(-1);
  const current = await currentRecordsOf(services.store.db, slug, page);
  return {
    entries: page.map((entry) => presentEntry(entry, viewer, current.get(entry.record_id))),
    next: entries.length > limit && last ? last.seq + 1 : null,
  };
}

/** Who may see a record as it is now (or, deleted, as it last was). */
type SeenAs = { visibility: string; restricted_to: string | null };

/**
 * The records a page of entries is about, as they are now (whoever may see them): an entry is
 * shown only if the viewer may see both the version it describes and the record as it is now,
 * so restricting a record hides its past too. A deleted record is as its last version was: deleting
 * a restricted record never brings its earlier, public versions back.
 */
export async function currentRecordsOf(
  db: Services["store"]["db"],
  slug: string,
  entries: readonly StoredEntry[],
): Promise<Map<string, SeenAs>> {
  const ids = [...new Set(entries.map((e) => e.record_id))];
  const records = await findRecords(db, slug, ids, OPERATOR);
  const current = new Map<string, SeenAs>(records.map((record) => [record.id, record]));
  const gone = ids.filter((id) => !current.has(id));
  for (const [id, seenAs] of await lastSeenAs(db, slug, gone)) current.set(id, seenAs);
  return current;
}

/** Every ledger entry about one record, oldest first: its whole history. */
export async function getRecordHistory(
  services: Services,
  slug: string,
  id: string,
  viewer: Viewer,
): Promise<Record<string, unknown>[]> {
  await requireProcess(services, slug);
  // A record the viewer may not see now has no history for them, even if it was public once;
  // a deleted record is as its last version was (the delete's entry says who could see that).
  const all = await entriesForRecord(services.store.db, slug, id);
  const stored = await findRecord(services.store.db, slug, id, OPERATOR);
  const now: SeenAs | undefined = stored ?? all.at(-1);
  const entries = all.filter((entry) => canSee(viewer, entry));
  if (entries.length === 0 || (now !== undefined && !canSee(viewer, now))) {
    throw new DomainError("not_found", `No record "${id}" in ${slug}`);
  }
  return entries.map((entry) => presentEntry(entry, viewer, now));
}

/**
 * The tree size a proof is for: as asked, or the latest. A size this server already knows to exist
 * needs no query (proofs should cost a few reads, not a scan); a larger one is checked against the
 * latest signed head, since another server may have written it.
 */
async function treeSizeOrLatest(
  services: Services,
  slug: string,
  size: number | undefined,
): Promise<number> {
  const known = services.versions.get(slug);
  if (known !== undefined && size !== undefined && size <= known) return size;
  await requireProcess(services, slug);
  const head = await latestHead(services.store.db, slug);
  const latest = head?.tree_size ?? 0;
  if (size === undefined) return latest;
  if (size > latest) {
    throw new DomainError("bad_request", `The ledger has ${latest} entries, not ${size}`, {
      issues: [{ path: "tree_size", message: `at most ${latest}`, value: size }],
    });
  }
  return size;
}

/**
 * Subtree hashes already read, per store and process. A store's Kysely instance is the key, so
 * each store (and each test's fresh store) has its own and drops it with the store.
 */
const subtreeCaches = new WeakMap<object, Map<string, SubtreeCache>>();

function subtreeCacheOf(services: Services, slug: string): SubtreeCache {
  let byProcess = subtreeCaches.get(services.store.db);
  if (!byProcess) {
    byProcess = new Map();
    subtreeCaches.set(services.store.db, byProcess);
  }
  let cache = byProcess.get(slug);
  if (!cache) {
    cache = new SubtreeCache();
    byProcess.set(slug, cache);
  }
  return cache;
}

/**
 * A subtree hasher holding just what these ranges need: hashes from the cache, then stored nodes
 * and at most a few dozen leaf hashes read in one statement (src/ledger/stored-tree.ts). Only a
 * ledger written before nodes were kept needs a second read, of the leaves under missing nodes.
 */
async function storedHasher(
  services: Services,
  slug: string,
  ranges: ReadonlyArray<readonly [number, number]>,
): Promise<SubtreeHasher> {
  const cache = subtreeCacheOf(services, slug);
  const known = new Map<string, Uint8Array>();
  const plan = planSubtrees(ranges, (start, end) => {
    const hash = cache.get(start, end);
    if (hash) known.set(`${start}:${end}`, hash);
    return hash !== undefined;
  });
  const { nodes, leaves } = await findNodesAndLeaves(
    services.store.db,
    slug,
    plan.nodes,
    mergeRanges(plan.leafRanges),
  );
  const missing = plan.nodes.filter((node) => !nodes.has(`${node.level}:${node.index}`));
  if (missing.length > 0) {
    const more = await leafHashesIn(
      services.store.db,
      slug,
      missing.map((node): [number, number] => [
        node.index * 2 ** node.level,
        (node.index + 1) * 2 ** node.level,
      ]),
    );
    for (const [seq, hash] of more) leaves.set(seq, hash);
  }
  return hasherFrom(nodes, leaves, cache, known);
}

/**
 * Each store's ledger trees held in memory (src/ledger/tree-mirror.ts), per process, within a
 * budget (`Services.proofMemoryBytes`): beyond it proofs read the store as before. Extensions of
 * one mirror run one at a time.
 */
const MIRROR_BUDGET_BYTES = 256 * 2 ** 20;
const MIRROR_BYTES_PER_ENTRY = 36;
const MIRROR_PAGE = 50_000;
type Mirrors = {
  bytes: number;
  byProcess: Map<string, { mirror: TreeMirror; queue: Promise<unknown> }>;
};
const mirrors = new WeakMap<object, Mirrors>();

/**
 * A hasher over the first `size` entries from memory, reading only the entries committed since
 * the last proof; null when the budget is spent or the stored ledger has a gap (then the plain
 * path answers, and fails, as it always did).
 */
async function mirroredHasher(
  services: Services,
  slug: string,
  size: number,
): Promise<SubtreeHasher | null> {
  const db = services.store.db;
  let store = mirrors.get(db);
  if (!store) {
    store = { bytes: 0, byProcess: new Map() };
    mirrors.set(db, store);
  }
  let held = store.byProcess.get(slug);
  if (!held) {
    held = { mirror: new TreeMirror(), queue: Promise.resolve() };
    store.byProcess.set(slug, held);
  }
  const { mirror } = held;
  const budget = store;
  const extend = async (): Promise<boolean> => {
    const missing = size - mirror.size;
    if (missing <= 0) return true;
    const limit = services.proofMemoryBytes ?? MIRROR_BUDGET_BYTES;
    if (budget.bytes + missing * MIRROR_BYTES_PER_ENTRY > limit) return false;
    budget.bytes += missing * MIRROR_BYTES_PER_ENTRY;
    while (mirror.size < size) {
      const from = mirror.size;
      const rows = await leafHashesBetween(db, slug, from, Math.min(size, from + MIRROR_PAGE));
      for (const row of rows) {
        if (row.seq !== mirror.size) return false;
        mirror.append(row.leaf_hash);
      }
      if (mirror.size === from) return false;
    }
    return true;
  };
  const extended = held.queue.then(extend);
  held.queue = extended.catch(() => false);
  return (await extended) ? mirror.hasher() : null;
}

/** Ranges sorted and joined where they touch or overlap: fewer conditions for the planner. */
function mergeRanges(ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const merged: Array<[number, number]> = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** RFC 9162 inclusion proof of entry `index` in the tree of `treeSize` entries (default: latest). */
export async function getInclusionProof(
  services: Services,
  slug: string,
  index: number,
  treeSize?: number,
): Promise<Record<string, unknown>> {
  const size = await treeSizeOrLatest(services, slug, treeSize);
  if (index >= size) {
    throw new DomainError("bad_request", `Entry ${index} is not in a tree of ${size} entries`, {
      issues: [{ path: "index", message: `less than ${size}`, value: index }],
    });
  }
  const hasher =
    (await mirroredHasher(services, slug, size)) ??
    (await storedHasher(services, slug, [
      ...rangesAskedBy((h) => inclusionProof(size, index, h)),
      [index, index + 1],
      [0, size],
    ]));
  return {
    tree_size: size,
    leaf_index: index,
    leaf_hash: toHex(hasher(index, index + 1)),
    root_hash: toHex(hasher(0, size)),
    audit_path: inclusionProof(size, index, hasher).map(toHex),
  };
}

/** RFC 9162 consistency proof that the tree of `second` entries extends the tree of `first`. */
export async function getConsistencyProof(
  services: Services,
  slug: string,
  first: number,
  second?: number,
): Promise<Record<string, unknown>> {
  const size = await treeSizeOrLatest(services, slug, second);
  if (first < 1 || first > size) {
    throw new DomainError("bad_request", `first must be between 1 and ${size}`, {
      issues: [{ path: "first", message: `between 1 and ${size}`, value: first }],
    });
  }
  const hasher =
    (await mirroredHasher(services, slug, size)) ??
    (await storedHasher(services, slug, [
      ...rangesAskedBy((h) => consistencyProof(first, size, h)),
      [0, first],
      [0, size],
    ]));
  return {
    first,
    second: size,
    first_root_hash: toHex(hasher(0, first)),
    second_root_hash: toHex(hasher(0, size)),
    consistency_path: consistencyProof(first, size, hasher).map(toHex),
  };
}

/** The server's public keys, to check signed tree heads with. */
export async function getSigningKeys(services: Services): Promise<Array<Record<string, unknown>>> {
  const keys = await listSigningKeys(services.store.db);
  return keys.map((key) => ({
    key_id: key.key_id,
    algorithm: "Ed25519",
    public_key: key.public_key,
    created_at: new Date(key.created_at).toISOString(),
  }));
}
