/// <reference lib="dom" />

import { existsSync, mkdirSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { addUser } from "../../src/core/accounts.ts";
import { loadReferenceProcess } from "../../src/core/load-reference-process.ts";
import type { Services } from "../../src/core/services.ts";
import { operatorCaller } from "../../src/domain/access.ts";
import { buildApp } from "../../src/server/app.ts";
import { hasWebApp } from "../../src/server/routes/web.ts";
import { openTestServices } from "../../test/support/stores.ts";

/**
 * What every browser test file starts from: the example process in a PGlite store of its own,
 * a user per role, the app on a free port and Debian's Chromium. One file, one store, one browser.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
];
/** The example's slug: tests may name the example, the code may not. */
export const EXAMPLE_SLUG = "armenia-azerbaijan";
export const SHOTS = "test-results/screenshots";
export const PASSWORD = "a long enough passphrase";
export const USERS = {
  monitor: "monitor@e2e.example",
  mediator: "mediator@e2e.example",
  delegate: "arm-delegate@e2e.example",
  admin: "admin@e2e.example",
} as const;

/** Browser tests run where Chromium is installed and the web app is built; say why not otherwise. */
export const canRunBrowserTests = existsSync(CHROMIUM) && hasWebApp();
if (!canRunBrowserTests) {
  console.warn(
    `Skipping browser tests: ${existsSync(CHROMIUM) ? "the web app is not built (npm run build)" : `no Chromium at ${CHROMIUM}`}`,
  );
}

export interface WebApp {
  services: Services;
  app: FastifyInstance;
  browser: Browser;
  /** http://127.0.0.1:PORT */
  base: string;
  /** A bearer token of the admin user, for API calls that set up or check a test. */
  adminToken: string;
  /** Opens a page (signed in as a user when asked), collecting console errors, with a screenshot. */
  open(
    path: string,
    name: string,
    options?: { signedInAs?: string; viewport?: { width: number; height: number } },
  ): Promise<{ page: Page; errors: string[] }>;
  /** Signs a page in through the login form, then goes to `next`. */
  signIn(page: Page, email: string, next?: string): Promise<void>;
  /** A fetch against the API as the admin. */
  api(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startWebApp(
  options: { example?: boolean; context?: BrowserContextOptions } = {},
): Promise<WebApp> {
  const services = await openTestServices("pglite");
  if (options.example !== false) await loadReferenceProcess(services, operatorCaller("test"));
  await addUser(services, { email: USERS.monitor, role: "monitor", password: PASSWORD });
  await addUser(services, { email: USERS.mediator, role: "mediator", password: PASSWORD });
  if (options.example !== false) {
    await addUser(services, {
      email: USERS.delegate,
      role: "delegate",
      party: "ARM",
      process: EXAMPLE_SLUG,
      password: PASSWORD,
    });
  }
  const adminToken = (
    await addUser(
      services,
      { email: USERS.admin, role: "admin", password: PASSWORD },
      { token: true },
    )
  ).token as string;
  const app = await buildApp(services, { rateLimit: 100_000 });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  mkdirSync(SHOTS, { recursive: true });

  async function signIn(page: Page, email: string, next = "/"): Promise<void> {
    await page.goto(`${base}/login?next=${encodeURIComponent(next)}`, { waitUntil: "networkidle" });
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText(`${email} · `).waitFor();
    await page.waitForLoadState("networkidle");
  }

  return {
    services,
    app,
    browser,
    base,
    adminToken,
    signIn,
    async open(path, name, { signedInAs, viewport } = {}) {
      const page = await browser.newPage({
        viewport: viewport ?? { width: 1280, height: 900 },
        ...options.context,
      });
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(String(error)));
      if (signedInAs) await signIn(page, signedInAs, path);
      else await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
      await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
      return { page, errors };
    },
    api(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set("authorization", `Bearer ${adminToken}`);
      if (init.body && !headers.has("content-type"))
        headers.set("content-type", "application/json");
      return fetch(`${base}${path}`, { ...init, headers });
    },
    async close() {
      await browser.close();
      await app.close();
      await services.store.close();
    },
  };
}
