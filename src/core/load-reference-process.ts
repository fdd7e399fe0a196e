import { REFERENCE_PROCESS } from "../reference/index.ts";
import { listProcesses } from "../store/process.repository.ts";
import { ensureProcess } from "./create-process.ts";
import { type ImportSummary, importRecords } from "./import-records.ts";
import type { Principal, Services } from "./services.ts";

/** The example's slug, as the example itself gives it: the loader names no process. */
export const REFERENCE_SLUG = String(REFERENCE_PROCESS.process.slug);

/**
 * Loads the built-in example (src/reference/). Records already present
 * are left as they are (even if someone has edited them since), so running it twice changes nothing.
 */
export async function loadReferenceProcess(
  services: Services,
  principal: Principal,
): Promise<ImportSummary> {
  const slug = String(REFERENCE_PROCESS.process.slug);
  await ensureProcess(services, REFERENCE_PROCESS.process);
  return importRecords(
    services,
    slug,
    REFERENCE_PROCESS.records.map((record, index) => ({ at: `record ${index + 1}`, record })),
    { principal, onExisting: "keep" },
  );
}

/** On a store with no process at all, loads the example so a first start has something to show. */
export async function loadReferenceIfEmpty(
  services: Services,
  principal: Principal,
): Promise<ImportSummary | null> {
  if ((await listProcesses(services.store.db)).length > 0) return null;
  return loadReferenceProcess(services, principal);
}
