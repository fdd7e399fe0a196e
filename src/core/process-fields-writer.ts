import type { Transaction } from "kysely";
import type { Viewer } from "../domain/access.ts";
import { DomainError, fieldIssues } from "../domain/errors.ts";
import { mayCreateProcess } from "../domain/permissions.ts";
import { type Process, ProcessSchema, processLedgerView } from "../domain/process.schema.ts";
import { unstorableTextIssues } from "../domain/record.ts";
import { updateProcessRow } from "../store/process.repository.ts";
import type { Database } from "../store/schema.ts";
import type { LedgerAppender } from "./ledger-appender.ts";

/** The process's own fields as changes the process writer makes: each is a ledger entry. */
export type ProcessFieldsWriter = {
  /** The process's fields as stored now, and their version. */
  process: () => { fields: Process; version: number };
  /** Replaces the process's fields (same slug); `expectedVersion` guards against a stale edit. */
  updateProcess: (input: unknown, expectedVersion: number) => Promise<Process>;
  /** Closes the process: it stays readable, exportable and verifiable; nothing more is written. */
  closeProcess: (closing: { on: unknown; reason: string }) => Promise<Process>;
  /**
   * Puts the process's fields, as they are, into a ledger made before they were ledgered (an
   * upgrade: the fields are read through today's schema, their version kept).
   */
  ledgerCurrentFields: () => Promise<void>;
};

export type ProcessFieldsContext = {
  tx: Transaction<Database>;
  slug: string;
  viewer: Viewer;
  at: string;
  ledger: LedgerAppender;
  /** The locked process row's fields and version. */
  stored: { body: Record<string, unknown>; version: number };
};

/** Reads process fields, naming each field a problem is in. */
export function parseProcessFields(input: unknown): Process {
  // Text the database cannot store (NUL, lone surrogates) is refused here, for every caller.
  const unstorable = unstorableTextIssues(input);
  if (unstorable.length > 0) {
    throw new DomainError(
      "validation_failed",
      `Invalid process: ${unstorable[0]?.path}: ${unstorable[0]?.message}`,
      { issues: unstorable },
    );
  }
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

/** The 409 every write to a closed process gets. */
export function processClosed(slug: string, closing: Process["closed"]): DomainError {
  return new DomainError(
    "conflict",
    `The process "${slug}" was closed on ${closing?.on.value ?? "an earlier date"}` +
      `${closing?.reason ? ` (${closing.reason})` : ""}: it can be read, exported and verified, not changed`,
    { closed: closing },
  );
}

/** Appends the ledger entry for the process's fields at a version: how verify covers them. */
export function appendProcessEntry(
  ledger: LedgerAppender,
  action: "create" | "update",
  fields: Process,
  version: number,
): void {
  ledger.append({
    action,
    type: "process",
    id: fields.slug,
    view: processLedgerView(fields, version),
    seenAs: { visibility: "public", restricted_to: null },
  });
}

export function processFieldsWriter(context: ProcessFieldsContext): ProcessFieldsWriter {
  const { tx, slug, viewer, at, ledger } = context;
  let current = {
    fields: parseProcessFields(context.stored.body),
    version: context.stored.version,
  };

  const write = async (fields: Process, expectedVersion: number) => {
    if (!mayCreateProcess(viewer)) {
      throw new DomainError("forbidden", "only admins change a process's own fields");
    }
    if (current.fields.status === "closed") throw processClosed(slug, current.fields.closed);
    if (expectedVersion !== current.version) {
      throw new DomainError(
        "precondition_failed",
        `The process "${slug}" is at version ${current.version}, not ${expectedVersion}: reload it and apply your change again`,
        { current_version: current.version },
      );
    }
    if (fields.slug !== slug) {
      throw new DomainError("validation_failed", "A process's slug cannot change", {
        issues: [{ path: "slug", message: `must be "${slug}"`, value: fields.slug }],
      });
    }
    const version = current.version + 1;
    const name = fields.name;
    if (!(await updateProcessRow(tx, slug, { name, body: fields, version, at }, current.version))) {
      throw new DomainError("precondition_failed", `The process "${slug}" changed meanwhile`);
    }
    appendProcessEntry(ledger, "update", fields, version);
    current = { fields, version };
    return fields;
  };

  return {
    process: () => current,
    ledgerCurrentFields: async () => {
      const { fields, version } = current;
      const at = context.at;
      if (
        !(await updateProcessRow(
          tx,
          slug,
          { name: fields.name, body: fields, version, at },
          version,
        ))
      ) {
        throw new DomainError("precondition_failed", `The process "${slug}" changed meanwhile`);
      }
      appendProcessEntry(ledger, "update", fields, version);
    },
    updateProcess: async (input, expectedVersion) => {
      if (current.fields.status === "closed") throw processClosed(slug, current.fields.closed);
      const fields = parseProcessFields(input);
      // Closing has its own call, with its date and reason.
      if (fields.status === "closed") {
        throw new DomainError("validation_failed", "Close a process with its date and reason", {
          issues: [{ path: "status", message: "use close, with a date and a reason" }],
        });
      }
      return write(fields, expectedVersion);
    },
    closeProcess: async ({ on, reason }) => {
      if (current.fields.status === "closed") throw processClosed(slug, current.fields.closed);
      const fields = parseProcessFields({
        ...current.fields,
        status: "closed",
        closed: { on, reason },
      });
      return write(fields, current.version);
    },
  };
}
