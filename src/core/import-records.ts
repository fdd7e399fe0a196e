import { DomainError } from "../domain/errors.ts";
import { kindByType } from "../domain/kinds/index.ts";
import { orderForLoad } from "../domain/load-order.ts";
import { parseRecordInput } from "../domain/record-input.ts";
import { recordDigest } from "../ledger/entry.ts";
import { findProcess } from "../store/process.repository.ts";
import { createProcess } from "./create-process.ts";
import { ledgerView } from "./present.ts";
import { writeToProcess } from "./process-writer.ts";
import type { Principal, Services } from "./services.ts";

/** One record as it comes from a file: its kind in `type`, where it was in the file in `at`. */
export type IncomingRecord = { at: string; record: Record<string, unknown> };

export type ImportSummary = {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: Array<{ at: string; id?: string; reason: string }>;
};

export type ImportOptions = {
  principal: Principal;
  /** Records per transaction: a failure rolls back only its own batch. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** What to do with a record whose id exists and differs: update it (default) or keep it. */
  onExisting?: "update" | "keep";
};

/** The record's fields as the ledger compares them, without the version the store assigns. */
function comparable(view: Record<string, unknown>): string {
  const { version: _version, ...rest } = view;
  return recordDigest(rest);
}

/**
 * Imports records into a process. Each record is checked with its kind's schema before anything is
 * written; a bad record is rejected with its place in the file and the reason, and never stops the
 * others. A record whose id exists is updated if it differs and left alone if not, so importing the
 * same file twice changes nothing. Records are written in load order (actors before the claims that
 * cite them), in batches of one transaction each.
 */
export async function importRecords(
  services: Services,
  slug: string,
  incoming: readonly IncomingRecord[],
  options: ImportOptions,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    read: incoming.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
  };
  const checked: Array<IncomingRecord & { type: string; body: Record<string, unknown> }> = [];
  for (const item of incoming) {
    const type = item.record.type;
    const kind = typeof type === "string" ? kindByType(type) : undefined;
    const id = typeof item.record.id === "string" ? item.record.id : undefined;
    if (!kind) {
      summary.rejected.push({
        at: item.at,
        ...(id ? { id } : {}),
        reason: `type: unknown kind ${JSON.stringify(type)}`,
      });
      continue;
    }
    try {
      const { body } = parseRecordInput(kind, item.record);
      checked.push({ ...item, type: kind.type, body });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      summary.rejected.push({ at: item.at, ...(id ? { id } : {}), reason: error.message });
    }
  }
  const valid = orderForLoad(checked);

  const batchSize = options.batchSize ?? 500;
  let done = summary.read - valid.length;
  options.onProgress?.(done, summary.read);
  for (let start = 0; start < valid.length; start += batchSize) {
    const batch = valid.slice(start, start + batchSize);
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const rejected: ImportSummary["rejected"] = [];
    try {
      await writeToProcess(services, slug, options.principal, async (writer) => {
        for (const item of batch) {
          const id = typeof item.record.id === "string" ? item.record.id : undefined;
          try {
            const existing = id ? await writer.find(id) : undefined;
            if (!existing) {
              await writer.create(item.type, item.record);
              counts.created += 1;
              continue;
            }
            const kind = kindByType(item.type);
            if (!kind || existing.type !== item.type) {
              throw new DomainError(
                "conflict",
                `id "${id}" belongs to a ${existing.type}, not a ${item.type}`,
              );
            }
            const parsed = parseRecordInput(kind, item.record);
            const wanted = ledgerView({
              ...parsed,
              id: existing.id,
              type: kind.type,
              version: existing.version,
              restricted_to: parsed.restricted_to ?? null,
            });
            const isSame = comparable(wanted) === comparable(ledgerView(existing));
            if (isSame || options.onExisting === "keep") {
              counts.unchanged += 1;
              continue;
            }
            const {
              version: _v,
              created_at: _c,
              updated_at: _u,
              type: _t,
              ...fields
            } = item.record;
            await writer.update(item.type, existing.id, fields, existing.version);
            counts.updated += 1;
          } catch (error) {
            // Checks run before anything is written, so a rejected record leaves the batch intact.
            if (!(error instanceof DomainError)) throw error;
            rejected.push({ at: item.at, ...(id ? { id } : {}), reason: error.message });
          }
        }
      });
      summary.created += counts.created;
      summary.updated += counts.updated;
      summary.unchanged += counts.unchanged;
      summary.rejected.push(...rejected);
    } catch (error) {
      if (error instanceof DomainError && error.code === "not_found") throw error;
      const reason = `batch rolled back: ${error instanceof Error ? error.message : String(error)}`;
      for (const item of batch) summary.rejected.push({ at: item.at, reason });
    }
    done += batch.length;
    options.onProgress?.(done, summary.read);
  }
  return summary;
}

/**
 * Imports a bundle into the process `slug`, creating the process from the bundle's own process
 * description (under the new slug) when it does not exist yet.
 */
export async function importBundle(
  services: Services,
  slug: string,
  bundle: { process: Record<string, unknown> | undefined; records: readonly IncomingRecord[] },
  options: ImportOptions,
): Promise<ImportSummary> {
  if (!(await findProcess(services.store.db, slug))) {
    if (!bundle.process) {
      throw new DomainError(
        "not_found",
        `No process "${slug}": import a JSON bundle that includes its process, or create the process first`,
      );
    }
    await createProcess(services, { ...bundle.process, slug });
  }
  return importRecords(services, slug, bundle.records, options);
}
