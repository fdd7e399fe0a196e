import { DomainError } from "../domain/errors.ts";
import { findProcess, type StoredProcess } from "../store/process.repository.ts";
import type { Services } from "./services.ts";

/** The process with this slug, or a not_found error naming it. */
export async function requireProcess(services: Services, slug: string): Promise<StoredProcess> {
  const process = await findProcess(services.store.db, slug);
  if (!process) throw new DomainError("not_found", `No process "${slug}"`);
  return process;
}
