import type { Transaction } from "kysely";
import { buildEntry, type LedgerAction } from "../ledger/entry.ts";
import { fromHex, rootFromFrontier, toHex } from "../ledger/merkle.ts";
import type { Signer } from "../ledger/signer.ts";
import { appendWithNodes, type TreeNode } from "../ledger/stored-tree.ts";
import { insertEntries, insertHead, insertNodes } from "../store/ledger.repository.ts";
import { saveLedgerState } from "../store/process.repository.ts";
import type { Database } from "../store/schema.ts";

/** Who may read a ledger entry's content: the visibility of the record version it describes. */
export type SeenAs = { visibility: string; restricted_to: string | null };

/** One change, as the ledger records it: to a record of a kind, or to the process itself. */
export type LedgerChange = {
  action: LedgerAction;
  /** The record's kind, or "process" for the process's own fields. */
  type: string;
  /** Personal data: the ledger keeps only its hash. */
  isPersonal?: boolean;
  id: string;
  /** The record as the ledger commits to it (`ledgerView`), or null for a delete. */
  view: Record<string, unknown> | null;
  seenAs: SeenAs;
};

/** The ledger entries one transaction appends to one process, and the signed head that ends them. */
export type LedgerAppender = {
  /** Hashes the change into the tree at once; nothing is written before `finish`. */
  append(change: LedgerChange): void;
  /** Writes the entries, the tree's new nodes and frontier and one signed head; the new size. */
  finish(tx: Transaction<Database>, signer: Signer): Promise<number>;
};

/**
 * Starts appending to a process's ledger at the state its locked process row holds. Every entry
 * of one transaction carries the same time and principal.
 */
export function ledgerAppender(start: {
  slug: string;
  size: number;
  frontier: readonly string[];
  at: string;
  principal: string;
}): LedgerAppender {
  const { slug, at, principal } = start;
  // The head this transaction's entries follow: the one its locked process row ended at.
  const follows = start.size;
  let size = start.size;
  let frontier = start.frontier.map(fromHex);
  const nodes: TreeNode[] = [];
  const entries: Parameters<typeof insertEntries>[2][number][] = [];
  return {
    append({ action, type, isPersonal, id, view, seenAs }) {
      const entry = buildEntry({
        process: slug,
        seq: size,
        at,
        principal,
        action,
        type,
        id,
        record: view,
        isPersonal: isPersonal === true,
        visibility: seenAs.visibility,
        restricted_to: seenAs.restricted_to,
        follows,
      });
      entries.push({
        seq: size,
        at,
        principal,
        action,
        record_type: type,
        record_id: id,
        content: entry.content,
        leaf_hash: entry.leafHash,
        visibility: seenAs.visibility,
        restricted_to: seenAs.restricted_to,
      });
      const appended = appendWithNodes(frontier, size, entry.leafHash);
      frontier = appended.frontier;
      nodes.push(...appended.nodes);
      size += 1;
    },
    async finish(tx, signer) {
      if (entries.length === 0) return size;
      await insertEntries(tx, slug, entries);
      await insertNodes(tx, slug, nodes);
      await saveLedgerState(tx, slug, { size, frontier: frontier.map(toHex) });
      const head = {
        process: slug,
        tree_size: size,
        root_hash: toHex(rootFromFrontier(frontier)),
        timestamp: at,
      };
      await insertHead(tx, slug, {
        tree_size: size,
        root_hash: fromHex(head.root_hash),
        signed_at: new Date(at),
        key_id: signer.keyId,
        signature: signer.sign(head),
      });
      return size;
    },
  };
}
