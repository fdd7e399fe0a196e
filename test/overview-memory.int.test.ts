import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcess } from "../src/core/create-process.ts";
import { createRecord } from "../src/core/create-record.ts";
import { importRecords } from "../src/core/import-records.ts";
import type { Services } from "../src/core/services.ts";
import { OPERATOR, operatorCaller } from "../src/domain/access.ts";
import { BYTES_PER_INCIDENT, OverviewMemory } from "../src/read-model/overview-memory.ts";
import { findProcess } from "../src/store/process.repository.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const OP = operatorCaller("test");

function incident(id: string, day: number): Record<string, unknown> {
  return {
    type: "incident",
    id,
    title: `Incident ${id}`,
    kind: "shelling",
    date: { value: `2021-05-${String(day).padStart(2, "0")}`, precision: "day" },
    visibility: "public",
    place: { name: "Near the line", precision: "settlement", lon: 45.5, lat: 40.1 },
  };
}

async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("gave up waiting");
}

describe.each(STORE_NAMES)("the overview's in-memory indexes on %s", (storeName) => {
  let services: Services;
  const sizeOf = async (slug: string) =>
    (await findProcess(services.store.db, slug))?.ledger_size ?? 0;

  beforeAll(async () => {
    services = await openTestServices(storeName);
    for (const slug of ["a", "b"]) {
      await createProcess(services, { slug, name: slug }, OP);
      const { rejected } = await importRecords(
        services,
        slug,
        Array.from({ length: 10 }, (_, i) => ({ at: String(i), record: incident(`i${i}`, i + 1) })),
        { principal: OP },
      );
      expect(rejected).toEqual([]);
    }
  });
  afterAll(() => services.store.close());

  it("answers nothing until the first request's build is done, then from memory", async () => {
    const memory = new OverviewMemory();
    const db = services.store.db;
    const size = await sizeOf("a");
    expect(await memory.query(db, "a", size, OPERATOR, {})).toBeUndefined();
    const answer = await waitFor(() => memory.query(db, "a", size, OPERATOR, {}));
    expect(answer.counts.totals.total).toBe(10);
  });

  it("keeps no index that would not fit, and makes room by dropping the least recently used", async () => {
    const db = services.store.db;
    const tooSmall = new OverviewMemory({ budgetBytes: 5 * BYTES_PER_INCIDENT });
    expect(await tooSmall.warm(db, "a")).toBe(false);
    expect(await tooSmall.query(db, "a", await sizeOf("a"), OPERATOR, {})).toBeUndefined();

    const forOne = new OverviewMemory({ budgetBytes: 15 * BYTES_PER_INCIDENT });
    expect(await forOne.warm(db, "a")).toBe(true);
    expect(await forOne.warm(db, "b")).toBe(true);
    // b's index took a's room: a's next request starts building it again.
    const fromB = await forOne.query(db, "b", await sizeOf("b"), OPERATOR, {});
    expect(fromB?.counts.totals.total).toBe(10);
    expect(await forOne.query(db, "a", await sizeOf("a"), OPERATOR, {})).toBeUndefined();
  });

  it("catches up in the request, or in the background when far behind", async () => {
    const db = services.store.db;
    const memory = new OverviewMemory({ catchUpInRequest: 2 });
    expect(await memory.warm(db, "b")).toBe(true);
    await createRecord(services, "b", "incident", incident("new-1", 20), OP);
    const near = await memory.query(db, "b", await sizeOf("b"), OPERATOR, {});
    expect(near?.counts.totals.total).toBe(11);
    for (const id of ["new-2", "new-3", "new-4"])
      await createRecord(services, "b", "incident", incident(id, 21), OP);
    const size = await sizeOf("b");
    expect(await memory.query(db, "b", size, OPERATOR, {})).toBeUndefined();
    const far = await waitFor(() => memory.query(db, "b", size, OPERATOR, {}));
    expect(far.counts.totals.total).toBe(14);
  });

  it("builds anew when the ledger is shorter than what it holds (the process was made again)", async () => {
    const db = services.store.db;
    const memory = new OverviewMemory();
    expect(await memory.warm(db, "a")).toBe(true);
    const size = await sizeOf("a");
    expect(await memory.query(db, "a", size - 1, OPERATOR, {})).toBeUndefined();
    const rebuilt = await waitFor(() => memory.query(db, "a", size, OPERATOR, {}));
    expect(rebuilt.counts.totals.total).toBe(10);
  });
});
