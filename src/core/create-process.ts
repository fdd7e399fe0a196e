import { PUBLIC_CALLER, viewerIn } from "../domain/access.ts";
import { DomainError, fieldIssues } from "../domain/errors.ts";
import { mayCreateProcess } from "../domain/permissions.ts";
import { type Process, ProcessSchema } from "../domain/process.schema.ts";
import { insertProcess } from "../store/process.repository.ts";
import type { Principal, Services } from "./services.ts";

/**
 * Creates a process unless one with its slug exists; true when this call created it. Safe when
 * several servers start at once on an empty database: the insert itself decides who wins.
 */
export async function ensureProcess(services: Services, input: unknown): Promise<boolean> {
  const process = parseProcess(input);
  const created = await insertProcess(services.store.db, {
    id: process.slug,
    name: process.name,
    body: process,
    at: services.now().toISOString(),
  });
  if (created) services.versions.set(process.slug, 0);
  return created;
}

function parseProcess(input: unknown): Process {
  const parsed = ProcessSchema.safeParse(input);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error.issues);
    throw new DomainError(
      "validation_failed",
      `Invalid process: ${issues[0]?.path}: ${issues[0]?.message}`,
      { issues },
    );
  }
  return parsed.data;
}

/** Creates a process. Its ledger starts empty; its first records are usually its actors. */
export async function createProcess(
  services: Services,
  input: unknown,
  caller: Principal,
): Promise<Process> {
  // Only an admin of every process creates one: a role in one process says nothing of others.
  if (!mayCreateProcess(viewerIn(caller, ""))) {
    const anonymous = caller.id === PUBLIC_CALLER.id;
    throw new DomainError(
      anonymous ? "unauthorized" : "forbidden",
      anonymous ? "sign in to create a process" : "only admins of every process create processes",
    );
  }
  const process = parseProcess(input);
  if (!(await ensureProcess(services, process))) {
    throw new DomainError("conflict", `A process "${process.slug}" already exists`, {
      issues: [{ path: "slug", message: "already taken", value: process.slug }],
    });
  }
  return process;
}
