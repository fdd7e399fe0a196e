/// <reference lib="dom" />

// Playwright routes a service worker's own requests only with this set (before the browser starts):
// the test cuts them too, so that "offline" holds for the worker as for the page.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = "1";

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import exifr from "exifr";
import { type BrowserContext, chromium, type Page, type Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  canRunBrowserTests,
  EXAMPLE_SLUG,
  SHOTS,
  startWebApp,
  USERS,
  type WebApp,
} from "./support/web-app.ts";

const P = `/api/processes/${EXAMPLE_SLUG}`;
const PHOTO = new URL("../test/fixtures/photos/gps-photo.jpg", import.meta.url).pathname;
const PHONE = { width: 360, height: 740 };

/** Aborts what the service worker fetches, as a phone with no signal would. */
function cutServiceWorker(route: Route) {
  if (route.request().serviceWorker()) return route.abort("internetdisconnected");
  return route.continue();
}

async function goOffline(context: BrowserContext) {
  await context.setOffline(true);
  await context.route("**", cutServiceWorker);
}

async function goOnline(context: BrowserContext) {
  await context.unroute("**", cutServiceWorker);
  await context.setOffline(false);
}

/**
 * Field reports with no connection (issue 22): the app installs a service worker, opens offline on
 * a phone's width, keeps reports in an outbox that survives closing the browser, sends each once
 * when the connection returns, shows a conflict, and its form passes axe-core.
 */
