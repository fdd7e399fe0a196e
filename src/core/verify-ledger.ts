import type { Kysely, Transaction } from "kysely";
import { toHex } from "../ledger/merkle.ts";
import {
  iterateEntries,
  listHeads,
  listNodes,
  listSigningKeys,
} from "../store/ledger.repository.ts";
import { findProcess, listProcesses, type StoredProcess } from "../store/process.repository.ts";
import type { Database } from "../store/schema.ts";
import {
  pagesOfStoredRows,
  type RollupDifference,
  rollupDifferences,
  roomToRecompute,
  type StoredRow,
  searchColumnsDiffering,
  storedFrontier,
} from "../store/verify.repository.ts";
import { checkDerivedColumns } from "./derived-check.ts";
import { LedgerCheck, PROCESS_FIELDS, type RecordToCheck } from "./ledger-check.ts";
import { ledgerView } from "./present.ts";
import { type Extension, extensionOf, type SavedHead } from "./saved-head.ts";
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
  /** With a saved head: whether the ledger extends it (no rollback, no fork). */
  extends?: Extension;
  problems: VerifyProblem[];
};

/**
 * Checks each process's ledger against itself and the records against the ledger:
 * every entry's leaf hash matches its content; the entries are numbered without gaps; every signed
 * tree head matches the tree of its size and carries a valid signature; and every current record is
 * exactly what the ledger's last entry for it says, with no record missing or extra. Anything
 * changed behind Truce's back (by SQL, in the records or in the ledger) shows up as a problem.
 */
export async function verifyLedger(
  services: Services,
  slug?: string,
  options: { extends?: SavedHead } = {},
): Promise<VerifyReport> {
  // One snapshot for the whole check: a write committing meanwhile (an import's batch, with its
  // rollups' upkeep in its own transaction) is seen whole or not at all, never as tampering.
  return services.store.db
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (tx) => {
      await roomToRecompute(tx);
      return verifyIn(tx, slug ?? options.extends?.process, options.extends);
    });
}

async function verifyIn(
  db: Transaction<Database> | Kysely<Database>,
  slug: string | undefined,
  saved: SavedHead | undefined,
) {
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
    if (saved) check.watchRootAt(saved.tree_size);
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
    if (check.frontierHex.join() !== (await storedFrontier(db, process.id)).join()) {
      problems.push({
        process: process.id,
        message: `the process's ledger frontier (the tree's edge that the next entry is added to) does not match its ledger's entries`,
      });
    }
    const hasFields = check.processEntries > 0;
    const checked = await check.checkRecords(
      withProcessFields(
        hasFields ? process : undefined,
        checkedRows(db, process.id, (problem) =>
          problems.push({ process: process.id, ...problem }),
        ),
      ),
      true,
    );
    // Rollups are kept in the write's own transaction (decisions 0011 and 0017), so in this
    // snapshot nothing is pending: any difference was made behind the writer's back.
    for (const difference of await rollupDifferences(db, process.id)) {
      problems.push({ process: process.id, message: describeDifference(difference) });
    }
    // The process's own fields were checked, but they are not one of its records.
    const records = hasFields ? checked - 1 : checked;
    problems.push(...check.problems.map((p) => ({ process: process.id, ...p })));
    problems.sort(
      (a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER),
    );
    if (saved) {
      const { extension, problems: found } = extensionOf(
        saved,
        { process: process.id, size: check.entries, rootAtSaved: check.rootAtWatched },
        keys,
      );
      report.extends = extension;
      // First: a rollback or a fork is what the caller asked about.
      problems.unshift(...found.map((p) => ({ process: process.id, ...p })));
    }
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

/** The overview's and the map's names for the tables verify recomputes. */
const TABLE_NAMES: Record<string, string> = {
  tile_rollup: "the map's tile rollup",
  tile_rollup_level: "the map's tile rollup by level",
  incident_rollup: "the overview's incident rollup",
  incident_actor_rollup: "the overview's actor rollup",
  claim_figure_rollup: "the overview's figure rollup",
};

function describeDifference(difference: RollupDifference): string {
  const { table, rows, example } = difference;
  const key = Object.entries(example.key)
    .map(
      ([name, value]) =>
        `${name} ${value instanceof Date ? value.toISOString().slice(0, 10) : String(value)}`,
    )
    .join(", ");
  return `${TABLE_NAMES[table] ?? table} (${table}) differs from the records it sums in ${rows} row${rows === 1 ? "" : "s"}, first at ${key}: stored count ${example.stored ?? "none"}, recomputed ${example.recomputed ?? "none"}`;
}

const shown = (value: unknown) =>
  value instanceof Date ? value.toISOString() : JSON.stringify(value ?? null);

/**
 * The stored records as the ledger commits to them, in one pass over the table; on the way, each
 * record's derived columns and claimed figures are recomputed from its fields and compared.
 */
async function* checkedRows(
  db: Transaction<Database> | Kysely<Database>,
  processId: string,
  report: (problem: Omit<VerifyProblem, "process">) => void,
): AsyncGenerator<RecordToCheck> {
  for await (const page of pagesOfStoredRows(db, processId)) {
    const texts: Array<{ id: string; text: string }> = [];
    for (const row of page) {
      const finding = checkDerivedColumns(row);
      if (!finding) {
        report({
          record_id: row.id,
          message: `record "${row.id}" is of kind "${row.type}", which no kind definition names`,
        });
      } else {
        if (finding.searchText !== null) texts.push({ id: row.id, text: finding.searchText });
        for (const { column, stored, derived } of finding.differing) {
          report({ record_id: row.id, message: derivedMessage(row, column, stored, derived) });
        }
      }
      yield { id: row.id, view: ledgerView(row) };
    }
    for (const id of await searchColumnsDiffering(db, processId, texts)) {
      report({
        record_id: id,
        message: `record "${id}"'s search column does not index its fields`,
      });
    }
  }
}

function derivedMessage(row: StoredRow, column: string, stored: unknown, derived: unknown): string {
  if (column === "type") {
    return `record "${row.id}"'s fields are not those of its type column, "${row.type}"`;
  }
  if (column === "figures") {
    return `record "${row.id}"'s claimed figures (claim_figure) differ from the figures its fields claim`;
  }
  return `record "${row.id}"'s ${column} column says ${shown(stored)}, its fields ${shown(derived)}`;
}
