import { viewerIn } from "../domain/access.ts";
import { DomainError } from "../domain/errors.ts";
import { writeRefusal } from "../domain/permissions.ts";
import { lockProcessLedger } from "../store/process.repository.ts";
import { ledgerAppender } from "./ledger-appender.ts";
import {
  type ProcessFieldsWriter,
  processClosed,
  processFieldsWriter,
} from "./process-fields-writer.ts";
import { type RecordWriter, recordWriter } from "./record-writer.ts";
import { type RequestMemory, requestMemory } from "./request-memory.ts";
import { rollupUpkeep } from "./rollup-upkeep.ts";
import type { Principal, Services } from "./services.ts";

/** The changes one transaction makes to one process: to its records and to its own fields. */
export type ProcessWriter = RecordWriter &
  ProcessFieldsWriter & {
    /** The caller's requests sent with an Idempotency-Key, and their first answers. */
    requests: RequestMemory;
  };

/**
 * Runs `work` in one transaction on one process: every change it makes and the ledger entries for
 * them commit together, with one signed tree head, or not at all. The process row is locked first,
 * so concurrent writers to one process append one after the other and the ledger cannot fork.
 *
 * The work is shared out: `record-writer.ts` checks and writes each change to a record,
 * `process-fields-writer.ts` each to the process's own fields, `rollup-upkeep.ts` keeps the read
 * side's rollups in step, `ledger-appender.ts` hashes the entries and signs the head. A closed
 * process refuses every change (409) but the erasure of personal data.
 */
export async function writeToProcess<T>(
  services: Services,
  slug: string,
  principal: Principal,
  work: (writer: ProcessWriter) => Promise<T>,
): Promise<T> {
  const viewer = viewerIn(principal, slug);
  if (viewer.role === "public" || viewer.role === "viewer") {
    // Refused before any lock or read: such callers may change nothing in this process.
    throw new DomainError(
      viewer.role === "public" ? "unauthorized" : "forbidden",
      writeRefusal(viewer, "create", undefined, undefined) ?? "not allowed",
    );
  }
  let committedSize = -1;
  const result = await services.store.db.transaction().execute(async (tx) => {
    const state = await lockProcessLedger(tx, slug);
    if (!state) throw new DomainError("not_found", `No process "${slug}"`);
    const at = services.now().toISOString();
    const ledger = ledgerAppender({ slug, ...state, at, principal: principal.id });
    const rollups = rollupUpkeep(tx, slug);
    const fields = processFieldsWriter({ tx, slug, viewer, at, ledger, stored: state });
    const { fields: process } = fields.process();
    const closed = process.status === "closed" ? processClosed(slug, process.closed) : undefined;
    const writer: ProcessWriter = {
      ...recordWriter({ tx, slug, viewer, at, now: services.now, ledger, rollups, closed }),
      ...fields,
      requests: requestMemory({ tx, slug, principal: principal.id, at }),
    };
    const outcome = await work(writer);
    await rollups.finish();
    committedSize = await ledger.finish(tx, services.signer);
    return outcome;
  });
  // Only after the commit: a cache must never serve what a rolled-back transaction wrote.
  services.versions.set(slug, committedSize);
  return result;
}
