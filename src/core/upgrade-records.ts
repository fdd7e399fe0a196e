import { OPERATOR, operatorCaller } from "../domain/access.ts";
import type { KindDefinition } from "../domain/kind.ts";
import { KINDS } from "../domain/kinds/index.ts";
import { parseRecordInput } from "../domain/record-input.ts";
import { canonicalJson } from "../ledger/canonical-json.ts";
import { hasProcessEntry } from "../store/ledger.repository.ts";
import { listProcesses } from "../store/process.repository.ts";
import { listRecords, type StoredRecord } from "../store/record.repository.ts";
import { appliedUpgrades, markUpgradeApplied } from "../store/upgrade.repository.ts";
import { writeToProcess } from "./process-writer.ts";
import type { Services } from "./services.ts";

/** Who the ledger names for an upgrade's rewrites: the operator's software, not a person. */
const UPGRADER = operatorCaller("upgrade");
const PAGE = 1000;

export type AppliedUpgrade = { process: string; upgrade: string; records: number };

/** The stored records of one kind, a page at a time, as the operator sees them. */
async function* storedRecords(services: Services, slug: string, kind: KindDefinition) {
  let after: { sort_key: string; id: string } | undefined;
  for (;;) {
    const page = await listRecords(services.store.db, slug, OPERATOR, {
      type: kind.type,
      after,
      limit: PAGE,
    });
    yield page.slice(0, PAGE);
    const last = page.at(PAGE - 1);
    if (page.length <= PAGE || !last) return;
    after = { sort_key: last.sort_key, id: last.id };
  }
}

/** The record as its kind's schema reads it now, when that differs from what is stored. */
function upgraded(kind: KindDefinition, record: StoredRecord): Record<string, unknown> | undefined {
  const input = {
    ...record.body,
    visibility: record.visibility,
    ...(record.restricted_to ? { restricted_to: record.restricted_to } : {}),
  };
  const parsed = parseRecordInput(kind, input);
  return canonicalJson(parsed.body) === canonicalJson(record.body) ? undefined : input;
}

/**
 * Brings every process's records through the schema upgrades their kinds declare (a kind's
 * `upgrades`): a record stored in an older shape is rewritten as its schema now reads it, as an
 * ordinary update in the ledger, so the ledger keeps both versions and verify still holds. Each
 * upgrade runs once per process; a process created after it has nothing to rewrite and is marked
 * at once. Safe to run at every start.
 */
export async function upgradeRecords(services: Services): Promise<AppliedUpgrade[]> {
  const applied: AppliedUpgrade[] = [];
  for (const process of await listProcesses(services.store.db)) {
    const slug = process.id;
    // Stores made before a process's own fields were ledgered get them into the ledger now.
    if (!(await hasProcessEntry(services.store.db, slug))) {
      await writeToProcess(services, slug, UPGRADER, async (writer) => {
        await writer.ledgerCurrentFields();
      });
      applied.push({ process: slug, upgrade: "process-fields-in-ledger", records: 1 });
    }
    const done = await appliedUpgrades(services.store.db, slug);
    for (const kind of KINDS) {
      const pending = (kind.upgrades ?? []).filter((id) => !done.has(id));
      if (pending.length === 0) continue;
      let rewritten = 0;
      for await (const page of storedRecords(services, slug, kind)) {
        const changes = page.flatMap((record) => {
          const input = upgraded(kind, record);
          return input ? [{ record, input }] : [];
        });
        if (changes.length === 0) continue;
        rewritten += await writeToProcess(services, slug, UPGRADER, async (writer) => {
          // Under the process's lock: a server starting beside this one may have rewritten some
          // already, and those are left as they are now.
          const current = new Map(
            (await writer.findMany(changes.map((c) => c.record.id))).map((r) => [r.id, r.version]),
          );
          let count = 0;
          for (const { record, input } of changes) {
            if (current.get(record.id) !== record.version) continue;
            await writer.update(kind.type, record.id, input, record.version);
            count += 1;
          }
          return count;
        });
      }
      const at = services.now().toISOString();
      for (const id of pending) {
        await markUpgradeApplied(services.store.db, slug, { id, records: rewritten, at });
        applied.push({ process: slug, upgrade: id, records: rewritten });
      }
    }
  }
  return applied;
}
