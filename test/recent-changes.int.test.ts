import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcess } from "../src/core/create-process.ts";
import { createRecord } from "../src/core/create-record.ts";
import { deleteRecord } from "../src/core/delete-record.ts";
import { recentChanges } from "../src/core/recent-changes.ts";
import type { Services } from "../src/core/services.ts";
import { OPERATOR, operatorCaller, PUBLIC } from "../src/domain/access.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const HOUR = 60 * 60 * 1000;

describe.each(STORE_NAMES)("what changed lately (%s)", (storeName) => {
  let services: Services;
  const caller = operatorCaller("test");
  beforeAll(async () => {
    services = await openTestServices(storeName);
    await createProcess(services, { slug: "t", name: "Test" }, caller);
    await createRecord(services, "t", "actor", { name: "Side A", roles: ["party"] }, caller);
    const incident = (input: Record<string, unknown>) =>
      createRecord(
        services,
        "t",
        "incident",
        {
          title: "Shelling",
          kind: "shelling",
          date: { value: "2021-11-16", precision: "day" },
          place: { name: "Sotk", precision: "settlement" },
          ...input,
        },
        caller,
      );
    await incident({ visibility: "public" });
    await incident({ visibility: "members" });
    const gone = await incident({ visibility: "public" });
    await deleteRecord(services, "t", "incident", String(gone.id), undefined, caller);
  });
  afterAll(() => services.store.close());

  const counts = (changes: Awaited<ReturnType<typeof recentChanges>>) =>
    Object.fromEntries(
      changes.changes.map((c) => [`${c.type} ${c.action}`, [c.last_day, c.last_week]]),
    );

  it("counts each kind's creations and removals of the last day and week, not the process's own entry", async () => {
    expect(counts(await recentChanges(services, "t", OPERATOR))).toEqual({
      "actor create": [1, 1],
      "incident create": [3, 3],
      "incident delete": [1, 1],
    });
  });

  it("counts only what the viewer may see", async () => {
    expect(counts(await recentChanges(services, "t", PUBLIC))).toEqual({
      "actor create": [1, 1],
      "incident create": [2, 2],
      "incident delete": [1, 1],
    });
  });

  it("moves changes out of the day after 24 hours and out of the week after 7 days", async () => {
    const later = (hours: number) => new Date(Date.now() + hours * HOUR);
    expect(counts(await recentChanges(services, "t", OPERATOR, later(25)))).toEqual({
      "actor create": [0, 1],
      "incident create": [0, 3],
      "incident delete": [0, 1],
    });
    expect((await recentChanges(services, "t", OPERATOR, later(8 * 24))).changes).toEqual([]);
  });

  it("says so of a process that does not exist", async () => {
    await expect(recentChanges(services, "nope", OPERATOR)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
