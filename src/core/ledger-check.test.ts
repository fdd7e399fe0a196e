import { describe, expect, it } from "vitest";
import { buildEntry } from "../ledger/entry.ts";
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
