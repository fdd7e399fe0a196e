import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../src/core/services.ts";
import { buildApp } from "../src/server/app.ts";
import { openTestServices } from "./support/stores.ts";

const STYLE = "https://tiles.example.org/styles/liberty/style.json";

describe("GET /api/config and the map style's CSP", () => {
  let services: Services;
  beforeAll(async () => {
    services = await openTestServices("pglite");
  });
  afterAll(async () => {
    await services?.store.close();
  });

  it("stays offline by default: no style URL, and pages connect to nothing but this server", async () => {
    const app = await buildApp(services);
    const config = await app.inject("/api/config");
    expect(config.statusCode).toBe(200);
    expect(config.json()).toEqual({ map_style_url: null, offline_sign_in_hours: 72 });
    const policy = String((await app.inject("/")).headers["content-security-policy"]);
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toContain("tiles.example.org");
    await app.close();
  });

  it("hands a configured style URL to the web app and lets pages reach its origin only", async () => {
    const app = await buildApp(services, { mapStyleUrl: STYLE, offlineSignInHours: 12 });
    // The offline sign-in's bound is configured the same way (TRUCE_OFFLINE_SIGNIN_HOURS).
    expect((await app.inject("/api/config")).json()).toEqual({
      map_style_url: STYLE,
      offline_sign_in_hours: 12,
    });
    const policy = String((await app.inject("/")).headers["content-security-policy"]);
    expect(policy).toMatch(/connect-src 'self' https:\/\/tiles\.example\.org(;|$)/);
    expect(policy).toMatch(/img-src [^;]*https:\/\/tiles\.example\.org/);
    expect(policy).not.toContain("/styles/liberty");
    const spec = (await app.inject("/api/openapi.json")).json();
    expect(Object.keys(spec.paths)).toContain("/api/config");
    await app.close();
  });

  it("refuses a style URL that is not http(s) at start", async () => {
    await expect(buildApp(services, { mapStyleUrl: "javascript:alert(1)" })).rejects.toThrow(
      /TRUCE_MAP_STYLE_URL/,
    );
  });
});
