import type { Process } from "../domain/process.schema.ts";
import { writeToProcess } from "./process-writer.ts";
import { requireProcess } from "./require-process.ts";
import type { Principal, Services } from "./services.ts";

/**
 * Replaces a process's own fields (name, description, languages, countries, bbox...), guarded by
 * the version the caller last saw: one ledger entry, so `truce verify` covers the change.
 */
export async function updateProcess(
  services: Services,
  slug: string,
  input: unknown,
  expectedVersion: number,
  principal: Principal,
): Promise<{ process: Process; version: number }> {
  await requireProcess(services, slug);
  return writeToProcess(services, slug, principal, async (writer) => {
    const process = await writer.updateProcess(input, expectedVersion);
    return { process, version: writer.process().version };
  });
}

/**
 * Closes a process on a date, for a reason: it stays readable, exportable and verifiable, and every
 * later write to it is refused with a 409 saying so (the erasure of personal data aside).
 */
export async function closeProcess(
  services: Services,
  slug: string,
  closing: { on: unknown; reason: string },
  principal: Principal,
): Promise<{ process: Process; version: number }> {
  await requireProcess(services, slug);
  return writeToProcess(services, slug, principal, async (writer) => {
    const process = await writer.closeProcess(closing);
    return { process, version: writer.process().version };
  });
}
