import { DomainError } from "../domain/errors.ts";
import type { Bundle } from "../ingest/truce-json.ts";
import { canonicalJson } from "../ledger/canonical-json.ts";
import { closeProcess, updateProcess } from "./change-process.ts";
import { createProcess } from "./create-process.ts";
import { type ImportOptions, type ImportSummary, importRecords } from "./import-records.ts";
import { parseProcessFields, processClosed } from "./process-fields-writer.ts";
import { requireProcess } from "./require-process.ts";
import type { Principal, Services } from "./services.ts";

export { closeProcess };

/** A process file's process, which it must have (a list of records alone names no process). */
function processOf(file: Bundle): Record<string, unknown> & { slug: string } {
  const process = file.process;
  if (!process || typeof process.slug !== "string") {
    throw new DomainError("validation_failed", "A process file has a process with its slug", {
      issues: [{ path: "process.slug", message: "required" }],
    });
  }
  return process as Record<string, unknown> & { slug: string };
}

/**
 * Creates a process from its file (docs/process-file.md): its own fields, then its records, each
 * a ledger entry. The slug must be new.
 */
export async function createProcessFromFile(
  services: Services,
  file: Bundle,
  options: Omit<ImportOptions, "principal"> & { principal: Principal },
): Promise<{ slug: string; summary: ImportSummary }> {
  const process = processOf(file);
  await createProcess(services, process, options.principal);
  const summary = await importRecords(services, process.slug, file.records, {
    ...options,
    total: file.records.length,
  });
  return { slug: process.slug, summary };
}

/**
 * Brings a process up to its file: the fields the file gives replace the stored ones (one ledger
 * entry when they differ), and its records are imported as `truce import` does (new ones created,
 * changed ones updated, the same ones left alone).
 */
export async function updateProcessFromFile(
  services: Services,
  file: Bundle,
  options: Omit<ImportOptions, "principal"> & { principal: Principal },
): Promise<{ slug: string; fieldsChanged: boolean; summary: ImportSummary }> {
  const process = processOf(file);
  const stored = await requireProcess(services, process.slug);
  const current = parseProcessFields(stored.body);
  if (current.status === "closed") throw processClosed(process.slug, current.closed);
  // The file gives the fields, not the status: closing has its own command.
  const { status: _s, closed: _c, ledger_size: _l, version: _v, ...fields } = process;
  const incoming = parseProcessFields({
    ...fields,
    status: current.status,
    ...(current.closed ? { closed: current.closed } : {}),
  });
  const fieldsChanged = canonicalJson(incoming) !== canonicalJson(current);
  if (fieldsChanged) {
    await updateProcess(services, process.slug, incoming, stored.version, options.principal);
  }
  const summary = await importRecords(services, process.slug, file.records, {
    ...options,
    total: file.records.length,
  });
  return { slug: process.slug, fieldsChanged, summary };
}
