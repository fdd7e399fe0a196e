import type { Services } from "../core/services.ts";
import { buildApp } from "./app.ts";

/**
 * Services for an app that only describes itself: the routes are declared, no request is served,
 * so nothing may use them (and nothing does until a handler runs).
 */
const NO_SERVICES = new Proxy({} as Services, {
  get(_target, property) {
    throw new Error(
      `The OpenAPI document is built without a store, yet services.${String(property)} was read`,
    );
  },
});

/**
 * The OpenAPI document `/api/openapi.json` serves, from the routes alone, with no store opened:
 * what `npm run check` lints (scripts/lint-openapi.mjs) and src/server/openapi.test.ts checks.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const app = await buildApp(NO_SERVICES);
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
