import { DomainError } from "../domain/errors.ts";
import type { KindDefinition } from "../domain/kind.ts";
import { kindByType } from "../domain/kinds/index.ts";
import { orderForLoad } from "../domain/load-order.ts";
import { parseRecordInput, type RecordInput } from "../domain/record-input.ts";
import { aOrAn } from "../domain/words.ts";
import { recordDigest } from "../ledger/entry.ts";
import { analyzeImportedTables } from "../store/maintenance.ts";
import { findProcess } from "../store/process.repository.ts";
import type { StoredRecord } from "../store/record.repository.ts";
import { createProcess } from "./create-process.ts";
import { ledgerView } from "./present.ts";
import { type ProcessWriter, writeToProcess } from "./process-writer.ts";
import type { Principal, Services } from "./services.ts";

/** One record as it comes from a file: its kind in `type`, where it was in the file in `at`. */
export type IncomingRecord = { at: string; record: Record<string, unknown> };

export type ImportSummary = {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: Array<{ at: string; id?: string; reason: string }>;
  /**
   * Dataset rows imported whose country is not among the process's countries, by ISO alpha-2
   * code: only when the process lists its countries. They are imported all the same.
   */
  outside_countries?: Record<string, number>;
  /**
   * Dataset rows imported that name a country no ISO code was found for (Kosovo, a number or name
   * the tables lack), by the file's text for it: they are imported without a country.
   */
  unknown_countries?: Record<string, number>;
  /** Dataset rows' places named after one of the process's place records (their `place_id`). */
  places_matched?: number;
};

export type ImportOptions = {
  principal: Principal;
  /** Records per transaction: a failure rolls back only its own batch. */
  batchSize?: number;
  /** Called after each batch with the records read so far (and the total, when known). */
  onProgress?: (done: number, total: number | undefined) => void;
  /** Records in the whole input, when the caller knows it (for progress). */
  total?: number;
  /** What to do with a record whose id exists and differs: update it (default) or keep it. */
  onExisting?: "update" | "keep";
  /** Records written before the store's statistics are first refreshed (10^4 by default). */
  analyzeFrom?: number;
  /**
   * What a re-imported record keeps of the stored one it replaces (a dataset's actors that its
   * names no longer resolve to without the mapping an earlier import had); the record as given
   * when nothing is kept.
   */
  keepFromStored?: (
    incoming: Record<string, unknown>,
    stored: Record<string, unknown>,
  ) => Record<string, unknown>;
};

type Checked = IncomingRecord & {
  type: string;
  kind: KindDefinition;
  parsed: RecordInput;
  body: Record<string, unknown>;
};

/** A record's fields as the ledger compares them, without the version the store assigns. */
function comparable(view: Record<string, unknown>): string {
  const { version: _version, ...rest } = view;
  return recordDigest(rest);
}

function rejection(item: IncomingRecord, reason: string): ImportSummary["rejected"][number] {
  const id = typeof item.record.id === "string" ? item.record.id : undefined;
  return { at: item.at, ...(id ? { id } : {}), reason };
}

/**
 * Imports records into a process from a stream of any length, in batches of one transaction each.
 * Every record is checked with its kind's schema and its references before anything is written; a
 * bad record is rejected with its place in the file and the reason and never stops the others. A
 * record whose id exists is updated if it differs and left alone if not, so importing the same
 * file twice changes nothing, and an interrupted import run again completes it.
 */
