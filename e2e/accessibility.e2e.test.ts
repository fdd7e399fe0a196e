import { AxeBuilder } from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KINDS } from "../src/domain/kinds/index.ts";
import { kindPagePath, WEB_ROUTES } from "../src/domain/web-routes.ts";
import { canRunBrowserTests, SHOTS, startWebApp, USERS, type WebApp } from "./support/web-app.ts";

/**
 * WCAG 2.1 AA as axe-core checks it, on every page at a desktop's and a phone's width, signed in
 * as a monitor (so the forms' buttons are there too): nothing serious or critical. At a phone's
 * width every page also fits: wide tables scroll in their own box, the page does not.
 */
const WIDTHS = [
  { name: "desktop", width: 1280, height: 900, isPhone: false },
  { name: "phone", width: 360, height: 740, isPhone: true },
];
// Every kind's list is the same page: one stands for all.
const PAGES = [...WEB_ROUTES, ...KINDS.slice(0, 1).map(kindPagePath)];

describe.runIf(canRunBrowserTests)("accessibility (axe-core, WCAG 2.1 AA)", () => {
  let web: WebApp;
  beforeAll(async () => {
    web = await startWebApp();
  });
  afterAll(async () => {
    await web?.close();
  });

  it.each(WIDTHS)("finds nothing serious or critical on any page at $name width", async (size) => {
    const context = await web.browser.newContext({
      viewport: { width: size.width, height: size.height },
    });
    const page = await context.newPage();
    await web.signIn(page, USERS.monitor);
    const found: string[] = [];
    for (const path of PAGES) {
      await page.goto(`${web.base}${path}`, { waitUntil: "networkidle" });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > size.width) found.push(`${path} (${size.name}): ${width}px wide`);
      // The header and navigation are the same on every page: checked whole on the first page,
      // then only each page's own content (it halves the time axe takes).
      const builder = new AxeBuilder({ page }).withTags([
        "wcag2a",
        "wcag2aa",
        "wcag21a",
        "wcag21aa",
      ]);
      // Colours do not change with the width: their contrast is checked at the desktop's.
      if (size.isPhone) builder.disableRules(["color-contrast"]);
      const hasMain = (await page.locator("main").count()) > 0;
      const results = await (path === PAGES[0] || !hasMain
        ? builder
        : builder.include("main")
      ).analyze();
      for (const violation of results.violations) {
        if (violation.impact !== "serious" && violation.impact !== "critical") continue;
        for (const node of violation.nodes) {
          found.push(`${path} (${size.name}): ${violation.id}: ${node.target.join(" ")}`);
        }
      }
    }
    if (found.length) await page.screenshot({ path: `${SHOTS}/axe-${size.name}.png` });
    expect(found).toEqual([]);
    await context.close();
  });
});
