import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";
import type { Hash } from "./merkle.ts";

export type LedgerAction = "create" | "update" | "delete" | "erase";

/**
 * The entry format in use. Version 1 held no visibility and no link to the previous head; version 2
 * (decision 0034) adds both. Entries keep the version they were written in, byte for byte, so older
 * ledgers, saved heads and bundles verify as they did.
 */
export const ENTRY_VERSION = 2;

/** What one ledger leaf commits to. Exactly one of record / record_sha256 is present, except on delete. */
export type EntryContent = {
  v: 1 | 2;
  process: string;
  seq: number;
  at: string;
  principal: string;
  action: LedgerAction;
  type: string;
  id: string;
  record?: Record<string, unknown>;
  /** For personal data: the record's hash only, so the data can later be erased. */
  record_sha256?: string;
  /** Version 2: who may read the entry (the visibility of the record version it describes). */
  visibility?: string;
  /** Version 2, with `visibility` "restricted": the party it is restricted to. */
  restricted_to?: string;
  /**
   * Version 2: the size of the signed tree head the entry's transaction appended to (0 for the
   * first), so the heads form a chain that a deleted head breaks.
   */
  follows?: number;
};

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The hash the ledger keeps of a record: SHA-256 of its canonical JSON. */
export function recordDigest(record: Record<string, unknown>): string {
  return sha256Hex(canonicalJson(record));
}

/**
 * Builds a leaf in the current format: its canonical JSON text (stored as is, byte for byte) and
 * its RFC 9162 leaf hash. A personal record enters the ledger only as its hash.
 */
export function buildEntry(entry: {
  process: string;
  seq: number;
  at: string;
  principal: string;
  action: LedgerAction;
  type: string;
  id: string;
  record: Record<string, unknown> | null;
  isPersonal: boolean;
  visibility: string;
  restricted_to: string | null;
  follows: number;
}): { content: string; leafHash: Hash } {
  const content: EntryContent = {
    v: ENTRY_VERSION,
    process: entry.process,
    seq: entry.seq,
    at: entry.at,
    principal: entry.principal,
    action: entry.action,
    type: entry.type,
    id: entry.id,
    visibility: entry.visibility,
    ...(entry.restricted_to ? { restricted_to: entry.restricted_to } : {}),
    follows: entry.follows,
  };
  if (entry.record !== null) {
    if (entry.isPersonal) content.record_sha256 = recordDigest(entry.record);
    else content.record = entry.record;
  }
  const text = canonicalJson(content);
  return { content: text, leafHash: leafHashOf(text) };
}

/** RFC 9162's leaf hash of an entry's text, SHA-256(0x00 || UTF-8 bytes), hashed without a copy. */
export function leafHashOf(content: string): Hash {
  // A plain Uint8Array, as merkle.ts gives its hashes (deep equality, no alias of Node's pool).
  return new Uint8Array(createHash("sha256").update(LEAF_PREFIX).update(content, "utf8").digest());
}

const LEAF_PREFIX = Uint8Array.of(0x00);

export function parseEntry(content: string): EntryContent {
  return JSON.parse(content) as EntryContent;
}
