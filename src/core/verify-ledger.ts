import { OPERATOR } from "../domain/access.ts";
import { toHex } from "../ledger/merkle.ts";
import {
  iterateEntries,
  listHeads,
  listNodes,
  listSigningKeys,
} from "../store/ledger.repository.ts";
import { findProcess, listProcesses, type StoredProcess } from "../store/process.repository.ts";
import { iterateRecords, type StoredRecord } from "../store/record.repository.ts";
import { LedgerCheck, PROCESS_FIELDS, type RecordToCheck } from "./ledger-check.ts";
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
    /** Records whose personal data was erased on request: not tampering. */
    erased: Array<{ record_id: string; seq: number }>;
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
    const heads = (await listHeads(db, process.id)).map((head) => ({
      tree_size: head.tree_size,
      root_hash: toHex(head.root_hash),
      timestamp: new Date(head.signed_at).toISOString(),
      key_id: head.key_id,
      signature: head.signature,
    }));
    const storedNodes = await listNodes(db, process.id);
    const problems: VerifyProblem[] = [];
    const check = new LedgerCheck(process.id, heads, keys, (node, seq) => {
      const key = `${node.level}:${node.index}`;
      const kept = storedNodes.get(key);
      if (kept && toHex(kept) !== toHex(node.hash)) {
        problems.push({
          process: process.id,
          seq,
          message: `the stored subtree hash ${key} (used for proofs) does not match the entries`,
        });
      }
      storedNodes.delete(key);
    });
    for await (const entry of iterateEntries(db, process.id)) {
      check.add({
        seq: entry.seq,
        leaf_hash: entry.leaf_hash,
        content: entry.content,
        columns: entry,
      });
    }
    check.finishEntries();
    for (const key of storedNodes.keys()) {
      problems.push({
        process: process.id,
        message: `a stored subtree hash ${key} covers entries the ledger does not have`,
      });
    }
    if (process.ledger_size !== check.entries) {
      problems.push({
        process: process.id,
        message: `the process says its ledger has ${process.ledger_size} entries; ${check.entries} were found`,
      });
    }
    // The process's own fields are checked like a record once its ledger holds them (a store
    // made before they were ledgered gets its first entry for them at the next command that writes).
    if (check.processEntries > 0 && process.name !== process.body.name) {
      problems.push({
        process: process.id,
        message: `the process's name column says "${process.name}", its fields "${String(process.body.name)}"`,
      });
    }
    const hasFields = check.processEntries > 0;
    const checked = await check.checkRecords(
      withProcessFields(
        hasFields ? process : undefined,
        ledgerViews(iterateRecords(db, process.id, OPERATOR)),
      ),
      true,
    );
    // The process's own fields were checked, but they are not one of its records.
    const records = hasFields ? checked - 1 : checked;
    problems.push(...check.problems.map((p) => ({ process: process.id, ...p })));
    problems.sort(
      (a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER),
    );
    report.problems.push(...problems);
    report.processes.push({
      process: process.id,
      entries: check.entries,
      records,
      heads: heads.length,
      root_hash: check.rootHash,
      erased: check.erased,
    });
  }
  report.ok = report.problems.length === 0;
  return report;
}

async function* withProcessFields(
  process: StoredProcess | undefined,
  records: AsyncIterable<RecordToCheck>,
): AsyncGenerator<RecordToCheck> {
  if (process) {
    yield {
      id: PROCESS_FIELDS,
      view: { ...process.body, id: process.id, type: "process", version: process.version },
    };
  }
  yield* records;
}

async function* ledgerViews(
  records: AsyncIterable<StoredRecord>,
): AsyncGenerator<{ id: string; view: Record<string, unknown> }> {
  for await (const record of records) yield { id: record.id, view: ledgerView(record) };
}
