import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRecord } from "../src/core/create-record.ts";
import {
  getConsistencyProof,
  getInclusionProof,
  getLedgerHead,
  listLedgerEntries,
} from "../src/core/ledger-queries.ts";
import { loadReferenceProcess } from "../src/core/load-reference-process.ts";
import { writeToProcess } from "../src/core/process-writer.ts";
import type { Services } from "../src/core/services.ts";
import { verifyLedger } from "../src/core/verify-ledger.ts";
import { OPERATOR, operatorCaller } from "../src/domain/access.ts";
import { kindByType } from "../src/domain/kinds/index.ts";
import { parseRecordInput } from "../src/domain/record-input.ts";
import { leafHashOf } from "../src/ledger/entry.ts";
import { fromHex, verifyConsistency, verifyInclusion } from "../src/ledger/merkle.ts";
import { sampleInput } from "./support/factories.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const SLUG = "armenia-azerbaijan";

describe.each(STORE_NAMES)("truce verify on %s", (storeName) => {
  let services: Services;
  beforeEach(async () => {
    services = await openTestServices(storeName);
    await loadReferenceProcess(services, operatorCaller("test"));
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
    await createRecord(services, SLUG, "incident", sampleInput("incident"), operatorCaller("test"));
    const report = await verifyLedger(services, SLUG);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    // One entry per record, and one for the process's own fields.
    expect(report.processes[0]?.records).toBe((report.processes[0]?.entries ?? 0) - 1);
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
      '"principal":"operator:test"',
      '"principal":"someone-else"',
    );
    expect(forged).toContain("someone-else");
    await sql`UPDATE ledger_entry SET content = ${forged}, leaf_hash = ${leafHashOf(forged)} WHERE seq = 5`.execute(
      services.store.db,
    );
    // The forged entry no longer fits the stored subtree hashes nor the signed heads.
    const report = await verifyLedger(services);
    expect(report.ok).toBe(false);
    const messages = report.problems.map((p) => p.message).join("\n");
    expect(messages).toMatch(/subtree hash 4:0/);
    expect(messages).toMatch(/signed tree head/);
  });

  it("finds a ledger entry whose content no longer matches its leaf hash", async () => {
    await sql`UPDATE ledger_entry SET content = replace(content, '"operator:test"', '"mallory"') WHERE seq = 2`.execute(
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

  it("keeps subtree hashes for proofs, proves from them, and finds one tampered with", async () => {
    const source = kindByType("source");
    if (!source) throw new Error("no source kind");
    await writeToProcess(services, SLUG, operatorCaller("test"), (writer) =>
      writer.createMany(
        Array.from({ length: 700 }, (_, i) => ({
          kind: source,
          parsed: parseRecordInput(source, { id: `bulk-${i}`, title: `Report ${i}`, kind: "news" }),
        })),
      ),
    );
    const head = await getLedgerHead(services, SLUG);
    const size = head.tree_size;
    expect(size).toBeGreaterThan(700);
    const root = fromHex((head as { root_hash: string }).root_hash);
    const entries = await listLedgerEntries(services, SLUG, 600, 1, OPERATOR);
    const proof = await getInclusionProof(services, SLUG, 600, size);
    const leaf = fromHex((entries.entries[0] as { leaf_hash: string }).leaf_hash);
    expect(
      verifyInclusion(leaf, 600, size, (proof.audit_path as string[]).map(fromHex), root),
    ).toBe(true);
    const consistency = await getConsistencyProof(services, SLUG, 300, size);
    expect(
      verifyConsistency(
        300,
        size,
        fromHex(consistency.first_root_hash as string),
        root,
        (consistency.consistency_path as string[]).map(fromHex),
      ),
    ).toBe(true);
    expect((await verifyLedger(services)).ok).toBe(true);

    await sql`UPDATE ledger_node SET hash = ${new Uint8Array(32)} WHERE level = 8 AND index = 1`.execute(
      services.store.db,
    );
    expect((await firstProblem())?.message).toMatch(/subtree hash 8:1/);
  });
});
