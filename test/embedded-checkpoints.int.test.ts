import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcess } from "../src/core/create-process.ts";
import { keepCheckpointing } from "../src/core/embedded-checkpoints.ts";
import type { Services } from "../src/core/services.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { checkpointLsn, openTestServices } from "./support/stores.ts";

describe("checkpoints of the embedded store", () => {
  let services: Services;
  beforeAll(async () => {
    services = await openTestServices("pglite");
  });
  afterAll(() => services.store.close());

  it("are taken on a timer while a server runs, and stop when asked", async () => {
    const redo = () => checkpointLsn(services);
    const errors: unknown[] = [];
    const stop = keepCheckpointing(services, (error) => errors.push(error), 50);
    const before = await redo();
    await createProcess(services, { slug: "c", name: "C" }, operatorCaller("test"));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const during = await redo();
    expect(during).not.toBe(before);
    stop();
    // A checkpoint already under way when stopped may still end: read after it would have.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = await redo();
    await createProcess(services, { slug: "d", name: "D" }, operatorCaller("test"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await redo()).toBe(stopped);
    expect(errors).toEqual([]);
  });
});
