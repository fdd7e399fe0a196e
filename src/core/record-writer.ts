import type { Transaction } from "kysely";
import { canSee, OPERATOR, type Viewer } from "../domain/access.ts";
import { DomainError, type FieldIssue } from "../domain/errors.ts";
import type { KindDefinition, Reference } from "../domain/kind.ts";
import { kindByType } from "../domain/kinds/index.ts";
import { mayErase, type RecordState, writeRefusal } from "../domain/permissions.ts";
import { indexColumns } from "../domain/record-index.ts";
import { parseRecordInput, type RecordInput } from "../domain/record-input.ts";
import { referenceIssues, storedReferences } from "../domain/references.ts";
import { aOrAn, capitalized } from "../domain/words.ts";
import type { LedgerAction } from "../ledger/entry.ts";
import { missingBlobs } from "../store/blob.repository.ts";
import {
  deleteRecord,
  findRecord,
  findRecords,
  findReferrers,
  findTypes,
  insertFigures,
  insertRecord,
  insertRecords,
  type RecordWrite,
  replaceFigures,
  type StoredRecord,
  updateRecord,
} from "../store/record.repository.ts";
import type { Database } from "../store/schema.ts";
import type { LedgerAppender } from "./ledger-appender.ts";
import { ledgerView, presentRecord } from "./present.ts";
import { newRecordId } from "./record-id.ts";
import type { RollupUpkeep } from "./rollup-upkeep.ts";

/** The changes one transaction makes to the records of one process; each appends its entry. */
export type RecordWriter = {
  create: (type: string, input: unknown) => Promise<Record<string, unknown>>;
  update: (
    type: string,
    id: string,
    input: unknown,
    expectedVersion: number,
  ) => Promise<Record<string, unknown>>;
  remove: (type: string, id: string, expectedVersion: number | undefined) => Promise<void>;
  /** Erases a personal record's personal data (kept in the ledger only as hashes). */
  erase: (type: string, id: string, reason: string) => Promise<Record<string, unknown>>;
  /** The stored record with this id, whatever its kind, or undefined. */
  find: (id: string) => Promise<StoredRecord | undefined>;
  /** The stored records among these ids, whatever their kind. */
  findMany: (ids: readonly string[]) => Promise<StoredRecord[]>;
  /**
   * Creates many validated records with few statements (the import path). Records whose
   * references do not resolve, to stored records or to records earlier in the list, are not
   * written and come back with their issues; the others are written in list order.
   */
  createMany: (
    items: ReadonlyArray<{ kind: KindDefinition; parsed: RecordInput }>,
  ) => Promise<Array<{ index: number; error: DomainError }>>;
};

/** What a process writer works in: the locked transaction and where its changes are told. */
export type WriteContext = {
  tx: Transaction<Database>;
  slug: string;
  viewer: Viewer;
  /** The transaction's time, the same for every change in it (ISO 8601). */
  at: string;
  now: () => Date;
  ledger: LedgerAppender;
  rollups: RollupUpkeep;
  /** Set when the process is closed: its records are then read, never written (erasure aside). */
  closed: DomainError | undefined;
};

/** One record version to store: the step every create, update and erasure ends in. */
type StoreStep = {
  kind: KindDefinition;
  id: string;
  parsed: RecordInput;
  /** The stored version this one replaces, or null for a new record. */
  replaces: number | null;
  /** Ids the stored version already referred to: kept, whoever edits it, even if now hidden. */
  kept: ReadonlySet<string>;
  action: LedgerAction;
};

function requireKind(type: string): KindDefinition {
  const kind = kindByType(type);
  if (!kind) throw new DomainError("not_found", `No kind of record is called "${type}"`);
  return kind;
}

function stateOf(record: StoredRecord): RecordState {
  return {
    type: record.type,
    visibility: record.visibility,
    restricted_to: record.restricted_to,
    body: record.body,
  };
}

function refuseUnless(
  viewer: Viewer,
  action: "create" | "update" | "delete",
  before: RecordState | undefined,
  after: RecordState | undefined,
): void {
  const refusal = writeRefusal(viewer, action, before, after);
  if (refusal) throw new DomainError("forbidden", refusal);
}

