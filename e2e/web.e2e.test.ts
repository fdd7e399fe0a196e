/// <reference lib="dom" />

import { generateKeyPairSync, sign } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../src/core/accounts.ts";
import { loadReferenceProcess } from "../src/core/load-reference-process.ts";
import type { Services } from "../src/core/services.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { ACLED_COLUMNS } from "../src/ingest/acled.ts";
import { headMessage } from "../src/ledger/signer.ts";
import { buildApp } from "../src/server/app.ts";
import { hasWebApp } from "../src/server/routes/web.ts";
import { openTestServices } from "../test/support/stores.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SHOTS = "test-results/screenshots";
const MONITOR = "monitor@e2e.example";
const MEDIATOR = "mediator@e2e.example";
const DELEGATE = "arm-delegate@e2e.example";
const PASSWORD = "a long enough passphrase";
const canRun = existsSync(CHROMIUM) && hasWebApp();
if (!canRun) {
  console.warn(
    `Skipping browser tests: ${existsSync(CHROMIUM) ? "the web app is not built (npm run build)" : `no Chromium at ${CHROMIUM}`}`,
  );
}

describe.runIf(canRun)("the web app in Chromium", () => {
  let services: Services;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let adminToken: string;

  beforeAll(async () => {
    services = await openTestServices("pglite");
    await loadReferenceProcess(services, operatorCaller("test"));
    await addUser(services, { email: MONITOR, role: "monitor", password: PASSWORD });
    await addUser(services, { email: MEDIATOR, role: "mediator", password: PASSWORD });
    await addUser(services, {
      email: DELEGATE,
      role: "delegate",
      party: "ARM",
      process: "armenia-azerbaijan",
      password: PASSWORD,
    });
    adminToken = (
      await addUser(services, { email: "admin@e2e.example", role: "admin" }, { token: true })
    ).token as string;
    app = await buildApp(services, { rateLimit: 100_000 });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await services?.store.close();
  });

  /** Chooses a record in a form's picker: types, then clicks the option whose name matches. */
  async function pick(form: Locator, picker: string, typed: string, option: RegExp) {
    const box = form.getByRole("combobox", { name: picker, exact: true });
    await box.click();
    await box.fill(typed);
    await form
      .page()
      .getByRole("listbox", { name: picker, exact: true })
      .getByRole("option", { name: option })
      .first()
      .click();
  }

  /** Opens a route, collecting console errors and failed requests, and takes a screenshot. */
  async function open(
    path: string,
    name: string,
    options: { signedIn?: boolean; signedInAs?: string } = {},
  ): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    if (options.signedIn || options.signedInAs) {
      const email = options.signedInAs ?? MONITOR;
      await page.goto(`${base}/login?next=${encodeURIComponent(path)}`, {
        waitUntil: "networkidle",
      });
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByText(`${email} · `).waitFor();
      await page.waitForLoadState("networkidle");
    } else {
      await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
    }
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    return { page, errors };
  }

  it.each([
    ["/", "overview", "Armenia–Azerbaijan ceasefire"],
    ["/map", "map", "Basemap: Natural Earth"],
    ["/timeline", "timeline", "Sochi"],
    ["/agreements", "agreements", "Lachin corridor"],
    ["/statements", "statements", "Returning all Armenian prisoners of war"],
    ["/commitments", "commitments", "delimitation"],
    ["/incidents", "incidents", "16 November 2021"],
    ["/detainees", "detainees", "all for all"],
    ["/border", "border", "disputed"],
    ["/mine-action", "mine-action", "suspected"],
    ["/sources", "sources", "Truce reference summary"],
    ["/ledger", "ledger", "Signed tree head"],
  ])("%s opens without console errors and shows the example process", async (path, name, text) => {
    const { page, errors } = await open(path, name);
    await page
      .getByText(text, { exact: false })
      .locator("visible=true")
      .first()
      .waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    // A translation key shown instead of its text means a missing translation.
    expect(await page.locator("body").innerText()).not.toMatch(
      /\b(app|nav|common|overview|incidents|map|ledger|detainees)\.[a-zA-Z]+\b/,
    );
    await page.close();
  });

  it("shows an incident's claims side by side, from a shareable link", async () => {
    const { page, errors } = await open(
      "/incidents?id=inc-2021-11-16-border-fighting",
      "incident-detail",
    );
    await page.getByRole("heading", { name: "What each side says" }).waitFor();
    expect(await page.locator(".claim").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lets a delegate add its party's claim from the incident's page, claimant and incident filled in", async () => {
    const { page, errors } = await open(
      "/incidents?id=inc-2021-11-16-border-fighting",
      "incident-delegate",
      { signedInAs: DELEGATE },
    );
    // A delegate records no incidents, only its party's version of them.
    expect(await page.getByRole("button", { name: "Record an incident" }).count()).toBe(0);
    await page.getByRole("button", { name: "Add: claim" }).click();
    const form = page.getByRole("form", { name: "New: claim" });
    // The pickers show the records the page filled in by name, never by id.
    await expect
      .poll(() => form.getByRole("combobox", { name: "Claimant" }).inputValue())
      .toBe("Armenia");
    await expect
      .poll(() => form.getByRole("combobox", { name: "Incident" }).inputValue())
      .toMatch(/^Fighting on the Armenia/);
    await form.getByLabel(/^Statement/).fill("Test: the Armenian side reports its losses");
    await form.getByRole("button", { name: "Add a row" }).first().click();
    await form.getByLabel("Category (row 1)").first().selectOption("killed");
    await form.getByLabel("Side (row 1)").selectOption("ARM");
    await form.getByLabel("Number (row 1)").first().fill("15");
    await form.getByRole("button", { name: "Save" }).click();
    await form.waitFor({ state: "detached" });
    await page.getByText("Test: the Armenian side reports its losses").waitFor();
    await page.screenshot({ path: `${SHOTS}/incident-delegate-claim.png`, fullPage: true });
    const claims = (await (
      await fetch(
        `${base}/api/processes/armenia-azerbaijan/claims?refers_to=inc-2021-11-16-border-fighting&limit=500`,
        { headers: { authorization: `Bearer ${adminToken}` } },
      )
    ).json()) as { items: Array<{ statement: string; claimant?: string }> };
    expect(claims.items.find((c) => c.statement.startsWith("Test: the Armenian"))?.claimant).toBe(
      "ARM",
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it("switches the interface language", async () => {
    const { page } = await open("/", "overview-en");
    await page.getByLabel("Language").selectOption("ru");
    await page.getByRole("link", { name: "Карта" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("ru");
    await page.getByLabel("Язык").selectOption("hy");
    await page.getByRole("link", { name: "Քարտեզ" }).waitFor();
    await page.getByLabel("Լեզու").selectOption("az");
    await page.getByRole("link", { name: "Xəritə" }).waitFor();
    await page.screenshot({ path: `${SHOTS}/overview-az.png`, fullPage: true });
    // Coded values (an exchange's principle, a status) are translated too, not shown as codes.
    await page.getByRole("link", { name: "Saxlanılanlar" }).click();
    await page.getByText("hamı hamıya").first().waitFor();
    expect(await page.getByText("all for all", { exact: true }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/detainees-az.png`, fullPage: true });
    await page.close();
  });

  it("can be used with the keyboard: skip link, then the navigation", async () => {
    const { page } = await open("/", "keyboard");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(
      "Skip to content",
    );
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/(map|$)/);
    await page.close();
  });

  const ledgerSize = async () =>
    (
      (await (await fetch(`${base}/api/processes/armenia-azerbaijan/ledger/head`)).json()) as {
        tree_size: number;
      }
    ).tree_size;

  it("signs in and out, shows who you are, and hides what the public may not do", async () => {
    const { page, errors } = await open("/incidents", "incidents-public");
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    expect(await page.getByRole("button", { name: "Record an incident" }).count()).toBe(0);
    await page.getByRole("link", { name: "Sign in" }).click();
    await page.getByLabel("Email").fill(MONITOR);
    await page.getByLabel("Password").fill("not the passphrase");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("Wrong email or password.").waitFor();
    await page.screenshot({ path: `${SHOTS}/login-failed.png`, fullPage: true });
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/incidents$/);
    await page.getByText(`${MONITOR} · monitor`).waitFor();
    await page.getByRole("button", { name: "Record an incident" }).waitFor();
    // Claims have their own form on the same page; it opens from the URL like every form.
    await page.getByRole("button", { name: "Add: claim" }).click();
    await page.getByRole("form", { name: "New: claim" }).waitFor();
    expect(new URL(page.url()).searchParams.get("new")).toBe("claim");
    expect(await page.getByRole("heading", { name: "Record an incident" }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/incidents-signed-in.png`, fullPage: true });
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    expect(errors.filter((e) => !e.includes("401"))).toEqual([]);
    await page.close();
  });

  it("shows the field errors of a bad incident next to the fields and writes nothing", async () => {
    const before = await ledgerSize();
    const { page } = await open("/incidents?new=1", "form-empty", { signedIn: true });
    await page.getByLabel("Title").fill("Shelling near Sotk");
    await page.getByLabel("Date", { exact: true }).fill("2021-02-30");
    await page.getByRole("combobox", { name: "Place", exact: true }).fill("Sotk");
    await page.getByLabel("Latitude").fill("200");
    await page.getByLabel("Longitude").fill("45.9");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText('"2021-02-30" is not a date').waitFor();
    await page.getByText("Too big: expected number to be <=90").waitFor();
    expect(await page.getByLabel("Latitude").getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: `${SHOTS}/form-errors.png`, fullPage: true });
    expect(await ledgerSize()).toBe(before);
    await page.close();
  });

  it("records an incident through the form; it appears in the table and on the map", async () => {
    const { page } = await open("/incidents?new=1", "form", { signedIn: true });
    await page.getByLabel("Title").fill("Shelling near Sotk, test");
    await page.getByLabel("Date", { exact: true }).fill("2021-11-17");
    await page.getByRole("combobox", { name: "Place", exact: true }).fill("Sotk");
    await page.getByLabel("Latitude").fill("40.2101");
    await page.getByLabel("Longitude").fill("45.9312");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/id=inc-/);
    const id = new URL(page.url()).searchParams.get("id") ?? "";
    await page.getByRole("link", { name: "Shelling near Sotk, test" }).waitFor();
    await page.screenshot({ path: `${SHOTS}/form-created.png`, fullPage: true });
    await page.close();

    const map = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The map asks for the tiles in view once its style has loaded; one of them must hold the incident.
    const tileWithIncident = map.waitForResponse(
      async (response) =>
        response.url().includes("/tiles/") && (await response.text()).includes(id),
      { timeout: 20_000 },
    );
    await map.goto(`${base}/map`);
    await tileWithIncident;
    await map.waitForTimeout(500);
    await map.screenshot({ path: `${SHOTS}/map-with-incident.png` });
    await map.close();
  });

  it("tells an editor whose version went stale, and offers the latest", async () => {
    const url = `${base}/api/processes/armenia-azerbaijan/incidents/inc-2021-05-12-border-crisis`;
    const { page } = await open("/incidents?id=inc-2021-05-12-border-crisis&edit=1", "edit-form", {
      signedIn: true,
    });
    await page.getByRole("heading", { name: "Edit this incident" }).waitFor();
    // Someone else saves a change after the form was opened.
    const current = (await (await fetch(url)).json()) as Record<string, unknown> & {
      version: number;
    };
    const other = await fetch(url, {
      method: "PUT",
      headers: {
        "content-type": "application/json",
        "if-match": `"${current.version}"`,
        authorization: `Bearer ${adminToken}`,
      },
      body: JSON.stringify({ ...current, description: "Changed by another editor." }),
    });
    expect(other.status).toBe(200);
    await page.getByLabel("Title").fill("My edit of the crisis");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Someone changed this incident after you opened it").waitFor();
    await page.screenshot({ path: `${SHOTS}/edit-stale.png`, fullPage: true });
    await page.getByRole("button", { name: "Reload the latest version" }).click();
    await page.getByText("Changed by another editor.").first().waitFor();
    const after = (await (await fetch(url)).json()) as { title: string };
    expect(after.title).not.toBe("My edit of the crisis");
    await page.close();
  });

  it("draws the provisions × time matrix from assessments", async () => {
    const response = await fetch(`${base}/api/processes/armenia-azerbaijan/assessments`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        provision_id: "prv-2020-11-09-6",
        as_of: { value: "2021-11", precision: "month" },
        status: "intermediate",
        reason:
          "Test assessment: the corridor is under the peacekeepers' control; the new route is not built.",
        assessed_by: "RUS",
      }),
    });
    expect(response.status).toBe(201);
    const { page, errors } = await open("/agreements", "agreements-matrix");
    const matrix = page.locator("table.matrix").first();
    await matrix.waitFor();
    await matrix.getByText("intermediate").waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
  // Two sides' invented versions of one night's shelling near Kalbajar (Karvachar to Armenians).
  const AZE_REPORT =
    "The Defence Ministry of Azerbaijan said that Armenian armed forces shelled Azerbaijani army " +
    "positions near Kalbajar the previous night. As a result, one Azerbaijani serviceman was wounded.";
  const ARM_REPORT =
    "The Armenian Defence Ministry said that Azerbaijani forces opened fire on Armenian positions " +
    "near Karvachar the previous night, and denied that its units had shelled Azerbaijani positions.";

  /** Pastes a report on /sources, dated 10 March 2022, and reads it. */
  async function readReport(page: Page, text: string, publisher: string): Promise<void> {
    await page.getByLabel("Text of the report").fill(text);
    await page.getByLabel("Published on").fill("2022-03-10");
    await page.locator("#src-title").fill(`${publisher}: statement of 10 March 2022`);
    await page.locator("#src-publisher").fill(publisher);
    await page.getByRole("button", { name: "Read", exact: true }).click();
    await page.getByRole("heading", { name: /^Candidate 1:/ }).waitFor();
  }

  it("reads a report on /sources, marks its evidence, and accepts it as an incident with the party's claim", async () => {
    const { page, errors } = await open("/sources", "sources-signed-in", { signedIn: true });
    await readReport(page, AZE_REPORT, "Ministry of Defence of Azerbaijan");
    const place = page.locator(".report-text mark", { hasText: "Kalbajar" }).first();
    expect(await place.getAttribute("title")).toContain("place");
    expect(await page.locator(".report-text mark.selected").count()).toBeGreaterThan(3);
    const card = page.getByRole("article", { name: /^Candidate 1:/ });
    await card.getByText("No recorded incident within 3 days").waitFor();
    await expect
      .poll(() => card.getByRole("combobox", { name: "Reported by" }).inputValue())
      .toBe("Azerbaijan");
    // The figures read from the text, in the card's table: wounded, Azerbaijan, 1.
    expect(await card.getByLabel("Category (row 1)").inputValue()).toBe("wounded");
    expect(await card.getByLabel("Side (row 1)").inputValue()).toBe("AZE");
    expect(await card.getByLabel("Number (row 1)").inputValue()).toBe("1");
    await page.screenshot({ path: `${SHOTS}/sources-read.png`, fullPage: true });
    await card.getByRole("button", { name: "Accept as a new incident" }).click();
    await card.getByRole("status").getByText("Recorded:").waitFor();
    await page.screenshot({ path: `${SHOTS}/sources-accepted.png`, fullPage: true });
    await card.getByRole("link", { name: /^incident / }).click();
    await page.getByRole("heading", { name: "What each side says" }).waitFor();
    await page.locator(".claim").first().waitFor();
    expect(await page.locator(".claim").count()).toBe(1);
    await page.locator(".claim dt").getByText("wounded").waitFor();
    await page.screenshot({ path: `${SHOTS}/sources-incident.png`, fullPage: true });
    expect(errors).toEqual([]);
    expect(await page.locator("body").innerText()).not.toMatch(/\b(sources|imports)\.[a-zA-Z]+\b/);
    await page.close();
  });

  it("proposes that incident for the other side's version and attaches the claim to it", async () => {
    const { page, errors } = await open("/sources", "sources-other-side", { signedIn: true });
    await readReport(page, ARM_REPORT, "Ministry of Defence of Armenia");
    const card = page.getByRole("article", { name: /^Candidate 1:/ });
    const proposed = card.getByRole("radio", { name: /Attach to Shelling near Kalbajar/ });
    await proposed.waitFor();
    expect(await proposed.isChecked()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/sources-proposed.png`, fullPage: true });
    await card.getByRole("button", { name: "Attach the claim to this incident" }).click();
    await card.getByRole("status").getByText("Recorded:").waitFor();
    await card.getByRole("link").first().click();
    await page.getByRole("heading", { name: "What each side says" }).waitFor();
    await page.locator(".claim").nth(1).waitFor();
    expect(await page.locator(".claim").count()).toBe(2);
    await page.screenshot({ path: `${SHOTS}/sources-two-claims.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the public the candidates but no way to accept them", async () => {
    const { page } = await open("/sources", "sources-public");
    await page.getByText("Sign in as a member who may add records").waitFor();
    await readReport(page, AZE_REPORT, "Ministry of Defence of Azerbaijan");
    expect(await page.getByRole("button", { name: /^Accept|^Attach/ }).count()).toBe(0);
    expect(await page.locator("#import-upload").count()).toBe(0);
    await page.close();
  });

  it("imports an ACLED file on /sources and shows the summary with the rejected line", async () => {
    const csv = `${[
      ACLED_COLUMNS.join(","),
      "ARM92001,2022-03-12,2022,1,Political violence,Battles,Armed clash,Armenia,,1,Azerbaijan,,1," +
        "11,,51,Caucasus and Central Asia,Armenia,Syunik,Goris,,Tegh,39.5612,46.4810,1," +
        "Fixture Wire,National,Invented: an exchange of fire near Tegh.,0,,1710500000",
      "ARM92002,2022-03-32,2022,1,Political violence,Battles,Armed clash,Armenia,,1,Azerbaijan,,1," +
        "11,,51,Caucasus and Central Asia,Armenia,Syunik,Goris,,Tegh,39.5612,46.4810,1," +
        "Fixture Wire,National,Invented: a date that does not exist.,0,,1710500000",
    ].join("\n")}\n`;
    const { page, errors } = await open("/sources", "sources-import", { signedIn: true });
    await page.getByLabel("Format").selectOption("acled");
    await page.locator("#import-upload").setInputFiles({
      name: "acled.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const summary = page.locator(".import-summary");
    await summary.getByRole("heading", { name: "What the import did" }).waitFor();
    await summary.getByRole("cell", { name: "line 3" }).waitFor();
    await summary.getByText('event_date: "2022-03-32"').waitFor();
    // The ACLED source, one incident and its claim.
    expect(await summary.locator("dt:has-text('Created') + dd").innerText()).toBe("3");
    await summary.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/sources-import-summary.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("checks the signed heads' signatures in the browser on /ledger", async () => {
    const { page, errors } = await open("/ledger", "ledger-heads");
    const head = page.locator("dl.head");
    await head.getByText("verified", { exact: true }).waitFor();
    const table = page.getByRole("table", { name: /^Signed tree heads/ });
    await table.locator(".check.verified").first().waitFor();
    expect(await page.getByText("does not verify").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Co-sign" }).count()).toBe(0);
    await page.getByText("Members who sign in can co-sign a head").waitFor();
    await page.screenshot({ path: `${SHOTS}/ledger-verified.png`, fullPage: true });
    // Any record's history, by kind and id, also when it is not among the recent entries.
    await page.getByLabel("Kind").selectOption("incident");
    await page.getByLabel("Record id").fill("inc-2021-11-16-border-fighting");
    await page.getByRole("button", { name: "Show history" }).click();
    await page.getByRole("heading", { name: /^History of record/ }).waitFor();
    await page.locator("ol.history li strong").getByText("create").first().waitFor();
    expect(new URL(page.url()).searchParams.get("record")).toBe("inc-2021-11-16-border-fighting");
    await page.screenshot({ path: `${SHOTS}/ledger-history.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("says a head whose signature was altered on the way does not verify", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // A server (or proxy) that lies about a head: flip the signature's first byte in the answer.
    await page.route("**/ledger/heads?limit=1", async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { heads: Array<{ signature: string }> };
      const head = body.heads[0];
      if (head) {
        const bytes = Buffer.from(head.signature, "base64");
        bytes[0] = (bytes[0] ?? 0) ^ 1;
        head.signature = bytes.toString("base64");
      }
      await route.fulfill({ response, json: body });
    });
    await page.goto(`${base}/ledger`, { waitUntil: "networkidle" });
    await page.locator("dl.head").getByText("does not verify").waitFor();
    await page.screenshot({ path: `${SHOTS}/ledger-tampered.png`, fullPage: true });
    await page.close();
  });

  it("shows the public an entry it may not see as a hidden entry with its leaf hash", async () => {
    const created = await fetch(`${base}/api/processes/armenia-azerbaijan/sources`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        title: "Confidential note for the e2e test",
        kind: "other",
        visibility: "confidential",
      }),
    });
    expect(created.status).toBe(201);
    const { page, errors } = await open("/ledger", "ledger-hidden-entry");
    const row = page.locator("table.entries tr.hidden-entry").first();
    await row.getByText("hidden entry").waitFor();
    expect(await row.locator("code.hash").textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByText("Confidential note for the e2e test").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws the border sections on a map and lists them; a section is selected from the list", async () => {
    // A test section with each side's proposed line and the agreed line (invented coordinates,
    // for this test only: the example process has no mapped line).
    const response = await fetch(`${base}/api/processes/armenia-azerbaijan/border-segments`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        id: "bs-test-section",
        name: "Test section near Sotk",
        status: "under_delimitation",
        sides: ["ARM", "AZE"],
        lines: [
          {
            proposed_by: "ARM",
            geometry: {
              type: "LineString",
              coordinates: [
                [45.9, 40.2],
                [46.0, 40.25],
                [46.1, 40.22],
              ],
            },
          },
          {
            proposed_by: "AZE",
            geometry: {
              type: "LineString",
              coordinates: [
                [45.9, 40.18],
                [46.0, 40.21],
                [46.1, 40.2],
              ],
            },
          },
          {
            is_agreed: true,
            geometry: {
              type: "LineString",
              coordinates: [
                [45.85, 40.19],
                [45.9, 40.19],
              ],
            },
          },
        ],
        source_ids: ["src-doc-2021-11-26"],
      }),
    });
    expect(response.status).toBe(201);
    const { page, errors } = await open("/border", "border-map");
    await page.locator("canvas.maplibregl-canvas").waitFor();
    await page.getByRole("link", { name: "Armenia–Azerbaijan state border" }).waitFor();
    await page.getByRole("cell", { name: "No mapped line yet" }).waitFor();
    await page.getByRole("link", { name: "Test section near Sotk" }).click();
    await page.waitForURL(/id=bs-test-section/);
    await page.getByRole("heading", { name: "Test section near Sotk" }).waitFor();
    await page.locator("article.detail").getByText("Agreed line").waitFor();
    expect(await page.getByRole("button", { name: /^Add:/ }).count()).toBe(0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SHOTS}/border-selected.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("/map switches layers, filters the incident tiles, steps through months and draws a border section", async () => {
    const response = await fetch(`${base}/api/processes/armenia-azerbaijan/border-segments`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        id: "bs-map-test",
        name: "Map test section",
        status: "disputed",
        sides: ["ARM", "AZE"],
        lines: [
          {
            proposed_by: "ARM",
            geometry: {
              type: "LineString",
              coordinates: [
                [45.2, 40.6],
                [45.6, 40.9],
                [45.9, 40.8],
              ],
            },
          },
          {
            proposed_by: "AZE",
            geometry: {
              type: "LineString",
              coordinates: [
                [45.2, 40.55],
                [45.6, 40.8],
                [45.9, 40.75],
              ],
            },
          },
          {
            is_agreed: true,
            geometry: {
              type: "LineString",
              coordinates: [
                [45.0, 40.5],
                [45.2, 40.55],
              ],
            },
          },
        ],
        source_ids: ["src-doc-2021-11-26"],
      }),
    });
    expect(response.status).toBe(201);
    const { page, errors } = await open("/map?layers=incidents", "map-controls");
    await page.locator("canvas.maplibregl-canvas").waitFor();
    // The example's incidents have no coordinates: the page says why they are not drawn.
    await page.getByText("with no coordinates, are not on the map").waitFor();
    for (const name of [
      "Incidents",
      "Observation posts",
      "Hazard areas",
      "Border sections",
      "Transport links",
    ])
      await page.getByRole("checkbox", { name }).waitFor();
    expect(await page.getByRole("checkbox", { name: "Border sections" }).isChecked()).toBe(false);
    await page.getByLabel("Kind").waitFor();
    await page.getByLabel("Actor").waitFor();

    // A verification filter goes into the URL and into every tile request.
    const filtered = page.waitForResponse(
      (r) => r.url().includes("/tiles/") && r.url().includes("verification=verified"),
      { timeout: 15_000 },
    );
    await page.getByLabel("Verification").selectOption("verified");
    await filtered;
    expect(new URL(page.url()).searchParams.get("verification")).toBe("verified");

    // The time slider is a range input: a key press moves `to` a month back.
    const slider = page.getByRole("slider", { name: "Up to" });
    await slider.focus();
    await page.keyboard.press("Home");
    await page.waitForURL(/to=\d{4}-\d{2}-\d{2}/);
    const first = new URL(page.url()).searchParams.get("to") ?? "";
    await page.keyboard.press("ArrowRight");
    await page.waitForURL((url) => (url.searchParams.get("to") ?? "") > first);
    expect(await page.locator(".time-slider output").innerText()).not.toBe("");

    // Turning the border layer on loads the sections and draws them.
    const borders = page.waitForResponse(
      async (r) => r.url().includes("/border-segments") && (await r.text()).includes("bs-map-test"),
      { timeout: 15_000 },
    );
    await page.getByRole("checkbox", { name: "Border sections" }).check();
    await borders;
    expect(new URL(page.url()).searchParams.get("layers")).toBe("border,incidents");
    await page.getByRole("link", { name: "Map test section" }).waitFor();
    await page.locator(".legend").getByText("Agreed line").waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${SHOTS}/map-border-layer.png`, fullPage: true });

    // A post and a link (invented, for this test): the list below the map opens their popups.
    const post = async (path: string, body: Record<string, unknown>) =>
      fetch(`${base}/api/processes/armenia-azerbaijan/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ ...body, source_ids: ["src-doc-2021-11-26"] }),
      });
    const place = (name: string, lat: number, lon: number) => ({
      name,
      precision: "settlement",
      lat,
      lon,
    });
    expect(
      (
        await post("posts", {
          name: "Test post near Lachin",
          operated_by: "ARM",
          place: place("Lachin", 39.64, 46.55),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await post("links", {
          name: "Test road link",
          kind: "road",
          status: "proposed",
          from: place("Goris", 39.51, 46.34),
          to: place("Stepanakert", 39.82, 46.75),
        })
      ).status,
    ).toBe(201);

    // Back to the whole record, all layers on: a screenshot of everything the map draws.
    await page.goto(`${base}/map`, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "Test road link" }).click();
    await page.locator(".maplibregl-popup").getByText("Goris").waitFor();
    await page.getByRole("button", { name: "Test post near Lachin" }).click();
    await page.locator(".maplibregl-popup").getByText("Operated by").waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${SHOTS}/map-all-layers.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("co-signs the latest head with a key read in the browser, and shows the co-signature verified", async () => {
    const dir = mkdtempSync(join(tmpdir(), "truce-e2e-"));
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const keyFile = join(dir, "key.pem");
    writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }).toString());
    const publicFile = join(dir, "key.pub.pem");
    writeFileSync(publicFile, publicKey.export({ type: "spki", format: "pem" }).toString());
    const size = await ledgerSize();
    const { page, errors } = await open("/ledger", "ledger-signed-in", { signedIn: true });
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.postData() ?? ""));
    const form = page.locator("form.cosign");
    await form.getByText(`The head of ${size} entries`).waitFor();
    const input = page.getByLabel("Your Ed25519 private key (PEM file)");

    // The wrong file: a public key is refused in the browser, before anything is sent.
    await input.setInputFiles(publicFile);
    await form.getByRole("button", { name: "Co-sign" }).click();
    await form.getByRole("alert").getByText("This is a public key").waitFor();

    await input.setInputFiles(keyFile);
    await form.getByRole("button", { name: "Co-sign" }).click();
    await form.getByRole("status").getByText(`Co-signed the head of ${size} entries`).waitFor();
    const cosignature = page.locator("dl.head .cosignature");
    await cosignature.getByText("verified", { exact: true }).waitFor();
    await cosignature.getByText("no party").waitFor();
    await page.screenshot({ path: `${SHOTS}/ledger-cosigned.png`, fullPage: true });

    // The server holds it too, and the private key never left the browser.
    const heads = (await (
      await fetch(`${base}/api/processes/armenia-azerbaijan/ledger/heads?limit=1`)
    ).json()) as {
      heads: Array<{ tree_size: number; cosignatures: Array<{ public_key: string }> }>;
    };
    expect(heads.heads[0]?.tree_size).toBe(size);
    expect(heads.heads[0]?.cosignatures.map((c) => c.public_key)).toContain(
      publicKey.export({ type: "spki", format: "pem" }).toString(),
    );
    expect(requests.join("\n")).not.toContain("PRIVATE KEY");

    // A party's delegate co-signs the same head (as `truce cosign` would): the page names the party.
    const delegate = await addUser(
      services,
      { email: "arm@e2e.example", role: "delegate", party: "ARM", process: "armenia-azerbaijan" },
      { token: true },
    );
    const latest = (await (
      await fetch(`${base}/api/processes/armenia-azerbaijan/ledger/head`)
    ).json()) as { tree_size: number; root_hash: string; timestamp: string };
    const armKey = generateKeyPairSync("ed25519");
    const posted = await fetch(
      `${base}/api/processes/armenia-azerbaijan/ledger/heads/${size}/cosignatures`,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${delegate.token}`,
        },
        body: JSON.stringify({
          public_key: armKey.publicKey.export({ type: "spki", format: "pem" }).toString(),
          signature: sign(
            null,
            headMessage({ ...latest, process: "armenia-azerbaijan" }),
            armKey.privateKey,
          ).toString("base64"),
        }),
      },
    );
    expect(posted.status).toBe(201);
    await page.reload({ waitUntil: "networkidle" });
    const cosignatures = page.locator("dl.head .cosignature");
    await cosignatures.nth(1).waitFor();
    expect(await cosignatures.count()).toBe(2);
    await cosignatures.locator("abbr[title*='Armenia']").waitFor();
    await cosignatures.nth(1).getByText("verified", { exact: true }).waitFor();
    expect(await page.getByText("does not verify").count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/ledger-party-cosigned.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("adds a hazard area with clearance figures through the form; the chart shows the area released", async () => {
    const { page, errors } = await open("/mine-action", "mine-action-signed-in", {
      signedIn: true,
    });
    await page.getByRole("img", { name: /Area released/ }).waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Add: hazard area" }).click();
    const form = page.getByRole("form", { name: "New: hazard area" });
    await form.getByLabel(/^Name( \*)?$/).fill("Test minefield near Sotk");
    await form.getByLabel(/^Status( \*)?$/).selectOption("confirmed");
    await form.getByRole("checkbox", { name: "mines" }).check();
    await form.getByRole("combobox", { name: "Place: name", exact: true }).fill("Sotk");
    await form.getByLabel("Place: latitude").fill("40.21");
    await form.getByLabel("Place: longitude").fill("45.93");
    await form.getByLabel("Area (m²)").fill("20000");
    await form.getByLabel("Released (m²)").fill("1500");
    await pick(form, "Reported by", "peacekeep", /peacekeep/i);
    await form.getByLabel("As of: date").fill("2021-12");
    await form.getByLabel("As of: precision").selectOption("month");
    await page.screenshot({ path: `${SHOTS}/hazard-form.png`, fullPage: true });
    await form.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/id=/);
    await page.getByRole("img", { name: /Area released/ }).waitFor();
    // A later report of the same area: the chart steps up from the ledger's two versions.
    const row = page.getByRole("row", { name: /Test minefield near Sotk/ });
    await row.getByRole("button", { name: "Edit this hazard area" }).click();
    const edit = page.getByRole("form", { name: "Edit: hazard area" });
    await edit.getByLabel("Released (m²)").fill("6000");
    await edit.getByLabel("As of: date").fill("2022-03");
    await edit.getByRole("button", { name: "Save" }).click();
    await edit.waitFor({ state: "detached" });
    await page.getByRole("cell", { name: "6,000" }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll(".chart svg circle").length === 2);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/mine-action-chart.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lets a mediator add a commitment through the generic form; it appears on /commitments", async () => {
    const { page, errors } = await open("/commitments", "commitments-mediator", {
      signedInAs: MEDIATOR,
    });
    await page.getByRole("button", { name: "Add: commitment" }).click();
    const form = page.getByRole("form", { name: "New: commitment" });
    await form.getByLabel(/^Summary( \*)?$/).fill("Test: exchange maps of minefields");
    await form.getByLabel(/^Status( \*)?$/).selectOption("open");
    await pick(form, "Owners", "Arm", /^Armenia\b/);
    await pick(form, "Owners", "Azer", /^Azerbaijan\b/);
    await form.getByLabel("Due: date").fill("2022-06-30");
    await form.getByRole("button", { name: "Save" }).click();
    await form.waitFor({ state: "detached" });
    await page.getByRole("cell", { name: "Test: exchange maps of minefields" }).waitFor();
    await page.screenshot({ path: `${SHOTS}/commitment-created.png`, fullPage: true });
    const list = (await (
      await fetch(`${base}/api/processes/armenia-azerbaijan/commitments?limit=500`)
    ).json()) as { items: Array<{ summary: string; owners: string[] }> };
    expect(list.items.find((c) => c.summary.startsWith("Test: exchange"))?.owners).toEqual([
      "ARM",
      "AZE",
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lists every kind on /records, and shows the withdrawals with the gap between plan and reports", async () => {
    const index = await open("/records", "records-index");
    await index.page.getByRole("link", { name: "Withdrawals" }).click();
    await index.page.getByRole("heading", { name: "Withdrawals" }).waitFor();
    const row = index.page.getByRole("row", { name: /Armenian forces leave Aghdam district/ });
    await row.getByText("on time").waitFor();
    expect(await row.getByText("not verified by monitors").count()).toBe(1);
    // Actors by name, not by id.
    expect(await row.getByText("Armenia", { exact: false }).count()).toBeGreaterThan(0);
    await index.page.screenshot({ path: `${SHOTS}/withdrawals.png`, fullPage: true });
    expect(index.errors).toEqual([]);
    await index.page.close();
  });

  it("charts each reporter's violation counts side by side, on the kind's page and the overview", async () => {
    const post = (body: Record<string, unknown>) =>
      fetch(`${base}/api/processes/armenia-azerbaijan/violation-counts`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
        body: JSON.stringify(body),
      });
    for (const [reporter, day, violations] of [
      ["AZE", "2021-11-20", 12],
      ["AZE", "2021-11-21", 7],
      ["ARM", "2021-11-20", 20],
      ["ARM", "2021-11-21", 15],
    ] as const) {
      const created = await post({
        reporter,
        period: { value: day, precision: "day" },
        violations,
        blamed: [reporter === "ARM" ? "AZE" : "ARM"],
        source_ids: ["src-reference-summary"],
      });
      expect(created.status).toBe(201);
    }
    const { page, errors } = await open("/records/violation-counts", "violation-counts");
    const chart = page.locator("section.violation-counts");
    await chart.locator("svg").first().waitFor();
    // The table behind the chart: one row per reporter, day and measure, never summed.
    expect(await chart.locator("tbody tr").count()).toBe(4);
    expect(await chart.getByRole("cell", { name: "20", exact: true }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.goto(`${base}/`, { waitUntil: "networkidle" });
    await page.locator("section.violation-counts svg").first().waitFor();
    await page.screenshot({ path: `${SHOTS}/overview-violation-counts.png`, fullPage: true });
    await page.close();
  });

  it("lets a monitor record a withdrawal through its kind's generic form", async () => {
    const { page, errors } = await open("/records/withdrawals", "withdrawal-monitor", {
      signedInAs: MONITOR,
    });
    await page.getByRole("button", { name: "Add: withdrawal" }).click();
    const form = page.getByRole("form", { name: "New: withdrawal" });
    await form.getByLabel(/^Title( \*)?$/).fill("Test: heavy weapons leave the Sotk area");
    await form.getByLabel(/^Subject( \*)?$/).selectOption("heavy_weapons");
    await pick(form, "Withdrawing", "Azer", /^Azerbaijan\b/);
    await form.getByRole("combobox", { name: "Place: name", exact: true }).fill("Sotk area");
    await form.getByLabel("Due: date").fill("2021-12-15");
    await form.getByRole("button", { name: "Save" }).click();
    await form.waitFor({ state: "detached" });
    await page.getByRole("cell", { name: "Test: heavy weapons leave the Sotk area" }).waitFor();
    expect(await page.getByText("no report of completion").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/withdrawal-created.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("says what is wrong with a field in the reader's language", async () => {
    const { page } = await open("/commitments?new=commitment", "commitment-form-ru", {
      signedInAs: MEDIATOR,
    });
    await page.getByLabel("Language").selectOption("ru");
    const form = page.getByRole("form", { name: /: обязательство$/ });
    // zod's Russian messages arrive after the catalog's: on a loaded machine, Save came first.
    await page.waitForLoadState("networkidle");
    await form.getByRole("button", { name: "Сохранить" }).click();
    const error = form.locator(".field-error").first();
    await error.waitFor();
    expect(await error.textContent()).toMatch(/[А-Яа-я]/);
    await page.close();
  });

  it("shows a bad value's error next to its field in the generic form and writes nothing", async () => {
    const before = await ledgerSize();
    const { page } = await open("/commitments?new=commitment", "commitment-form", {
      signedInAs: MEDIATOR,
    });
    const form = page.getByRole("form", { name: "New: commitment" });
    await form.getByLabel(/^Summary( \*)?$/).fill("Test: a commitment with a bad date");
    await form.getByLabel("Due: date").fill("2021-02-30");
    await form.getByRole("button", { name: "Save" }).click();
    await form.getByText('"2021-02-30" is not a date').waitFor();
    expect(await form.getByLabel("Due: date").getAttribute("aria-invalid")).toBe("true");
    // The focus goes to the field to fix, not left on Save.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(
      await form.getByLabel("Due: date").getAttribute("id"),
    );
    await page.screenshot({ path: `${SHOTS}/commitment-form-errors.png`, fullPage: true });
    expect(await ledgerSize()).toBe(before);
    // Escape closes the form, as Cancel does.
    await page.keyboard.press("Escape");
    await form.waitFor({ state: "detached" });
    await page.close();
  });

  // The tests below add processes: those above see the example alone, as a first start does.
  const FAR = {
    slug: "e2e-far-away",
    name: "E2E: a process far from the example",
    description: "A second process, set up through the API for this test.",
    languages: ["es", "en"],
    countries: ["CO"],
    bbox: [-79.1, -4.3, -66.8, 12.5],
  };
  const EXAMPLE_NAME = "Armenia–Azerbaijan ceasefire and normalization, 2020–2021";
  const adminPost = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
      body: JSON.stringify(body),
    });
  /** The map's view as it marks it on its element: [west, south, east, north]. */
  const viewOf = async (page: Page) => {
    await page.waitForFunction(() => document.querySelector(".map")?.getAttribute("data-bounds"));
    const marked = await page.locator(".map").first().getAttribute("data-bounds");
    return (marked ?? "").split(",").map(Number) as [number, number, number, number];
  };

  it("lists the processes on / when there are several; choosing one shows its overview, and old URLs open the last chosen", async () => {
    expect((await adminPost("/api/processes", FAR)).status).toBe(201);
    const { page, errors } = await open("/", "processes-choose");
    await page.getByRole("heading", { name: "Choose a process" }).waitFor();
    const cards = page.locator(".process-card");
    expect(await cards.count()).toBe(2);
    await cards
      .filter({ hasText: EXAMPLE_NAME })
      .getByText(/ledger entries/)
      .waitFor();
    await cards.filter({ hasText: FAR.name }).getByText(FAR.description).waitFor();
    await page.getByRole("link", { name: FAR.name }).click();
    await page.getByRole("heading", { level: 1, name: FAR.name }).waitFor();
    expect(new URL(page.url()).searchParams.get("process")).toBe(FAR.slug);
    // With several processes, the header switches between them.
    expect(await page.getByLabel("Process", { exact: true }).inputValue()).toBe(FAR.slug);
    await page.screenshot({ path: `${SHOTS}/process-far-overview.png`, fullPage: true });

    // Yesterday's URL, without ?process=: the process chosen last.
    const farIncidents = page.waitForResponse((r) =>
      r.url().includes(`/api/processes/${FAR.slug}/incidents`),
    );
    await page.goto(`${base}/incidents`, { waitUntil: "networkidle" });
    await farIncidents;
    expect(await page.getByLabel("Process", { exact: true }).inputValue()).toBe(FAR.slug);
    await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
    // The new process has none: not one of the example's is shown.
    expect(await page.locator("table tbody tr").count()).toBe(0);
    expect(await page.getByText("16 November 2021").count()).toBe(0);
    // The switcher opens the same page of the other process.
    await page.getByLabel("Process", { exact: true }).selectOption("armenia-azerbaijan");
    await page.getByText("16 November 2021").first().waitFor();
    expect(new URL(page.url()).pathname).toBe("/incidents");
    expect(errors).toEqual([]);
    await page.close();

    // A visitor who never chose is asked to, on any page; the choice opens the page asked for.
    const fresh = await open("/incidents", "processes-choose-incidents");
    await fresh.page.getByRole("heading", { name: "Choose a process" }).waitFor();
    await fresh.page.getByRole("link", { name: EXAMPLE_NAME }).click();
    await fresh.page.getByText("16 November 2021").first().waitFor();
    expect(new URL(fresh.page.url()).pathname).toBe("/incidents");
    expect(fresh.errors).toEqual([]);
    await fresh.page.close();
  });

  it("opens each process's map on its own region", async () => {
    const far = await open(`/map?process=${FAR.slug}`, "map-far-process");
    await far.page.locator("canvas.maplibregl-canvas").waitFor();
    const [west, south, east, north] = await viewOf(far.page);
    const [centreLon, centreLat] = [(west + east) / 2, (south + north) / 2];
    // Colombia, on the other side of the world from the example's South Caucasus.
    expect(centreLon).toBeGreaterThan(FAR.bbox[0] as number);
    expect(centreLon).toBeLessThan(FAR.bbox[2] as number);
    expect(centreLat).toBeGreaterThan(FAR.bbox[1] as number);
    expect(centreLat).toBeLessThan(FAR.bbox[3] as number);
    expect(west).toBeLessThanOrEqual(FAR.bbox[0] as number);
    expect(east).toBeGreaterThanOrEqual(FAR.bbox[2] as number);
    await far.page.screenshot({ path: `${SHOTS}/map-far-process.png` });
    expect(far.errors).toEqual([]);
    await far.page.close();

    const example = await open("/map?process=armenia-azerbaijan", "map-example-process");
    await example.page.locator("canvas.maplibregl-canvas").waitFor();
    const view = await viewOf(example.page);
    expect((view[0] + view[2]) / 2).toBeGreaterThan(43.4);
    expect((view[0] + view[2]) / 2).toBeLessThan(50.4);
    await example.page.close();
  });

  it("lets an admin create a process from its file, rename it and close it; then it is read-only", async () => {
    const ADMIN = "process-admin@e2e.example";
    await addUser(services, { email: ADMIN, role: "admin", password: PASSWORD });
    const slug = "e2e-from-file";
    const name = "E2E: a process from its file";
    const renamed = "E2E: a process from its file, renamed";
    const file = join(mkdtempSync(join(tmpdir(), "truce-e2e-")), "process.json");
    writeFileSync(
      file,
      JSON.stringify({
        format: "truce-process",
        version: 1,
        process: {
          slug,
          name,
          description: "Set up in the browser from a process file.",
          languages: ["fr"],
          countries: ["CF"],
          bbox: [14.4, 2.2, 27.5, 11.0],
        },
        records: [
          { type: "actor", id: "GOV", name: "The government", roles: ["party"] },
          { type: "actor", id: "REB", name: "The armed coalition", roles: ["armed_group"] },
        ],
      }),
    );
    const { page, errors } = await open("/processes", "processes-admin", { signedInAs: ADMIN });
    await page.getByRole("button", { name: "From a process file" }).click();
    const fromFile = page.getByRole("form", { name: "From a process file" });
    await fromFile.getByLabel("Process file").setInputFiles(file);
    await fromFile.getByRole("button", { name: "Create the process" }).click();
    await page.getByText(`“${name}” was created.`).waitFor();
    await page.getByText("Records: 2 added, 0 already there, 0 refused.").waitFor();
    await page.locator(".process-card").filter({ hasText: name }).waitFor();
    await page.screenshot({ path: `${SHOTS}/processes-created.png`, fullPage: true });

    // Its name, changed through the form; a change made meanwhile is not overwritten.
    await page.getByRole("button", { name: `Edit: ${name}` }).click();
    const edit = page.getByRole("form", { name: `Edit: ${name}` });
    await edit.getByLabel(/^Name/).fill(renamed);
    const current = await fetch(`${base}/api/processes/${slug}`);
    const patched = await fetch(`${base}/api/processes/${slug}`, {
      method: "PATCH",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${adminToken}`,
        "if-match": current.headers.get("etag") ?? "",
      },
      body: JSON.stringify({ description: "Changed by someone else meanwhile." }),
    });
    expect(patched.status).toBe(200);
    await edit.getByRole("button", { name: "Save" }).click();
    await edit.getByText("Someone changed this process after you opened it.").waitFor();
    await page.screenshot({ path: `${SHOTS}/process-edit-stale.png`, fullPage: true });
    await edit.getByRole("button", { name: "Reload" }).click();
    expect(await edit.getByLabel("Description").inputValue()).toBe(
      "Changed by someone else meanwhile.",
    );
    await edit.getByLabel(/^Name/).fill(renamed);
    // The region taken from a map's view, instead of typed.
    await edit.getByRole("button", { name: "Choose on a map" }).click();
    await edit.locator(".bbox-map canvas.maplibregl-canvas").waitFor();
    await edit.getByRole("button", { name: /^Use the map/ }).click();
    await page.waitForFunction(
      () => (document.getElementById("pf-bbox.0") as HTMLInputElement | null)?.value !== "14.4",
    );
    expect(Number(await edit.getByLabel("West edge (longitude)").inputValue())).toBeLessThan(14.4);
    // A bad region is named next to its field, and nothing is sent.
    await edit.getByLabel("South edge (latitude)").fill("95");
    await edit.getByRole("button", { name: "Save" }).click();
    await edit.getByText(/<=90/).waitFor();
    expect(await edit.getByLabel("South edge (latitude)").getAttribute("aria-invalid")).toBe(
      "true",
    );
    await page.screenshot({ path: `${SHOTS}/process-edit-errors.png`, fullPage: true });
    await edit.getByLabel("South edge (latitude)").fill("2.2");
    await edit.getByRole("button", { name: "Save" }).click();
    await page.getByText(`“${renamed}” was saved.`).waitFor();

    // Closed, after a confirmation.
    await page.getByRole("button", { name: `Close: ${renamed}` }).click();
    const closing = page.getByRole("form", { name: `Close: ${renamed}` });
    await closing.getByLabel(/^Closed on/).fill("2026-01-15");
    await closing.getByLabel(/^Reason/).fill("Superseded by the final agreement");
    await closing.getByRole("button", { name: "Close the process…" }).click();
    await closing.getByText(`Close “${renamed}” on Jan 15, 2026? This cannot be undone.`).waitFor();
    await page.screenshot({ path: `${SHOTS}/process-close-confirm.png`, fullPage: true });
    await closing.getByRole("button", { name: "Yes, close it" }).click();
    await page.getByText(`“${renamed}” was closed.`).waitFor();
    await page
      .locator(".process-card")
      .filter({ hasText: renamed })
      .getByText("closed on")
      .waitFor();
    expect(await page.getByRole("button", { name: `Edit: ${renamed}` }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/processes-closed.png`, fullPage: true });

    // Every page of it says so, and offers nothing to add, even to an admin.
    await page.getByRole("link", { name: "Open it" }).click();
    const notice = page.getByRole("note").filter({ hasText: "This process was closed on" });
    await notice
      .getByText(/Jan 15, 2026: Superseded by the final agreement\. It is read-only/)
      .waitFor();
    await page.getByRole("heading", { level: 1, name: renamed }).waitFor();
    await page.getByRole("link", { name: "All records" }).click();
    await page.getByRole("link", { name: "Actors" }).click();
    await page.getByRole("cell", { name: "The armed coalition" }).waitFor();
    await notice.waitFor();
    expect(await page.getByRole("button", { name: /^Add/ }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/process-closed-actors.png`, fullPage: true });
    await page.goto(`${base}/incidents`, { waitUntil: "networkidle" });
    await notice.waitFor();
    expect(await page.getByRole("button", { name: "Record an incident" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Add/ }).count()).toBe(0);
    // The same admin on an open process is offered them: the absence above is the closing's.
    await page.getByLabel("Process", { exact: true }).selectOption("armenia-azerbaijan");
    await page.getByRole("button", { name: "Record an incident" }).waitFor();
    expect(await page.getByRole("note").count()).toBe(0);
    // And the server refuses a write to the closed process.
    expect(
      (await adminPost(`/api/processes/${slug}/actors`, { name: "Late", roles: ["party"] })).status,
    ).toBe(409);
    // The one failed request is the stale edit's, answered 412 on purpose.
    expect(errors.filter((e) => !e.includes("412"))).toEqual([]);
    await page.close();
  });

  it("says on a server with no process yet that there is none, and offers an admin to create one", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // A first start without --demo: no process at all (answered here, the store has some).
    await page.route(/\/api\/processes$/, (route) => route.fulfill({ json: { items: [] } }));
    await page.goto(`${base}/`, { waitUntil: "networkidle" });
    await page.getByRole("heading", { name: "No process yet" }).waitFor();
    await page.getByText("An administrator sets up a process.").waitFor();
    expect(await page.getByLabel("Process", { exact: true }).count()).toBe(0);
    // The same to an admin, with the ways to set one up.
    await page.route(/\/api\/session$/, (route) =>
      route.fulfill({
        json: {
          user: { id: "u-admin", email: "first-admin@e2e.example" },
          memberships: [{ process: null, role: "admin", party: null }],
          csrf_token: "unused",
        },
      }),
    );
    await page.reload({ waitUntil: "networkidle" });
    await page.getByRole("link", { name: "From a process file" }).waitFor();
    await page.getByRole("link", { name: "With a short form" }).click();
    await page.getByRole("form", { name: "New process" }).waitFor();
    // The form's first field has the focus: the keyboard goes on from there.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("pf-slug");
    await page.screenshot({ path: `${SHOTS}/no-process-admin.png`, fullPage: true });
    await page.close();
  });
});
