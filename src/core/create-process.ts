import { DomainError, fieldIssues } from "../domain/errors.ts";
import { type Process, ProcessSchema } from "../domain/process.schema.ts";
import { findProcess, insertProcess } from "../store/process.repository.ts";
import type { Services } from "./services.ts";

/** Creates a process. Its ledger starts empty; its first records are usually its actors. */
export async function createProcess(services: Services, input: unknown): Promise<Process> {
  const parsed = ProcessSchema.safeParse(input);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error.issues);
    throw new DomainError(
      "validation_failed",
      `Invalid process: ${issues[0]?.path}: ${issues[0]?.message}`,
      { issues },
    );
  }
  const process = parsed.data;
  if (await findProcess(services.store.db, process.slug)) {
    throw new DomainError("conflict", `A process "${process.slug}" already exists`, {
      issues: [{ path: "slug", message: "already taken", value: process.slug }],
    });
  }
  await insertProcess(services.store.db, {
    id: process.slug,
    name: process.name,
    body: process,
    at: services.now().toISOString(),
  });
  services.versions.set(process.slug, 0);
  return process;
}