function invalidReference(kind: KindDefinition, issues: FieldIssue[]): DomainError {
  return new DomainError(
    "reference_invalid",
    `Invalid reference in ${kind.type}: ${issues[0]?.path}: ${issues[0]?.message}`,
    { issues },
  );
}

/** What the ledger needs of a kind: its name, and whether its records are personal data. */
function ledgerKind(kind: KindDefinition) {
  return { type: kind.type, isPersonal: kind.is_personal === true };
}

/** The ids a stored record refers to. */
function referredBy(kind: KindDefinition, record: StoredRecord): Set<string> {
  return new Set([
    ...kind.references(record.body).map((ref) => ref.to_id),
    ...attachedHashes(record.body),
  ]);
}

/** The SHA-256 of each photo a record's body attaches. */
function attachedHashes(body: Record<string, unknown>): string[] {
  const attachments = body.attachments;
  if (!Array.isArray(attachments)) return [];
  return attachments.flatMap((item) =>
    typeof item === "object" && item !== null && typeof item.sha256 === "string"
      ? [item.sha256]
      : [],
  );
}

/** The row a record version is stored as, its filter columns derived from its fields. */
function recordWriteOf(
  context: Pick<WriteContext, "slug" | "at">,
  step: Pick<StoreStep, "kind" | "id" | "parsed">,
  version: number,
  refs: readonly Reference[],
): RecordWrite {
  const { kind, id, parsed } = step;
  return {
    process_id: context.slug,
    id,
    type: kind.type,
    version,
    refs: storedReferences(id, refs),
    visibility: parsed.visibility,
    restricted_to: parsed.restricted_to ?? null,
    body: parsed.body,
    index: indexColumns(kind, parsed.body),
    at: context.at,
  };
}

/**
 * The process writer's changes inside one locked transaction: each checks the caller's right to
 * it, writes the record, tells the rollups and appends its ledger entry.
 */