describe.runIf(canRunBrowserTests)("field reports offline, in Chromium", () => {
  let web: WebApp;
  let profile: string;
  let context: BrowserContext;
  let incident: { id: string; version: number; title: string };
  let postId: string;

  const launch = async () => {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      viewport: PHONE,
      serviceWorkers: "allow",
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return page;
  };
  const count = async (path: string, text: string, field: string) => {
    const { items } = (await (await web.api(`${P}/${path}?limit=200`)).json()) as {
      items: Array<Record<string, unknown>>;
    };
    return items.filter((item) => String(item[field] ?? "").includes(text));
  };
  const ledgerSize = async () =>
    ((await (await web.api(`${P}/ledger/head`)).json()) as { tree_size: number }).tree_size;

  beforeAll(async () => {
    web = await startWebApp();
    profile = mkdtempSync(join(tmpdir(), "truce-field-profile-"));
    const post = await web.api(`${P}/posts`, {
      method: "POST",
      body: JSON.stringify({
        name: "Post 7 (test)",
        operated_by: "RPK",
        place: { name: "Hill 7", precision: "exact", lat: 39.81, lon: 46.75 },
      }),
    });
    postId = ((await post.json()) as { id: string }).id;
    const latest = (await (await web.api(`${P}/incidents?limit=1&order=desc`)).json()) as {
      items: Array<{ id: string; version: number; title: string }>;
    };
    incident = latest.items[0] as typeof incident;
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await web?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function newReport(page: Page, kind: string, fill: () => Promise<void>) {
    await page.getByRole("button", { name: "New report" }).click();
    await page.getByLabel(kind, { exact: true }).check();
    await page.getByLabel("Reported by").selectOption("RPK");
    await fill();
    await page.locator('input[type="file"]').setInputFiles(PHOTO);
    // The photo has a GPS position: the form asks whether to keep it (it is not kept).
    await page.getByText("Keep where this photo was taken").waitFor();
    await page.getByRole("button", { name: "Save to the outbox" }).click();
    await page.getByRole("button", { name: "New report" }).waitFor();
  }

  it("makes reports offline that survive a restart and are each stored once when the connection returns", async () => {
    let page = await launch();
    await web.signIn(page, USERS.monitor, "/field");
    // The worker takes the page over; opened again online, it keeps the process's answers.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.reload({ waitUntil: "networkidle" });
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
      .toBe(true);
    await page.getByRole("button", { name: "Add to it" }).first().waitFor();

    await goOffline(context);
    await page.getByText("No connection").waitFor();

    await newReport(page, "Patrol report", async () => {
      await page.getByRole("radio", { name: "Type a place" }).check();
      await page.getByLabel("Place", { exact: true }).fill("Road north of the village");
      await page.getByLabel("What was observed").fill("Field patrol A: quiet, two vehicles");
    });
    await newReport(page, "Observation at a post", async () => {
      await page.getByRole("radio", { name: "At a post", exact: true }).check();
      await page.getByLabel("Observation post").selectOption(postId);
      await page.getByLabel("What was observed").fill("Field observation B: flares at 02:10");
    });
    await newReport(page, "Incident", async () => {
      await page.getByLabel("Title").fill("Field incident C");
      await page.getByRole("radio", { name: "Type a place" }).check();
      await page.getByLabel("Place", { exact: true }).fill("Orchard east of the road");
      await page.getByLabel("What happened").fill("Mortar rounds landed near the orchard.");
      await page.getByRole("button", { name: "Add a figure" }).click();
      await page.getByLabel("Number").fill("2");
    });
    // A report is edited before it goes, another withdrawn.
    const first = page.locator(".outbox-item", { hasText: "Field patrol A" });
    await first.getByRole("button", { name: "Change" }).click();
    await page.getByLabel("What was observed").fill("Field patrol A: quiet, three vehicles");
    await page.getByRole("button", { name: "Save the changes" }).click();
    await newReport(page, "Patrol report", async () => {
      await page.getByRole("radio", { name: "Type a place" }).check();
      await page.getByLabel("Place", { exact: true }).fill("Nowhere");
      await page.getByLabel("What was observed").fill("Field patrol W: withdrawn");
    });
    page.once("dialog", (dialog) => void dialog.accept());
    await page
      .locator(".outbox-item", { hasText: "Field patrol W" })
      .getByRole("button", { name: "Withdraw" })
      .click();
    await page
      .locator(".outbox-item", { hasText: "Field patrol W" })
      .waitFor({ state: "detached" });

    // An addition to an incident, made against the version seen offline...
    await page
      .locator(".synced-list li", { hasText: incident.title })
      .getByRole("button", { name: /Add to it/ })
      .click();
    await page.getByLabel("What you add").fill("Field addition D: craters confirmed");
    await page.getByRole("button", { name: "Save to the outbox" }).click();
    await expect.poll(() => page.locator(".outbox-item.waiting").count()).toBe(4);
    await page.screenshot({ path: `${SHOTS}/field-offline-outbox.png`, fullPage: true });

    // ...while someone else changes that incident.
    const current = (await (await web.api(`${P}/incidents/${incident.id}`)).json()) as Record<
      string,
      unknown
    >;
    const changed = await web.api(`${P}/incidents/${incident.id}`, {
      method: "PUT",
      headers: { "if-match": `"${current.version}"` },
      body: JSON.stringify({ ...current, description: "Changed at headquarters meanwhile." }),
    });
    expect(changed.status).toBe(200);

    // The browser is closed and started again on the same profile, still with no connection.
    await context.close();
    page = await launch();
    await goOffline(context);
    await page.goto(`${web.base}/field`);
    await page.getByText("No connection").waitFor();
    await expect.poll(() => page.locator(".outbox-item.waiting").count()).toBe(4);
    expect(await count("patrols", "Field patrol", "observations")).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/field-after-restart.png`, fullPage: true });
    // The map of the region opens too: its basemap is part of the app, precached.
    await page.goto(`${web.base}/map`);
    await page.locator(".maplibregl-canvas").waitFor({ timeout: 30_000 });
    await page.locator("[data-bounds]").first().waitFor();
    // For the screenshot only: the basemap is drawn in MapLibre's worker a moment later.
    await page.waitForTimeout(3000);
    await page.locator(".maplibregl-canvas").screenshot({ path: `${SHOTS}/field-map-offline.png` });
    await page.goto(`${web.base}/field`);
    await expect.poll(() => page.locator(".outbox-item.waiting").count()).toBe(4);

    const before = await ledgerSize();
    await goOnline(context);
    await expect.poll(() => page.locator(".outbox-item.sent").count(), { timeout: 60_000 }).toBe(3);
    await page.locator(".outbox-item.conflict").waitFor();
    await page.screenshot({ path: `${SHOTS}/field-sent.png`, fullPage: true });

    const patrolA = await count("patrols", "Field patrol A", "observations");
    const patrolB = await count("patrols", "Field observation B", "observations");
    const incidentC = await count("incidents", "Field incident C", "title");
    expect([patrolA.length, patrolB.length, incidentC.length]).toEqual([1, 1, 1]);
    expect(patrolA[0]?.observations).toContain("three vehicles");
    expect(patrolB[0]?.post_id).toBe(postId);
    expect(await count("patrols", "Field patrol W", "observations")).toEqual([]);
    const claims = (await (await web.api(`${P}/claims?limit=200`)).json()) as {
      items: Array<Record<string, unknown>>;
    };
    const claimC = claims.items.filter((c) => c.incident_id === incidentC[0]?.id);
    expect(claimC).toHaveLength(1);
    expect(claimC[0]?.figures).toEqual({ killed: { ARM: 2 } });
    // Two patrols, an incident and its claim.
    expect(await ledgerSize()).toBe(before + 4);

    for (const record of [...patrolA, ...patrolB, ...incidentC]) {
      expect(record.reported_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      const [attachment] = record.attachments as Array<{ sha256: string }>;
      const photo = await web.api(`${P}/photos/${attachment?.sha256}`);
      expect(photo.status).toBe(200);
      const bytes = Buffer.from(await photo.arrayBuffer());
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      // No position, and no EXIF at all: the canvas wrote none.
      expect(await exifr.gps(bytes)).toBeUndefined();
      expect(await exifr.parse(bytes)).toBeUndefined();
    }

    // Sent again after the server stored it: answered as the first time, nothing new stored.
    const sizeAfter = await ledgerSize();
    await page
      .locator(".outbox-item", { hasText: "Field patrol A" })
      .getByRole("button", { name: "Send again" })
      .click();
    await expect.poll(() => page.locator(".outbox-item.sent").count()).toBe(3);
    await page.waitForLoadState("networkidle");
    expect(await ledgerSize()).toBe(sizeAfter);
    expect(await count("patrols", "Field patrol A", "observations")).toHaveLength(1);

    // The conflict is shown with the record as it is now; the addition is kept and goes onto it.
    const conflict = page.locator(".outbox-item.conflict");
    expect(await conflict.getByRole("alert").textContent()).toContain(
      "Someone changed this record",
    );
    expect(await conflict.textContent()).toContain("Changed at headquarters meanwhile.");
    await conflict.getByRole("button", { name: "Add mine to the current version" }).click();
    await expect.poll(() => page.locator(".outbox-item.sent").count()).toBe(4);
    const merged = (await (await web.api(`${P}/incidents/${incident.id}`)).json()) as {
      description: string;
    };
    expect(merged.description).toContain("Changed at headquarters meanwhile.");
    expect(merged.description).toContain("Field addition D: craters confirmed");
  }, 240_000);

  it("has a form that axe-core finds nothing serious in, at 360 px wide", async () => {
    const page = context.pages()[0] as Page;
    await page.goto(`${web.base}/field`, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "New report" }).click();
    await page.getByLabel("Incident", { exact: true }).check();
    await page.getByRole("button", { name: "Add a figure" }).click();
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(" ")}`));
    expect(serious).toEqual([]);
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await page.screenshot({ path: `${SHOTS}/field-form-360.png`, fullPage: true });
  }, 60_000);

  it("drops the offline copy at sign-out and keeps the outbox locked to its user", async () => {
    const page = context.pages()[0] as Page;
    // The answers the worker kept, as text: what a stranger picking up the phone could read.
    const cachedText = () =>
      page.evaluate(async () => {
        const cache = await caches.open("truce-api");
        const texts = await Promise.all(
          (await cache.keys()).map(async (key) => (await cache.match(key))?.text() ?? ""),
        );
        return texts.join("\n");
      });
    await page.goto(`${web.base}/field`, { waitUntil: "networkidle" });
    // The incident reported above is for members only: the monitor's copy holds it.
    expect(await cachedText()).toContain("Field incident C");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForLoadState("networkidle");
    expect(await cachedText()).not.toContain("Field incident C");
    expect(await page.evaluate(() => localStorage.getItem("truce.offline-session"))).toBeNull();
    // Another user on the same phone sees none of the monitor's reports.
    await web.signIn(page, USERS.mediator, "/field");
    await page.getByText("No reports on this device.").waitFor();
  }, 60_000);
});
