import { OPERATOR } from "../domain/access.ts";
import { leafHashOf, parseEntry, recordDigest } from "../ledger/entry.ts";
import { type Frontier, rootFromFrontier, toHex } from "../ledger/merkle.ts";
import { verifyHeadSignature } from "../ledger/signer.ts";
import { appendWithNodes } from "../ledger/stored-tree.ts";
import {
  iterateEntries,
  listHeads,
  listNodes,
  listSigningKeys,
} from "../store/ledger.repository.ts";
import { findProcess, listProcesses } from "../store/process.repository.ts";
import { iterateRecords } from "../store/record.repository.ts";
import { ledgerView } from "./present.ts";
import type { Services } from "./services.ts";

export type VerifyProblem = {
  process: string;
  /** The ledger entry at fault, when one is. */
  seq?: number;
  /** The record at fault, when one is. */
  record_id?: string;
  message: string;
};

export type VerifyReport = {
  ok: boolean;
  processes: Array<{
    process: string;
    entries: number;
    records: number;
    heads: number;
    root_hash: string;
  }>;
  problems: VerifyProblem[];
};

/**
 * Checks each process's ledger against itself and the records against the ledger:
 * every entry's leaf hash matches its content; the entries are numbered without gaps; every signed
 * tree head matches the tree of its size and carries a valid signature; and every current record is
 * exactly what the ledger's last entry for it says, with no record missing or extra. Anything
 * changed behind Truce's back (by SQL, in the records or in the ledger) shows up as a problem.
 */
export async function verifyLedger(services: Services, slug?: string): Promise<VerifyReport> {
  const db = services.store.db;
  const processes = slug
    ? [await findProcess(db, slug)].filter((p) => p !== undefined)
    : await listProcesses(db);
  const keys = new Map((await listSigningKeys(db)).map((key) => [key.key_id, key.public_key]));
  const report: VerifyReport = { ok: true, processes: [], problems: [] };
  if (slug && processes.length === 0) {
    report.ok = false;
    report.problems.push({ process: slug, message: `No process "${slug}"` });
    return report;
  }
  for (const process of processes) {
    const problems: VerifyProblem[] = [];
    const problem = (p: Omit<VerifyProblem, "process">) =>
      problems.push({ process: process.id, ...p });
    const heads = await listHeads(db, process.id);
    const storedNodes = await listNodes(db, process.id);
    let headIndex = 0;
    let frontier: Frontier = [];
    let size = 0;
    let nextSeq = 0;
    // What the ledger says each record should be now: its digest, or null once deleted.
    const expected = new Map<string, { seq: number; digest: string | null }>();

    for await (const entry of iterateEntries(db, process.id)) {
      if (entry.seq !== nextSeq) {
        problem({
          seq: nextSeq,
          message: `entry ${nextSeq} is missing (the next entry is ${entry.seq})`,
        });
      }
      nextSeq = entry.seq + 1;
      if (toHex(leafHashOf(entry.content)) !== toHex(entry.leaf_hash)) {
        problem({
          seq: entry.seq,
          message: `entry ${entry.seq}'s content does not match its leaf hash`,
        });
      }
      const content = safeParse(entry.content);
      if (
        !content ||
        content.seq !== entry.seq ||
        content.process !== process.id ||
        content.id !== entry.record_id ||
        content.action !== entry.action ||
        content.type !== entry.record_type
      ) {
        problem({
          seq: entry.seq,
          message: `entry ${entry.seq}'s columns disagree with its signed content`,
        });
      } else if (content.action === "delete") {
        expected.set(content.id, { seq: entry.seq, digest: null });
      } else if (content.record) {
        expected.set(content.id, {
          seq: entry.seq,
          digest: recordDigest(content.record),
        });
      } else {
        expected.set(content.id, {
          seq: entry.seq,
          digest: content.record_sha256 ?? null,
        });
      }
      const appended = appendWithNodes(frontier, size, entry.leaf_hash);
      frontier = appended.frontier;
      for (const node of appended.nodes) {
        const key = `${node.level}:${node.index}`;
        const kept = storedNodes.get(key);
        if (kept && toHex(kept) !== toHex(node.hash)) {
          problem({
            seq: size,
            message: `the stored subtree hash ${key} (used for proofs) does not match the entries`,
          });
        }
        storedNodes.delete(key);
      }
      size += 1;
      while (headIndex < heads.length && heads[headIndex]?.tree_size === size) {
        checkHead(process.id, heads[headIndex], frontier, keys, problem);
        headIndex += 1;
      }
    }
    for (const key of storedNodes.keys()) {
      problem({ message: `a stored subtree hash ${key} covers entries the ledger does not have` });
    }
    for (const head of heads.slice(headIndex)) {
      problem({
        seq: head.tree_size - 1,
        message: `a signed tree head covers ${head.tree_size} entries, but the ledger has ${size}`,
      });
    }
    if (process.ledger_size !== size) {
      problem({
        message: `the process says its ledger has ${process.ledger_size} entries; ${size} were found`,
      });
    }
    const lastHead = heads.at(-1);
    if (lastHead && lastHead.tree_size !== size) {
      problem({
        seq: lastHead.tree_size,
        message: `entries ${lastHead.tree_size}..${size - 1} are not covered by a signed tree head`,
      });
    }

    let records = 0;
    for await (const record of iterateRecords(db, process.id, OPERATOR)) {
      records += 1;
      const want = expected.get(record.id);
      if (!want || want.digest === null) {
        problem({
          record_id: record.id,
          message: `record "${record.id}" exists but the ledger has no current entry for it`,
        });
        continue;
      }
      expected.delete(record.id);
      const digest = recordDigest(ledgerView(record));
      if (digest !== want.digest) {
        problem({
          seq: want.seq,
          record_id: record.id,
          message: `record "${record.id}" differs from what ledger entry ${want.seq} says it is`,
        });
      }
    }
    for (const [id, want] of expected) {
      if (want.digest !== null) {
        problem({
          seq: want.seq,
          record_id: id,
          message: `record "${id}" (ledger entry ${want.seq}) is missing from the store`,
        });
      }
    }
    problems.sort(
      (a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER),
    );
    report.problems.push(...problems);
    report.processes.push({
      process: process.id,
      entries: size,
      records,
      heads: heads.length,
      root_hash: toHex(rootFromFrontier(frontier)),
    });
  }
  report.ok = report.problems.length === 0;
  return report;
}

function checkHead(
  slug: string,
  head:
    | {
        tree_size: number;
        root_hash: Uint8Array;
        signed_at: Date;
        key_id: string;
        signature: Uint8Array;
      }
    | undefined,
  frontier: Frontier,
  keys: Map<string, string>,
  problem: (p: Omit<VerifyProblem, "process">) => void,
): void {
  if (!head) return;
  const root = toHex(rootFromFrontier(frontier));
  if (root !== toHex(head.root_hash)) {
    problem({
      seq: head.tree_size - 1,
      message: `the signed tree head of size ${head.tree_size} does not match the entries`,
    });
    return;
  }
  const key = keys.get(head.key_id);
  const signed = {
    process: slug,
    tree_size: head.tree_size,
    root_hash: root,
    timestamp: new Date(head.signed_at).toISOString(),
  };
  if (!key || !verifyHeadSignature(key, signed, head.signature)) {
    problem({
      seq: head.tree_size - 1,
      message: `the tree head of size ${head.tree_size} has no valid signature`,
    });
  }
}

function safeParse(content: string): ReturnType<typeof parseEntry> | null {
  try {
    return parseEntry(content);
  } catch {
    return null;
  }
}
