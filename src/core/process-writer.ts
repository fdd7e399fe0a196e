import type { Transaction } from "kysely";
import { canSee, OPERATOR, type Viewer, viewerIn } from "../domain/access.ts";
import { DomainError, type FieldIssue } from "../domain/errors.ts";
import type { KindDefinition } from "../domain/kind.ts";
import { kindByType } from "../domain/kinds/index.ts";
import { mayErase, type RecordState, writeRefusal } from "../domain/permissions.ts";
import { indexColumns } from "../domain/record-index.ts";
import { parseRecordInput, type RecordInput } from "../domain/record-input.ts";
import { referenceIssues, storedReferences } from "../domain/references.ts";
import { aOrAn, capitalized } from "../domain/words.ts";
import { buildEntry, type LedgerAction } from "../ledger/entry.ts";
import { fromHex, rootFromFrontier, toHex } from "../ledger/merkle.ts";
import { appendWithNodes, type TreeNode } from "../ledger/stored-tree.ts";
import { incidentsOfClaims } from "../store/dashboard.repository.ts";
import { insertEntries, insertHead, insertNodes } from "../store/ledger.repository.ts";
import { lockProcessLedger, saveLedgerState } from "../store/process.repository.ts";
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
import {
  adjustTileRollup,
  type RollupDelta,
  rollupKeyOf,
} from "../store/tile-rollup.repository.ts";
import { type DashboardUpkeep, dashboardUpkeep } from "./dashboard-upkeep.ts";
import { ledgerView, presentRecord } from "./present.ts";
import { newRecordId } from "./record-id.ts";
import type { Principal, Services } from "./services.ts";