export function recordWriter(context: WriteContext): RecordWriter {
  const { tx, slug, viewer, at, ledger, rollups } = context;
  // Erasure stays possible in a closed process: a person's right to it outlives the process.
  const refuseIfClosed = () => {
    if (context.closed) throw context.closed;
  };

  // A reference to a record the writer may not see fails like one to a record that does not
  // exist; one the record already had is kept, whoever edits it.
  const checkReferences = async (step: StoreStep) => {
    const { kind, id, parsed, kept } = step;
    const refs = kind.references(parsed.body);
    const targets = refs.map((ref) => ref.to_id).filter((to) => to !== id);
    const types = new Map([
      ...(await findTypes(
        tx,
        slug,
        targets.filter((to) => !kept.has(to)),
        viewer,
      )),
      ...(await findTypes(
        tx,
        slug,
        targets.filter((to) => kept.has(to)),
        OPERATOR,
      )),
    ]);
    const issues = referenceIssues(kind, id, refs, (other) => types.get(other));
    if (issues.length > 0) throw invalidReference(kind, issues);
    return refs;
  };

  // A photo a record attaches must have been sent first (PUT .../photos/{sha256}): the ledger would
  // otherwise cover a hash of bytes nobody holds. Photos the record already had are kept.
  const checkAttachments = async (step: StoreStep) => {
    const named = attachedHashes(step.parsed.body).filter((hash) => !step.kept.has(hash));
    const missing = await missingBlobs(tx, slug, named);
    if (missing.length === 0) return;
    const issues = attachedHashes(step.parsed.body).flatMap((hash, index) =>
      missing.includes(hash)
        ? [{ path: `attachments.${index}.sha256`, message: "no photo with this SHA-256 was sent" }]
        : [],
    );
    throw invalidReference(step.kind, issues);
  };

  const store = async (step: StoreStep) => {
    const { kind, id, parsed, replaces, action } = step;
    const refs = await checkReferences(step);
    await checkAttachments(step);
    const write = recordWriteOf(context, step, replaces === null ? 1 : replaces + 1, refs);
    await rollups.changing({ kind, id, body: parsed.body, isNew: replaces === null });
    if (replaces === null) await insertRecord(tx, write);
    else if (!(await updateRecord(tx, write, replaces))) {
      throw new DomainError(
        "precondition_failed",
        `${kind.type} "${id}" has changed since version ${replaces}`,
      );
    }
    if (kind.figures) await replaceFigures(tx, slug, write, kind.figures(parsed.body));
    rollups.written(write);
    ledger.append({ action, ...ledgerKind(kind), id, view: ledgerView(write), seenAs: write });
    const stored = await findRecord(tx, slug, id, OPERATOR);
    if (!stored) throw new Error(`record ${id} vanished inside its own transaction`);
    return presentRecord(stored);
  };

  /** A stored record's next version; the references it already had are kept, whoever edits it. */
  const storeNextVersion = (
    kind: KindDefinition,
    existing: StoredRecord,
    parsed: RecordInput,
    action: "update" | "erase",
  ) =>
    store({
      kind,
      id: existing.id,
      parsed,
      replaces: existing.version,
      kept: referredBy(kind, existing),
      action,
    });

  const createMany: RecordWriter["createMany"] = async (items) => {
    refuseIfClosed();
    const withIds = items.map((item) => ({
      ...item,
      id: item.parsed.id ?? newRecordId(item.kind.type, context.now()),
    }));
    const refs = withIds.map((item) => item.kind.references(item.parsed.body));
    const inBatch = new Set(withIds.map((item) => item.id));
    const known = new Map(
      await findTypes(
        tx,
        slug,
        refs.flat().flatMap((ref) => (inBatch.has(ref.to_id) ? [] : [ref.to_id])),
        viewer,
      ),
    );
    // The caller found no record with these ids, but one it may not see can hold an id: refuse
    // that record as "taken", like the create route, instead of failing the whole batch on the
    // primary key. Admins and mediators see everything, so they need not ask.
    const hiddenTaken =
      viewer.role === "admin" || viewer.role === "mediator"
        ? new Map<string, string>()
        : await findTypes(
            tx,
            slug,
            withIds.map((item) => item.id),
            OPERATOR,
          );
    const rejected: Array<{ index: number; error: DomainError }> = [];
    const writes: RecordWrite[] = [];
    const figureRows: Parameters<typeof insertFigures>[2][number][] = [];
    withIds.forEach((item, index) => {
      const itemRefs = refs[index] ?? [];
      if (hiddenTaken.has(item.id)) {
        rejected.push({
          index,
          error: new DomainError("conflict", `The id "${item.id}" is already taken in ${slug}`),
        });
        return;
      }
      const refusal = writeRefusal(viewer, "create", undefined, {
        type: item.kind.type,
        visibility: item.parsed.visibility,
        restricted_to: item.parsed.restricted_to,
        body: item.parsed.body,
      });
      if (refusal) {
        rejected.push({ index, error: new DomainError("forbidden", refusal) });
        return;
      }
      const issues = referenceIssues(item.kind, item.id, itemRefs, (id) => known.get(id));
      if (issues.length > 0) {
        rejected.push({ index, error: invalidReference(item.kind, issues) });
        return;
      }
      known.set(item.id, item.kind.type);
      const write = recordWriteOf(context, item, 1, itemRefs);
      writes.push(write);
      rollups.written(write);
      for (const row of item.kind.figures?.(item.parsed.body) ?? [])
        figureRows.push({
          ...row,
          claim_id: item.id,
          visibility: write.visibility,
          restricted_to: write.restricted_to,
        });
      ledger.append({
        action: "create",
        ...ledgerKind(item.kind),
        id: item.id,
        view: ledgerView(write),
        seenAs: write,
      });
    });
    await rollups.creatingMany(writes, figureRows);
    await insertRecords(tx, writes);
    await insertFigures(tx, slug, figureRows);
    return rejected;
  };

  /** The record to change, locked; one the writer may not see is "not found" like a missing one. */
  const findForChange = async (kind: KindDefinition, id: string) => {
    const existing = await findRecord(tx, slug, id, viewer, { forUpdate: true });
    if (!existing || existing.type !== kind.type) {
      throw new DomainError("not_found", `No ${kind.type} "${id}" in ${slug}`);
    }
    return existing;
  };

  return {
    find: (id) => findRecord(tx, slug, id, viewer),
    findMany: (ids) => findRecords(tx, slug, ids, viewer),
    createMany,
    create: async (type, input) => {
      refuseIfClosed();
      const kind = requireKind(type);
      const parsed = parseRecordInput(kind, input);
      const id = parsed.id ?? newRecordId(kind.type, context.now());
      refuseUnless(viewer, "create", undefined, { type: kind.type, ...parsed });
      const existing = await findRecord(tx, slug, id, OPERATOR);
      if (existing) {
        // Ids are unique across visibilities; a hidden record's kind is not named.
        const owner = canSee(viewer, existing) ? ` by ${aOrAn(existing.type)}` : "";
        throw new DomainError("conflict", `The id "${id}" is already taken${owner} in ${slug}`, {
          issues: [{ path: "id", message: "already taken", value: id }],
        });
      }
      return store({ kind, id, parsed, replaces: null, kept: new Set(), action: "create" });
    },
    update: async (type, id, input, expectedVersion) => {
      refuseIfClosed();
      const kind = requireKind(type);
      const existing = await findForChange(kind, id);
      if (existing.version !== expectedVersion) {
        throw new DomainError(
          "precondition_failed",
          `${kind.type} "${id}" is at version ${existing.version}, not ${expectedVersion}: reload it and apply your change again`,
          { current_version: existing.version },
        );
      }
      const parsed = parseRecordInput(kind, input);
      if (parsed.id !== undefined && parsed.id !== id) {
        throw new DomainError("validation_failed", "A record's id cannot change", {
          issues: [{ path: "id", message: `must be "${id}"`, value: parsed.id }],
        });
      }
      refuseUnless(viewer, "update", stateOf(existing), { type: kind.type, ...parsed });
      return storeNextVersion(kind, existing, parsed, "update");
    },
    erase: async (type, id, reason) => {
      const kind = requireKind(type);
      const existing = await findForChange(kind, id);
      if (!kind.erase) {
        throw new DomainError(
          "bad_request",
          `${capitalized(aOrAn(kind.type))} holds no personal data to erase`,
        );
      }
      if (!mayErase(viewer)) {
        throw new DomainError("forbidden", "only mediators and admins erase personal data");
      }
      const remaining = kind.erase(kind.schema.parse(existing.body), {
        on: at.slice(0, 10),
        reason,
      });
      const parsed = parseRecordInput(kind, {
        ...(remaining as Record<string, unknown>),
        visibility: existing.visibility,
        ...(existing.restricted_to ? { restricted_to: existing.restricted_to } : {}),
      });
      return storeNextVersion(kind, existing, parsed, "erase");
    },
    remove: async (type, id, expectedVersion) => {
      refuseIfClosed();
      const kind = requireKind(type);
      const existing = await findForChange(kind, id);
      refuseUnless(viewer, "delete", stateOf(existing), undefined);
      if (expectedVersion !== undefined && existing.version !== expectedVersion) {
        throw new DomainError(
          "precondition_failed",
          `${kind.type} "${id}" is at version ${existing.version}, not ${expectedVersion}`,
          { current_version: existing.version },
        );
      }
      const referrers = await findReferrers(tx, slug, id, viewer);
      if (referrers.total > 0) {
        // Records the caller may not see are counted, never named: their ids are not its to know.
        const hidden = referrers.total - referrers.visibleCount;
        const named = [
          ...referrers.visible,
          ...(referrers.visibleCount > referrers.visible.length
            ? [`${referrers.visibleCount - referrers.visible.length} more`]
            : []),
          ...(hidden > 0 ? [`${hidden} record${hidden === 1 ? "" : "s"} you may not see`] : []),
        ];
        throw new DomainError(
          "conflict",
          `${kind.type} "${id}" is still referred to by ${named.join(", ")}: change or delete those first`,
          { referrers: referrers.visible, hidden_referrers: hidden },
        );
      }
      await rollups.changing({ kind, id, body: null, isNew: false });
      await deleteRecord(tx, slug, id, existing.version);
      ledger.append({ action: "delete", ...ledgerKind(kind), id, view: null, seenAs: existing });
    },
  };
}
