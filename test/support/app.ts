import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll } from "vitest";
import type { Services } from "../../src/core/services.ts";
import { buildApp } from "../../src/server/app.ts";
import { openTestServices } from "./stores.ts";

/**
 * The server on a fresh embedded store, for a test file's `describe`: opened before its tests,
 * closed after them. Call `app()` inside a test, once `beforeAll` has run.
 */
export function useTestApp(): { app: () => FastifyInstance; services: () => Services } {
  let services: Services | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    services = await openTestServices("pglite");
    app = await buildApp(services);
  });
  afterAll(async () => {
    await app?.close();
    await services?.store.close();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useTestApp: used before beforeAll ran");
    return value;
  };
  return { app: () => opened(app), services: () => opened(services) };
}
