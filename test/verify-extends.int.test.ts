import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRecord } from "../src/core/create-record.ts";
import { exportBundle } from "../src/core/export-bundle.ts";
import { getLedgerHead } from "../src/core/ledger-queries.ts";
import { loadReferenceProcess } from "../src/core/load-reference-process.ts";
import { readSavedHead } from "../src/core/saved-head.ts";
import type { Services } from "../src/core/services.ts";
import { verifyBundle } from "../src/core/verify-bundle.ts";
import { verifyLedger } from "../src/core/verify-ledger.ts";
import { OPERATOR, operatorCaller } from "../src/domain/access.ts";
import { sampleInput } from "./support/factories.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const SLUG = "armenia-azerbaijan";
const caller = operatorCaller("test");

async function bundleJson(services: Services): Promise<unknown> {
  let text = "";
  for await (const chunk of exportBundle(services, SLUG, OPERATOR, {})) text += chunk;
  return JSON.parse(text);
}

/** The head as a reader saves it from GET .../ledger/head, through JSON. */
async function savedHead(services: Services) {
  return readSavedHead(JSON.parse(JSON.stringify(await getLedgerHead(services, SLUG))));
}

describe.each(STORE_NAMES)("truce verify --extends on %s", (storeName) => {
  let services: Services;
  beforeAll(async () => {
    services = await openTestServices(storeName);
    await loadReferenceProcess(services, caller);
  }, 120_000);
  afterAll(async () => {
    await services?.store.close();
  });

  it("proves the store and its bundle extend a head saved earlier, and a rollback and a fork that verify alone misses", async () => {
    const db = services.store.db;
    const before = await savedHead(services);
    const { rows } = await sql<{
      frontier: unknown;
    }>`SELECT ledger_frontier AS frontier FROM process WHERE id = ${SLUG}`.execute(db);
    const frontierBefore = JSON.stringify(rows[0]?.frontier);
    await createRecord(
      services,
      SLUG,
      "source",
      { ...sampleInput("source"), id: "src-later" },
      caller,
    );
    const later = await savedHead(services);
    expect(later.tree_size).toBe(before.tree_size + 1);

    // The live store and a bundle of it extend both heads.
    for (const head of [before, later]) {
      const report = await verifyLedger(services, undefined, { extends: head });
      expect(report.problems).toEqual([]);
      expect(report.extends).toEqual({ first: head.tree_size, second: later.tree_size, ok: true });
    }
    const bundle = await bundleJson(services);
    const fromBundle = await verifyBundle(bundle, { earlier: before });
    expect(fromBundle.problems).toEqual([]);
    expect(fromBundle.extends?.ok).toBe(true);
    const forged = { ...before, root_hash: "ab".repeat(32) };
    const forgedReport = await verifyBundle(bundle, { earlier: forged });
    expect(forgedReport.ok).toBe(false);
    expect(forgedReport.problems[0]?.message).toMatch(/forks from the saved head/);

    // An operator rolls the store back, whole and consistent: the last transaction's entry, head,
    // subtree hashes and record go, the process row's ledger state is put back.
    await sql`DELETE FROM ledger_entry WHERE process_id = ${SLUG} AND seq >= ${before.tree_size}`.execute(
      db,
    );
    await sql`DELETE FROM tree_head WHERE process_id = ${SLUG} AND tree_size > ${before.tree_size}`.execute(
      db,
    );
    await sql`DELETE FROM ledger_node WHERE process_id = ${SLUG}
      AND ((index + 1) << level::int) > ${before.tree_size}`.execute(db);
    await sql`DELETE FROM record WHERE process_id = ${SLUG} AND id = 'src-later'`.execute(db);
    await sql`UPDATE process SET ledger_size = ${before.tree_size},
      ledger_frontier = ${frontierBefore}::jsonb WHERE id = ${SLUG}`.execute(db);
    // On its own the store is consistent: only a head kept outside it can tell.
    expect((await verifyLedger(services)).problems).toEqual([]);
    const rolledBack = await verifyLedger(services, undefined, { extends: later });
    expect(rolledBack.ok).toBe(false);
    expect(rolledBack.extends?.ok).toBe(false);
    expect(rolledBack.problems[0]?.message).toMatch(
      new RegExp(`rolled back: it has ${before.tree_size} entries, .* has ${later.tree_size}`),
    );

    // ... and writes another history of the same length: a fork.
    await createRecord(
      services,
      SLUG,
      "source",
      { ...sampleInput("source"), id: "src-other" },
      caller,
    );
    expect((await verifyLedger(services)).problems).toEqual([]);
    const forked = await verifyLedger(services, undefined, { extends: later });
    expect(forked.ok).toBe(false);
    expect(forked.problems[0]).toMatchObject({
      seq: later.tree_size - 1,
      message: expect.stringMatching(/forks from the saved head/),
    });
    // The head saved before the rollback is still extended.
    expect((await verifyLedger(services, undefined, { extends: before })).ok).toBe(true);
  });

  it("refuses a saved head whose signature is not the server's, and one of another process", async () => {
    const head = await savedHead(services);
    const unsigned = { ...head, timestamp: "2000-01-01T00:00:00.000Z" };
    const report = await verifyLedger(services, undefined, { extends: unsigned });
    expect(report.problems.map((p) => p.message)).toContain(
      `the saved head of size ${head.tree_size} carries no valid signature of the server's keys`,
    );
    expect(() => readSavedHead({ tree_size: 3 })).toThrow(/neither a signed tree head/);
    const other = await verifyLedger(services, SLUG, {
      extends: { ...head, process: "another-process" },
    });
    expect(other.problems[0]?.message).toMatch(/of process "another-process"/);
  });
});
