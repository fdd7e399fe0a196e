import type { StoredRecord } from "../store/record.repository.ts";

/** A record as the ledger commits to it: envelope and fields, without timestamps. */
export function ledgerView(record: {
  id: string;
  type: string;
  version: number;
  visibility: string;
  restricted_to: string | null | undefined;
  body: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    ...record.body,
    id: record.id,
    type: record.type,
    version: record.version,
    visibility: record.visibility,
    ...(record.restricted_to ? { restricted_to: record.restricted_to } : {}),
  };
}

/** A record as the API and exports show it: the ledger view plus when it was made and changed. */
export function presentRecord(record: StoredRecord): Record<string, unknown> {
  return {
    ...ledgerView(record),
    created_at: new Date(record.created_at).toISOString(),
    updated_at: new Date(record.updated_at).toISOString(),
  };
}
