import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";
import { type Hash, hashLeaf } from "./merkle.ts";

export type LedgerAction = "create" | "update" | "delete" | "erase";

/** What one ledger leaf commits to. Exactly one of record / record_sha256 is present, except on delete. */
export type EntryContent = {
  v: 1;
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
};

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The hash the ledger keeps of a record: SHA-256 of its canonical JSON. */
export function recordDigest(record: Record<string, unknown>): string {
  return sha256Hex(canonicalJson(record));
}

/**
 * Builds a leaf: its canonical JSON text (stored as is, byte for byte) and its RFC 9162 leaf hash.
 * A personal record enters the ledger only as its hash.
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
}): { content: string; leafHash: Hash } {
  const content: EntryContent = {
    v: 1,
    process: entry.process,
    seq: entry.seq,
    at: entry.at,
    principal: entry.principal,
    action: entry.action,
    type: entry.type,
    id: entry.id,
  };
  if (entry.record !== null) {
    if (entry.isPersonal) content.record_sha256 = recordDigest(entry.record);
    else content.record = entry.record;
  }
  const text = canonicalJson(content);
  return { content: text, leafHash: leafHashOf(text) };
}

export function leafHashOf(content: string): Hash {
  return hashLeaf(new TextEncoder().encode(content));
}

export function parseEntry(content: string): EntryContent {
  return JSON.parse(content) as EntryContent;
}