/** The changes one transaction makes to one process; each appends its ledger entry. */
export type ProcessWriter = {
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

function requireKind(type: string): KindDefinition {
  const kind = kindByType(type);
  if (!kind) throw new DomainError("not_found", `No kind of record is called "${type}"`);
  return kind;
}

/**
 * Runs `work` in one transaction on one process: every change it makes and the ledger entries for
 * them commit together, with one signed tree head, or not at all. The process row is locked first,
 * so concurrent writers to one process append one after the other and the ledger cannot fork.
 */
export async function writeToProcess<T>(
  services: Services,
  slug: string,
  principal: Principal,
  work: (writer: ProcessWriter) => Promise<T>,
): Promise<T> {
  const viewer = viewerIn(principal, slug);
  if (viewer.role === "public" || viewer.role === "viewer") {
    // Refused before any lock or read: such callers may change nothing in this process.
    throw new DomainError(
      viewer.role === "public" ? "unauthorized" : "forbidden",
      writeRefusal(viewer, "create", undefined, undefined) ?? "not allowed",
    );
  }
  let committedSize = -1;
  const result = await services.store.db.transaction().execute(async (tx) => {
    const state = await lockProcessLedger(tx, slug);
    if (!state) throw new DomainError("not_found", `No process "${slug}"`);
    const at = services.now().toISOString();
    let size = state.size;
    const nodes: TreeNode[] = [];
    let frontier = state.frontier.map(fromHex);
    const entries: Parameters<typeof insertEntries>[2][number][] = [];

    const append = (
      action: LedgerAction,
      kind: KindDefinition,
      id: string,
      view: Record<string, unknown> | null,
      seenAs: Visibility,
    ) => {
      const entry = buildEntry({
        process: slug,
        seq: size,
        at,
        principal: principal.id,
        action,
        type: kind.type,
        id,
        record: view,
        isPersonal: kind.is_personal === true,
      });
      entries.push({
        seq: size,
        at,
        principal: principal.id,
        action,
        record_type: kind.type,
        record_id: id,
        content: entry.content,
        leaf_hash: entry.leafHash,
        visibility: seenAs.visibility,
        restricted_to: seenAs.restricted_to,
      });
      const appended = appendWithNodes(frontier, size, entry.leafHash);
      frontier = appended.frontier;
      nodes.push(...appended.nodes);
      size += 1;
    };

    const rollup: RollupDelta[] = [];
    // The overview's rollups (decision 0011), told of each change before it happens.
    const upkeep = dashboardUpkeep(tx, slug);
    const writer = makeWriter(
      tx,
      slug,
      services,
      viewer,
      at,
      append,
      (delta) => rollup.push(delta),
      upkeep,
    );
    const outcome = await work(writer);
    await adjustTileRollup(tx, slug, rollup);
    await upkeep.finish();

    if (entries.length > 0) {
      await insertEntries(tx, slug, entries);
      await insertNodes(tx, slug, nodes);
      await saveLedgerState(tx, slug, { size, frontier: frontier.map(toHex) });
      const head = {
        process: slug,
        tree_size: size,
        root_hash: toHex(rootFromFrontier(frontier)),
        timestamp: at,
      };
      await insertHead(tx, slug, {
        tree_size: size,
        root_hash: fromHex(head.root_hash),
        signed_at: new Date(at),
        key_id: services.signer.keyId,
        signature: services.signer.sign(head),
      });
    }
    committedSize = size;
    return outcome;
  });
  // Only after the commit: a cache must never serve what a rolled-back transaction wrote.
  services.versions.set(slug, committedSize);
  return result;
}

/** Who may read a ledger entry's content: the visibility of the record version it describes. */
type Visibility = { visibility: string; restricted_to: string | null };

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

function makeWriter(
  tx: Transaction<Database>,
  slug: string,
  services: Services,
  viewer: Viewer,
  at: string,
  append: (
    action: LedgerAction,
    kind: KindDefinition,
    id: string,
    view: Record<string, unknown> | null,
    seenAs: Visibility,
  ) => void,
  adjust: (delta: RollupDelta) => void,
  upkeep: DashboardUpkeep,
): ProcessWriter {
  /** Tells the overview's rollups which incidents a write to this record changes, before it does. */
  const beforeChange = async (
    kind: KindDefinition,
    id: string,
    body: Record<string, unknown> | null,
    isNew: boolean,
  ) => {
    if (kind.type === "incident") await upkeep.incidentsChanging([id], isNew);
    if (!kind.figures) return;
    const about = body
      ? kind.figures(body as never).flatMap((row) => (row.incident_id ? [row.incident_id] : []))
      : [];
    if (isNew) {
      upkeep.claimsCreated(about.map((incident_id) => ({ claim_id: id, incident_id })));
      return;
    }
    const before = await incidentsOfClaims(tx, slug, [id]);
    await upkeep.figuresChanging([...about, ...before]);
  };
  /** What a written record adds to the map's rollup, if it is located at a point. */
  const added = (write: RecordWrite) => {
    const { cell, west, south, kind, verification } = write.index;
    if (cell === null || west === null || south === null) return;
    adjust({
      type: write.type,
      cell,
      kind,
      verification,
      visibility: write.visibility,
      restricted_to: write.restricted_to,
      lon: west,
      lat: south,
      sign: 1,
    });
  };
  /** Takes a stored record's share out of the rollup before it changes or goes. */
  const removed = async (id: string) => {
    const old = await rollupKeyOf(tx, slug, id);
    if (old) adjust({ ...old, sign: -1 });
  };

  // A reference to a record the writer may not see fails like one to a record that does not
  // exist; one the record already had is kept, whoever edits it.
  const checkReferences = async (
    kind: KindDefinition,
    id: string,
    body: Record<string, unknown>,
    kept: ReadonlySet<string>,
  ) => {
    const refs = kind.references(body as never);
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

  const store = async (
    kind: KindDefinition,
    id: string,
    version: number,
    parsed: ReturnType<typeof parseRecordInput>,
    expectedVersion: number | null,
    kept: ReadonlySet<string> = new Set(),
    action: LedgerAction = expectedVersion === null ? "create" : "update",
  ) => {
    const refs = await checkReferences(kind, id, parsed.body, kept);
    const write: RecordWrite = {
      process_id: slug,
      id,
      type: kind.type,
      version,
      refs: storedReferences(id, refs),
      visibility: parsed.visibility,
      restricted_to: parsed.restricted_to ?? null,
      body: parsed.body,
      index: indexColumns(kind, parsed.body),
      at,
    };
    await beforeChange(kind, id, parsed.body, expectedVersion === null);
    if (expectedVersion !== null) await removed(id);
    if (expectedVersion === null) await insertRecord(tx, write);
    else if (!(await updateRecord(tx, write, expectedVersion))) {
      throw new DomainError(
        "precondition_failed",
        `${kind.type} "${id}" has changed since version ${expectedVersion}`,
      );
    }
    if (kind.figures) await replaceFigures(tx, slug, write, kind.figures(parsed.body as never));
    added(write);
    const view = ledgerView(write);
    append(action, kind, id, view, write);
    const stored = await findRecord(tx, slug, id, OPERATOR);
    if (!stored) throw new Error(`record ${id} vanished inside its own transaction`);
    return presentRecord(stored);
  };

  const createMany: ProcessWriter["createMany"] = async (items) => {
    const withIds = items.map((item) => ({
      ...item,
      id: item.parsed.id ?? newRecordId(item.kind.type, services.now()),
    }));
    const refs = withIds.map((item) => item.kind.references(item.parsed.body as never));
    const inBatch = new Set(withIds.map((item) => item.id));
    const stored = await findTypes(
      tx,
      slug,
      refs.flat().flatMap((ref) => (inBatch.has(ref.to_id) ? [] : [ref.to_id])),
      viewer,
    );
    const known = new Map(stored);
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
      const write: RecordWrite = {
        process_id: slug,
        id: item.id,
        type: item.kind.type,
        version: 1,
        refs: storedReferences(item.id, itemRefs),
        visibility: item.parsed.visibility,
        restricted_to: item.parsed.restricted_to ?? null,
        body: item.parsed.body,
        index: indexColumns(item.kind, item.parsed.body),
        at,
      };
      writes.push(write);
      added(write);
      for (const row of item.kind.figures?.(item.parsed.body as never) ?? [])
        figureRows.push({
          ...row,
          claim_id: item.id,
          visibility: write.visibility,
          restricted_to: write.restricted_to,
        });
      append("create", item.kind, item.id, ledgerView(write), write);
    });
    await upkeep.incidentsChanging(
      writes.flatMap((write) => (write.type === "incident" ? [write.id] : [])),
      true,
    );
    await insertRecords(tx, writes);
    await insertFigures(tx, slug, figureRows);
    upkeep.claimsCreated(figureRows);
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
      const kind = requireKind(type);
      const parsed = parseRecordInput(kind, input);
      const id = parsed.id ?? newRecordId(kind.type, services.now());
      refuseUnless(viewer, "create", undefined, { type: kind.type, ...parsed });
      const existing = await findRecord(tx, slug, id, OPERATOR);
      if (existing) {
        // Ids are unique across visibilities; a hidden record's kind is not named.
        const owner = canSee(viewer, existing) ? ` by ${aOrAn(existing.type)}` : "";
        throw new DomainError("conflict", `The id "${id}" is already taken${owner} in ${slug}`, {
          issues: [{ path: "id", message: "already taken", value: id }],
        });
      }
      return store(kind, id, 1, parsed, null);
    },
    update: async (type, id, input, expectedVersion) => {
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
      return store(
        kind,
        id,
        existing.version + 1,
        parsed,
        existing.version,
        new Set(kind.references(existing.body as never).map((ref) => ref.to_id)),
      );
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
      const remaining = kind.erase(kind.schema.parse(existing.body) as never, {
        on: at.slice(0, 10),
        reason,
      }) as Record<string, unknown>;
      const parsed = parseRecordInput(kind, {
        ...remaining,
        visibility: existing.visibility,
        ...(existing.restricted_to ? { restricted_to: existing.restricted_to } : {}),
      });
      return store(
        kind,
        id,
        existing.version + 1,
        parsed,
        existing.version,
        new Set(kind.references(existing.body as never).map((ref) => ref.to_id)),
        "erase",
      );
    },
    remove: async (type, id, expectedVersion) => {
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
      const referrers = await findReferrers(tx, slug, id);
      if (referrers.length > 0) {
        throw new DomainError(
          "conflict",
          `${kind.type} "${id}" is still referred to by ${referrers.join(", ")}: change or delete those first`,
          { referrers },
        );
      }
      await beforeChange(kind, id, null, false);
      await removed(id);
      await deleteRecord(tx, slug, id, existing.version);
      append("delete", kind, id, null, existing);
    },
  };
}

function invalidReference(kind: KindDefinition, issues: FieldIssue[]): DomainError {
  return new DomainError(
    "reference_invalid",
    `Invalid reference in ${kind.type}: ${issues[0]?.path}: ${issues[0]?.message}`,
    { issues },
  );
}
