import { describe, expect, it } from "vitest";
import { canonicalJson } from "../ledger/canonical-json.ts";
import { buildEntry, leafHashOf } from "../ledger/entry.ts";
import { LedgerCheck } from "./ledger-check.ts";

/** A ledger of `n` records created, the first two updated, one deleted, one personal. */
function ledger(n: number) {
  const records = new Map<string, Record<string, unknown>>();
  const entries: Array<{ seq: number; leaf_hash: Uint8Array; content: string }> = [];
  const add = (
    action: "create" | "update" | "delete",
    id: string,
    record: Record<string, unknown> | null,
    isPersonal = false,
  ) => {
    const seq = entries.length;
    const { content, leafHash } = buildEntry({
      process: "p",
      seq,
      at: "2026-11-27T00:00:00.000Z",
      principal: "test",
      action,
      type: "incident",
      id,
      record,
      isPersonal,
      visibility: "public",
      restricted_to: null,
      follows: 0,
    });
    entries.push({ seq, leaf_hash: leafHash, content });
    if (record) records.set(id, record);
    else records.delete(id);
  };
  for (let i = 0; i < n; i++) add("create", `r${i}`, { id: `r${i}`, title: `Incident ${i}` });
  add("update", "r0", { id: "r0", title: "Incident 0, corrected" });
  add("update", "r1", { id: "r1", title: "Incident 1, corrected" });
  add("delete", "r2", null);
  add("create", "person", { id: "person", name: "A detainee" }, true);
  return { entries, records };
}

async function check(n: number, change?: (records: Map<string, Record<string, unknown>>) => void) {
  const { entries, records } = ledger(n);
  change?.(records);
  const checker = new LedgerCheck("p", [], new Map());
  for (const entry of entries) checker.add(entry);
  checker.finishEntries();
  const count = await checker.checkRecords(
    [...records].map(([id, view]) => ({ id, view })),
    true,
  );
  return { count, problems: checker.sortedProblems().map((p) => p.message) };
}

describe("checking records against the ledger's last word on each", () => {
  it("passes an intact ledger of more records than the first allotment of slots", async () => {
    const { count, problems } = await check(3000);
    expect(problems).toEqual([]);
    expect(count).toBe(3000);
  });

  it("finds a changed, a missing, an extra and a deleted-but-present record", async () => {
    const { problems } = await check(3000, (records) => {
      records.set("r2999", { id: "r2999", title: "rewritten" });
      records.delete("r1500");
      records.set("extra", { id: "extra" });
      records.set("r2", { id: "r2", title: "Incident 2" });
      records.set("person", { id: "person", name: "Someone else" });
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'record "r2999" differs from what ledger entry 2999 says it is',
        'record "r1500" (ledger entry 1500) is missing from the store',
        'record "extra" exists but the ledger has no current entry for it',
        'record "r2" exists but the ledger has no current entry for it',
        'record "person" differs from what ledger entry 3003 says it is',
      ]),
    );
    expect(problems).toHaveLength(5);
  });
});

describe("entries of format 1, written before visibility and the head chain were in the content", () => {
  /** An entry exactly as format 1 wrote it: no visibility, no `follows`. */
  const legacy = (seq: number, record: Record<string, unknown>) => {
    const content = canonicalJson({
      v: 1,
      process: "p",
      seq,
      at: "2021-12-01T00:00:00.000Z",
      principal: "operator:old-code",
      action: "create",
      type: "incident",
      id: String(record.id),
      record,
    });
    return { seq, leaf_hash: leafHashOf(content), content };
  };
  const columns = (visibility: string) => ({
    record_id: "r0",
    action: "create",
    record_type: "incident",
    at: new Date("2021-12-01T00:00:00.000Z"),
    principal: "operator:old-code",
    visibility,
    restricted_to: null,
  });

  it("still verify, their visibility column checked against the record they hold", () => {
    const checker = new LedgerCheck("p", [], new Map());
    checker.add({ ...legacy(0, { id: "r0", visibility: "public" }), columns: columns("public") });
    expect(checker.sortedProblems()).toEqual([]);
    const tampered = new LedgerCheck("p", [], new Map());
    tampered.add({ ...legacy(0, { id: "r0", visibility: "public" }), columns: columns("members") });
    expect(tampered.sortedProblems().map((p) => p.message)).toEqual([
      "entry 0's visibility column disagrees with its signed content",
    ]);
  });
});

describe("the record digests of the ledger pass", () => {
  const entryOf = (record: Record<string, unknown>) => {
    const { content, leafHash } = buildEntry({
      process: "p",
      seq: 0,
      at: "2026-11-27T00:00:00.000Z",
      principal: "test",
      action: "create",
      type: "incident",
      id: "r0",
      record,
      isPersonal: false,
      visibility: "public",
      restricted_to: null,
      follows: 0,
    });
    return { seq: 0, leaf_hash: leafHash, content };
  };
  const problemsOf = async (record: Record<string, unknown>, view: Record<string, unknown>) => {
    const checker = new LedgerCheck("p", [], new Map());
    checker.add(entryOf(record));
    await checker.checkRecords([{ id: "r0", view }], true);
    return checker.sortedProblems().map((p) => p.message);
  };

  it("match records whose keys JSON.parse reorders (integers) and text that needs escaping", async () => {
    const record = {
      id: "r0",
      attributes: { "10": "ten", "9": "nine", b: '\u2028 \ud800 "quoted"' },
      n: -0,
    };
    expect(await problemsOf(record, { ...record })).toEqual([]);
  });

  it("still find a record that differs in one value", async () => {
    const record = { id: "r0", attributes: { "10": "ten" }, title: "A" };
    expect(await problemsOf(record, { ...record, title: "B" })).toEqual([
      'record "r0" differs from what ledger entry 0 says it is',
    ]);
    expect(await problemsOf({ id: "r0", title: "A" }, { id: "r0", title: "B" })).toHaveLength(1);
  });
});
