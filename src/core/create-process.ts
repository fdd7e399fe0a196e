import { operatorCaller, PUBLIC_CALLER, viewerIn } from "../domain/access.ts";
import { DomainError } from "../domain/errors.ts";
import { mayCreateProcess } from "../domain/permissions.ts";
import type { Process } from "../domain/process.schema.ts";
import { insertProcess } from "../store/process.repository.ts";
import { ledgerAppender } from "./ledger-appender.ts";
import { appendProcessEntry, parseProcessFields } from "./process-fields-writer.ts";
import type { Principal, Services } from "./services.ts";

/**
 * Creates a process unless one with its slug exists; true when this call created it. The row and
 * the ledger's first entry, the process's own fields, commit together, so `truce verify` covers
 * them from the start. Safe when several servers start at once on an empty database: the insert
 * itself decides who wins.
 */
export async function ensureProcess(
  services: Services,
  input: unknown,
  principal: Principal = operatorCaller("setup"),
): Promise<boolean> {
  const process = parseProcessFields(input);
  if (process.status === "closed") {
    throw new DomainError("validation_failed", "A process is created open, then closed", {
      issues: [{ path: "status", message: "must be active when the process is created" }],
    });
  }
  const at = services.now().toISOString();
  let size = 0;
  const created = await services.store.db.transaction().execute(async (tx) => {
    const inserted = await insertProcess(tx, {
      id: process.slug,
      name: process.name,
      body: process,
      at,
    });
    if (!inserted) return false;
    const ledger = ledgerAppender({
      slug: process.slug,
      size: 0,
      frontier: [],
      at,
      principal: principal.id,
    });
    appendProcessEntry(ledger, "create", process, 1);
    size = await ledger.finish(tx, services.signer);
    return true;
  });
  if (created) services.versions.set(process.slug, size);
  return created;
}

/** Creates a process. Its ledger starts with its own fields; its first records are usually its actors. */
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
  const process = parseProcessFields(input);
  if (!(await ensureProcess(services, process, caller))) {
    throw new DomainError("conflict", `A process "${process.slug}" already exists`, {
      issues: [{ path: "slug", message: "already taken", value: process.slug }],
    });
  }
  return process;
}
