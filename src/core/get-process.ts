import type { Viewer } from "../domain/access.ts";
import { latestHead } from "../store/ledger.repository.ts";
import { listProcesses } from "../store/process.repository.ts";
import { countRecords } from "../store/record.repository.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

/** A process with how many records of each kind the viewer may see and its ledger's size. */
export async function getProcess(
  services: Services,
  slug: string,
  viewer: Viewer,
): Promise<Record<string, unknown>> {
  const process = await requireProcess(services, slug);
  const head = await latestHead(services.store.db, slug);
  return {
    ...process.body,
    version: process.version,
    counts: await countRecords(services.store.db, slug, viewer),
    ledger_size: head?.tree_size ?? 0,
    created_at: new Date(process.created_at).toISOString(),
  };
}

/** A process's own fields as stored: what a merge patch applies to. */
export async function getProcessFields(
  services: Services,
  slug: string,
): Promise<Record<string, unknown>> {
  return (await requireProcess(services, slug)).body;
}

/** Every process, newest changes first in no particular way: there are few. */
export async function listAllProcesses(services: Services): Promise<Record<string, unknown>[]> {
  const processes = await listProcesses(services.store.db);
  return processes.map((process) => ({ ...process.body, ledger_size: process.ledger_size }));
}