export async function importRecords(
  services: Services,
  slug: string,
  incoming: Iterable<IncomingRecord> | AsyncIterable<IncomingRecord>,
  options: ImportOptions,
): Promise<ImportSummary> {
  const summary: ImportSummary = { read: 0, created: 0, updated: 0, unchanged: 0, rejected: [] };
  const batchSize = options.batchSize ?? 1000;
  let batch: IncomingRecord[] = [];
  let written = 0;
  // One batch is written while the next is read and checked: reading, mapping and validating are
  // CPU work that would otherwise wait for the store, and the store for them (a pipeline of two).
  let writing: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  // Statistics are refreshed at 10^4 records written, then each time the count quadruples: a few
  // ANALYZEs in all, so lookups stay planned for the tables' real size as they grow.
  let analyzeAt = options.analyzeFrom ?? 10_000;
  const flush = async () => {
    if (batch.length === 0) return;
    const checked = checkBatch(batch);
    const size = batch.length;
    batch = [];
    await writing;
    if (failure) throw failure.error;
    // A failure, of the write or of the upkeep after it, is kept for the next flush to throw.
    writing = writeBatch(services, slug, checked, options, summary)
      .then(async () => {
        written += size;
        if (written >= analyzeAt) {
          await analyzeImportedTables(services.store.db, services.store.kind === "pglite");
          analyzeAt = written * 4;
        }
        options.onProgress?.(written, options.total);
      })
      .catch((error: unknown) => {
        failure = { error };
      });
  };
  try {
    for await (const item of incoming) {
      summary.read += 1;
      batch.push(item);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } finally {
    // Also when reading fails: the batch being written ends before the import answers.
    await writing;
  }
  if (failure) throw failure.error;
  return summary;
}

/** A batch read and checked, ready to write: the records in load order, and those refused. */
type CheckedBatch = { ordered: Checked[]; rejected: ImportSummary["rejected"] };

/** Validates a batch with each kind's schema; no store involved. */
function checkBatch(items: readonly IncomingRecord[]): CheckedBatch {
  const checked: Checked[] = [];
  const rejected: ImportSummary["rejected"] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const type = item.record.type;
    const kind = typeof type === "string" ? kindByType(type) : undefined;
    if (!kind) {
      rejected.push(rejection(item, `type: unknown kind ${JSON.stringify(type)}`));
      continue;
    }
    try {
      const parsed = parseRecordInput(kind, item.record);
      if (parsed.id !== undefined && seen.has(parsed.id)) {
        rejected.push(rejection(item, `id: "${parsed.id}" appears twice in this batch`));
        continue;
      }
      if (parsed.id !== undefined) seen.add(parsed.id);
      checked.push({ ...item, type: kind.type, kind, parsed, body: parsed.body });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      rejected.push(rejection(item, error.message));
    }
  }
  return { ordered: orderForLoad(checked), rejected };
}

/** Writes a checked batch in one transaction: new records in bulk, existing ones reconciled. */
async function writeBatch(
  services: Services,
  slug: string,
  { ordered, rejected: refused }: CheckedBatch,
  options: ImportOptions,
  summary: ImportSummary,
): Promise<void> {
  summary.rejected.push(...refused);
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const rejected: ImportSummary["rejected"] = [];
  try {
    await writeToProcess(services, slug, options.principal, async (writer) => {
      const existing = new Map(
        (
          await writer.findMany(ordered.flatMap((item) => (item.parsed.id ? [item.parsed.id] : [])))
        ).map((r) => [r.id, r]),
      );
      const fresh: Checked[] = [];
      const taken: Array<[Checked, StoredRecord]> = [];
      for (const item of ordered) {
        const stored = item.parsed.id ? existing.get(item.parsed.id) : undefined;
        if (stored) taken.push([item, stored]);
        else fresh.push(item);
      }
      // New records first: an updated record may refer to one that this batch creates.
      const failed = await writer.createMany(fresh);
      for (const { index, error } of failed) {
        const item = fresh[index];
        if (item) rejected.push(rejection(item, error.message));
      }
      counts.created += fresh.length - failed.length;
      for (const [item, stored] of taken) {
        const outcome = await reconcile(writer, item, stored, options);
        if (outcome instanceof DomainError) rejected.push(rejection(item, outcome.message));
        else counts[outcome] += 1;
      }
    });
    summary.created += counts.created;
    summary.updated += counts.updated;
    summary.unchanged += counts.unchanged;
    summary.rejected.push(...rejected);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") throw error;
    const reason = `batch rolled back: ${error instanceof Error ? error.message : String(error)}`;
    for (const item of ordered) summary.rejected.push(rejection(item, reason));
  }
}

/** An incoming record whose id is taken: the same (unchanged), different (updated), or a clash. */
async function reconcile(
  writer: ProcessWriter,
  given: Checked,
  stored: StoredRecord,
  options: ImportOptions,
): Promise<"updated" | "unchanged" | DomainError> {
  const item = keptFromStored(given, stored, options);
  if (stored.type !== item.type) {
    return new DomainError(
      "conflict",
      `id "${stored.id}" belongs to ${aOrAn(stored.type)}, not ${aOrAn(item.type)}`,
    );
  }
  const wanted = ledgerView({
    ...item.parsed,
    id: stored.id,
    type: item.type,
    version: stored.version,
    restricted_to: item.parsed.restricted_to ?? null,
  });
  if (comparable(wanted) === comparable(ledgerView(stored)) || options.onExisting === "keep")
    return "unchanged";
  try {
    await writer.update(item.type, stored.id, item.record, stored.version);
    return "updated";
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

/** The incoming record with what it keeps of the stored one, checked again if that changed it. */
function keptFromStored(item: Checked, stored: StoredRecord, options: ImportOptions): Checked {
  const record = options.keepFromStored?.(item.record, stored.body) ?? item.record;
  if (record === item.record) return item;
  const parsed = parseRecordInput(item.kind, record);
  return { ...item, record, parsed, body: parsed.body };
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
    await createProcess(services, { ...bundle.process, slug }, options.principal);
  }
  return importRecords(services, slug, bundle.records, {
    ...options,
    total: bundle.records.length,
  });
}
