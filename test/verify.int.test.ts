import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRecord } from "../src/core/create-record.ts";
import { loadReferenceProcess } from "../src/core/load-reference-process.ts";
import type { Services } from "../src/core/services.ts";
import { verifyLedger } from "../src/core/verify-ledger.ts";
import { leafHashOf } from "../src/ledger/entry.ts";
import { sampleInput } from "./support/factories.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const SLUG = "armenia-azerbaijan";

describe.each(STORE_NAMES)("truce verify on %s", (storeName) => {
  let services: Services;
  beforeEach(async () => {
    services = await openTestServices(storeName);
    await loadReferenceProcess(services, "test");
  });
  afterEach(async () => {
    await services.store.close();
  });

  const firstProblem = async () => {
    const report = await verifyLedger(services);
    expect(report.ok).toBe(false);
    return report.problems[0];
  };

  it("passes on an untouched record and after ordinary edits", async () => {
    await createRecord(services, SLUG, "incident", sampleInput("incident"), "test");
    const report = await verifyLedger(services, SLUG);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.processes[0]?.records).toBe(report.processes[0]?.entries);
  });

  it("finds a record changed by SQL", async () => {
    await sql`UPDATE record SET body = jsonb_set(body, '{title}', '"Quiet day"') WHERE id = 'inc-2020-war'`.execute(
      services.store.db,
    );
    expect(await firstProblem()).toMatchObject({
      record_id: "inc-2020-war",
      message: expect.stringContaining("differs"),
    });
  });

  it("finds a record's visibility changed by SQL", async () => {
    await sql`UPDATE record SET visibility = 'confidential' WHERE id = 'ARM'`.execute(
      services.store.db,
    );
    expect(await firstProblem()).toMatchObject({ record_id: "ARM" });
  });

  it("finds a record deleted by SQL", async () => {
    await sql`DELETE FROM record WHERE id = 'src-reference-summary'`.execute(services.store.db);
    expect(await firstProblem()).toMatchObject({
      record_id: "src-reference-summary",
      message: expect.stringContaining("missing"),
    });
  });

  it("finds a record inserted by SQL", async () => {
    await sql`INSERT INTO record SELECT process_id, 'forged', type, version, visibility, restricted_to, body, kind,
      date_start, date_end, west, south, east, north, verification, sort_key, search, created_at, updated_at
      FROM record WHERE id = 'inc-2020-war'`.execute(services.store.db);
    expect(await firstProblem()).toMatchObject({ record_id: "forged" });
  });

  it("finds a ledger entry rewritten by SQL, even with its leaf hash recomputed", async () => {
    const { rows } = await sql<{
      content: string;
    }>`SELECT content FROM ledger_entry WHERE seq = 5`.execute(services.store.db);
    const forged = (rows[0]?.content ?? "").replace(
      '"principal":"test"',
      '"principal":"someone-else"',
    );
    expect(forged).toContain("someone-else");
    await sql`UPDATE ledger_entry SET content = ${forged}, leaf_hash = ${leafHashOf(forged)} WHERE seq = 5`.execute(
      services.store.db,
    );
    const problem = await firstProblem();
    expect(problem?.message).toMatch(/signed tree head/);
  });

  it("finds a ledger entry whose content no longer matches its leaf hash", async () => {
    await sql`UPDATE ledger_entry SET content = replace(content, '"test"', '"mallory"') WHERE seq = 2`.execute(
      services.store.db,
    );
    expect(await firstProblem()).toMatchObject({
      seq: 2,
      message: expect.stringContaining("leaf hash"),
    });
  });

  it("finds a ledger entry deleted by SQL", async () => {
    await sql`DELETE FROM ledger_entry WHERE seq = 7`.execute(services.store.db);
    expect(await firstProblem()).toMatchObject({
      seq: 7,
      message: expect.stringContaining("missing"),
    });
  });

  it("finds a forged tree head signature", async () => {
    await sql`UPDATE tree_head SET signature = ${new Uint8Array(64)}`.execute(services.store.db);
    expect((await firstProblem())?.message).toMatch(/signature/);
  });
});
