import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { AxeBuilder } from "@axe-core/playwright";
import { parse } from "csv-parse/sync";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DELIVERY } from "../src/core/alert-delivery.ts";
import { AlertWorker } from "../src/core/alert-worker.ts";
import { importRecords } from "../src/core/import-records.ts";
import { operatorCaller } from "../src/domain/access.ts";
import {
  canRunBrowserTests,
  EXAMPLE_SLUG,
  SHOTS,
  startWebApp,
  USERS,
  type WebApp,
} from "./support/web-app.ts";

/**
 * Alerts and downloads as a user meets them: a mediator subscribes to overdue commitments on the
 * alerts page and gets the e-mail (through an SMTP server in this process), reads the delivery
 * log; a filtered list of incidents downloads as CSV with every matching row.
 */
describe.runIf(canRunBrowserTests)("alerts and downloads in the browser", () => {
  let web: WebApp;
  let worker: AlertWorker;
  let smtp: SMTPServer;
  const mails: Array<{ to: string[]; raw: string }> = [];
  const errors: unknown[] = [];

  beforeAll(async () => {
    web = await startWebApp();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks)
            .toString("utf8")
            .replace(/=\r?\n/g, "")
            .replace(/=([0-9A-F]{2})/g, (_, hex: string) =>
              String.fromCharCode(Number.parseInt(hex, 16)),
            );
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const { port } = smtp.server.address() as AddressInfo;
    worker = new AlertWorker(web.services, {
      ...DEFAULT_DELIVERY,
      smtpUrl: `smtp://127.0.0.1:${port}`,
      mailFrom: "alerts@truce.test",
      publicUrl: `${web.base}/`,
      intervalMs: 3_600_000,
      onError: (error) => errors.push(error),
    });
    worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await web?.close();
  });

  it("subscribes to overdue commitments from the page, and the e-mail arrives", async () => {
    // A context of its own, as axe-core needs, signed in as a mediator.
    const context = await web.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    await web.signIn(page, USERS.mediator, "/alerts");
    await page.getByRole("heading", { name: "Alerts", level: 1 }).waitFor();
    await page.getByLabel("Tell me when").selectOption("commitment_overdue");
    await page.getByLabel("Send by").selectOption("email");
    await expect(page.getByLabel("E-mail address").inputValue()).resolves.toBe(USERS.mediator);
    await page.getByRole("button", { name: "Subscribe", exact: true }).click();
    const item = page.getByRole("listitem").filter({ hasText: "a commitment becomes overdue" });
    await item.waitFor();
    expect(await item.textContent()).toContain(`E-mail: ${USERS.mediator}`);

    // An incident near a place: the place chosen by name, its coordinates filled in.
    await page.getByLabel("Tell me when").selectOption("incident_near");
    const placeBox = page.getByRole("combobox", { name: "Place", exact: true });
    await placeBox.click();
    await placeBox.fill("Sot");
    await page
      .getByRole("listbox", { name: "Place", exact: true })
      .getByRole("option", { name: /^Sotk\b/ })
      .first()
      .click();
    await expect
      .poll(async () => Number(await page.getByLabel("Latitude").inputValue()))
      .toBeCloseTo(40.2, 0);
    await page.getByLabel("Within (km)").fill("15");
    await page.getByRole("button", { name: "Subscribe", exact: true }).click();
    await page
      .getByRole("listitem")
      .filter({ hasText: "an incident within 15 km of Sotk" })
      .waitFor();

    // A commitment whose deadline has passed, as a mediator would record it.
    const created = await web.api(`/api/processes/${EXAMPLE_SLUG}/commitments`, {
      method: "POST",
      body: JSON.stringify({
        id: "e2e-overdue",
        summary: "Return the e2e maps",
        owners: ["ARM"],
        due: { value: "2025-01-15", precision: "day" },
        status: "open",
      }),
    });
    expect(created.status).toBe(201);
    await worker.idle();
    const mail = mails.find((m) => m.raw.includes("Return the e2e maps"));
    expect(mail?.to).toEqual([USERS.mediator]);
    expect(mail?.raw).toContain(`${web.base}/commitments?process=${EXAMPLE_SLUG}&id=e2e-overdue`);

    await item.getByRole("button", { name: "Delivery log" }).click();
    const row = page.getByRole("row").filter({ hasText: "Return the e2e maps" });
    await row.waitFor();
    expect(await row.textContent()).toContain("delivered");
    await page.screenshot({ path: `${SHOTS}/alerts-delivered.png`, fullPage: true });
    // The page with its log open, as axe-core (WCAG 2.1 AA) sees it: nothing serious or critical.
    const axe = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    expect(
      axe.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("downloads the filtered incidents as CSV: every matching row, not one page", async () => {
    // More shelling than the incidents page shows at once (25), among incidents of other kinds.
    const summary = await importRecords(
      web.services,
      EXAMPLE_SLUG,
      Array.from({ length: 40 }, (_, i) => ({
        at: `row ${i}`,
        record: {
          type: "incident",
          id: `e2e-inc-${i}`,
          title: `E2E incident ${i}`,
          kind: i % 4 === 0 ? "shooting" : "shelling",
          date: { value: `2022-03-${String(1 + (i % 28)).padStart(2, "0")}`, precision: "day" },
          place: { name: "Sotk", precision: "settlement", lat: 40.2, lon: 45.9 },
        },
      })),
      { principal: operatorCaller("e2e") },
    );
    expect(summary.rejected).toEqual([]);
    const context = await web.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${web.base}/incidents?process=${EXAMPLE_SLUG}&kind=shelling`, {
      waitUntil: "networkidle",
    });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${EXAMPLE_SLUG}-incidents.csv`);
    const file = `${SHOTS}/incidents-shelling.csv`;
    await download.saveAs(file);
    const rows = parse(readFileSync(file, "utf8"), { columns: true }) as Array<{
      id: string;
      kind: string;
    }>;
    // The same filter through the JSON pages, one page of 25 at a time as the list shows them.
    const ids: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const response = await fetch(
        `${web.base}/api/processes/${EXAMPLE_SLUG}/incidents?kind=shelling&order=desc&limit=25${cursor ? `&cursor=${cursor}` : ""}`,
      );
      const page: { items: Array<{ id: string }>; next_cursor: string | null } =
        await response.json();
      ids.push(...page.items.map((incident) => incident.id));
      cursor = page.next_cursor;
    }
    expect(ids.length).toBe(30);
    expect(rows.map((row) => row.id)).toEqual(ids);
    expect(new Set(rows.map((row) => row.kind))).toEqual(new Set(["shelling"]));
    await page.screenshot({ path: `${SHOTS}/incidents-downloads.png` });
    await context.close();
  });
});
