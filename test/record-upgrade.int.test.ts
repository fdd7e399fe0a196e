import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ledgerAppender } from "../src/core/ledger-appender.ts";
import { listLedgerEntries } from "../src/core/ledger-queries.ts";
import { loadReferenceProcess } from "../src/core/load-reference-process.ts";
import { ledgerView } from "../src/core/present.ts";
import type { Services } from "../src/core/services.ts";
import { upgradeRecords } from "../src/core/upgrade-records.ts";
import { verifyLedger } from "../src/core/verify-ledger.ts";
import { OPERATOR, operatorCaller, PUBLIC } from "../src/domain/access.ts";
import { kindByType } from "../src/domain/kinds/index.ts";
import { indexColumns } from "../src/domain/record-index.ts";
import { lockProcessLedger } from "../src/store/process.repository.ts";
import { findRecord, listRecords, updateRecord } from "../src/store/record.repository.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const SLUG = "armenia-azerbaijan";
const body = kindByType("body");

/**
 * Writes the example's bodies back as the code before the upgrade stored them (members as bare
 * actor ids), with their ledger entries, exactly as that code appended them: a store of that time.
 */
async function storeAsBeforeTheUpgrade(services: Services): Promise<void> {
  if (!body) throw new Error("no body kind");
  await services.store.db.transaction().execute(async (tx) => {
    const state = await lockProcessLedger(tx, SLUG);
    if (!state) throw new Error("no process");
    const at = new Date("2021-12-01T00:00:00Z").toISOString();
    const ledger = ledgerAppender({ slug: SLUG, ...state, at, principal: "operator:old-code" });
    const stored = await listRecords(tx, SLUG, OPERATOR, { type: "body", limit: 100 });
    for (const record of stored) {
      const members = record.body.members as Array<{ actor_id: string }>;
      const old = { ...record.body, members: members.map((m) => m.actor_id) };
      const write = {
        process_id: SLUG,
        id: record.id,
        type: "body",
        version: record.version + 1,
        visibility: record.visibility,
        restricted_to: record.restricted_to,
        body: old,
        index: indexColumns(body, old),
        refs: [...new Set(record.body.source_ids as string[])],
        at,
      };
      expect(await updateRecord(tx, write, record.version)).toBe(true);
      ledger.append({
        action: "update",
        type: "body",
        id: record.id,
        view: ledgerView(write),
        seenAs: write,
      });
    }
    await ledger.finish(tx, services.signer);
  });
}

describe.each(STORE_NAMES)(
  "records of an older shape, upgraded through the ledger, on %s",
  (storeName) => {
    let services: Services;
    beforeEach(async () => {
      services = await openTestServices(storeName);
      await loadReferenceProcess(services, operatorCaller("test"));
      await storeAsBeforeTheUpgrade(services);
    });
    afterEach(async () => {
      await services.store.close();
    });

    it("is verified before, rewritten once without loss, and verified after", async () => {
      expect((await verifyLedger(services)).ok).toBe(true);
      const before = await findRecord(
        services.store.db,
        SLUG,
        "body-trilateral-working-group",
        OPERATOR,
      );
      expect(before?.body.members).toEqual(["ARM", "AZE", "RUS"]);

      const applied = await upgradeRecords(services);
      expect(applied).toEqual([{ process: SLUG, upgrade: "body-members-with-spans", records: 3 }]);

      const after = await findRecord(
        services.store.db,
        SLUG,
        "body-trilateral-working-group",
        OPERATOR,
      );
      expect(after?.body.members).toEqual([
        { actor_id: "ARM" },
        { actor_id: "AZE" },
        { actor_id: "RUS" },
      ]);
      expect(after?.version).toBe((before?.version ?? 0) + 1);
      // Nothing else in the record changed.
      const { members: _a, ...restBefore } = before?.body ?? {};
      const { members: _b, ...restAfter } = after?.body ?? {};
      expect(restAfter).toEqual(restBefore);

      const report = await verifyLedger(services);
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);

      // The ledger holds both shapes: the rewrite is an update by the upgrade, the old one kept.
      const { entries } = await listLedgerEntries(services, SLUG, 0, 1000, PUBLIC);
      const mine = entries.filter((e) => e.record_id === "body-trilateral-working-group");
      expect(mine.map((e) => e.principal).slice(-2)).toEqual([
        "operator:old-code",
        "operator:upgrade",
      ]);

      // Once only: a second run rewrites nothing and adds no entry.
      const size = (await verifyLedger(services)).processes[0]?.entries;
      expect(await upgradeRecords(services)).toEqual([]);
      expect((await verifyLedger(services)).processes[0]?.entries).toBe(size);
    });
  },
);
