import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KINDS } from "../src/domain/kinds/index.ts";
import { kindPagePath, WEB_ROUTES } from "../src/domain/web-routes.ts";
import {
  canRunBrowserTests,
  EXAMPLE_SLUG,
  SHOTS,
  startWebApp,
  USERS,
  type WebApp,
} from "./support/web-app.ts";

/**
 * Reports and printing: the overview's button downloads the day's situation report as a PDF, and
 * every page prints on A4 with nothing cut off.
 */

// A4's width less the print styles' 12 mm margins, in CSS pixels (96 per inch).
const A4_CONTENT_WIDTH = Math.floor(((210 - 2 * 12) / 25.4) * 96);
// Every kind's list is the same page: one stands for all.
const PAGES = [...WEB_ROUTES, ...KINDS.slice(0, 1).map(kindPagePath)];
const PDFTOPPM = "/usr/bin/pdftoppm";

async function pdfText(body: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: body, disableFontFace: true, verbosity: 0 }).promise;
  let text = "";
  for (let n = 1; n <= doc.numPages; n++) {
    for (const item of (await (await doc.getPage(n)).getTextContent()).items)
      if ("str" in item) text += `${item.str} `;
  }
  await doc.destroy();
  return text.replace(/\s+/g, " ");
}

describe.runIf(canRunBrowserTests)("reports and printing", () => {
  let web: WebApp;
  beforeAll(async () => {
    web = await startWebApp();
  });
  afterAll(async () => {
    await web?.close();
  });

  it("downloads the day's situation report from the overview as a PDF", async () => {
    const context = await web.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${web.base}/?process=${EXAMPLE_SLUG}`, { waitUntil: "networkidle" });
    const section = page.getByRole("region", { name: "Situation report" });
    await section.getByLabel("Date", { exact: true }).fill("2021-11-16");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      section.getByRole("link", { name: "Download the report" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${EXAMPLE_SLUG}-daily-2021-11-16-en.pdf`);
    const file = `${SHOTS}/daily-report.pdf`;
    await download.saveAs(file);
    const body = new Uint8Array(readFileSync(file));
    expect(Buffer.from(body.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const text = await pdfText(body);
    expect(text).toContain("Daily situation report");
    expect(text).toContain("Fighting on the Armenia–Azerbaijan border");
    // Rendered as a reader sees it, where poppler is installed: look at daily-report-1.png.
    if (existsSync(PDFTOPPM)) {
      execFileSync(PDFTOPPM, [
        "-r",
        "80",
        "-png",
        "-f",
        "1",
        "-l",
        "1",
        file,
        `${SHOTS}/daily-report`,
      ]);
      expect(existsSync(`${SHOTS}/daily-report-1.png`)).toBe(true);
    }
    await context.close();
  });

  it("prints every page on A4 with nothing past the paper's edge and no content hidden by a scroller", async () => {
    const context = await web.browser.newContext({
      viewport: { width: A4_CONTENT_WIDTH, height: 1100 },
    });
    const page = await context.newPage();
    await web.signIn(page, USERS.monitor);
    const offences: string[] = [];
    for (const path of PAGES) {
      await page.emulateMedia({ media: "screen" });
      await page.goto(`${web.base}${path}`, { waitUntil: "networkidle" });
      // Printed once its data has come: a page still saying "Loading…" would prove nothing.
      await page.waitForFunction(
        () =>
          !Array.from(document.querySelectorAll('[role="status"]')).some((el) =>
            el.textContent?.includes("Loading"),
          ),
        undefined,
        { timeout: 20_000 },
      );
      // A map is printed once it has drawn its first full view (use-map.ts marks it then).
      if ((await page.locator(".maplibregl-map").count()) > 0)
        await page.locator("[data-bounds]").first().waitFor({ state: "attached", timeout: 20_000 });
      await page.emulateMedia({ media: "print" });
      // Two frames: the layout at the paper's width, then what redraws itself for it (the map).
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
      const found = await page.evaluate((width) => {
        const out: string[] = [];
        const describe = (el: Element) =>
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${
            typeof el.className === "string" && el.className
              ? `.${el.className.trim().split(/\s+/).join(".")}`
              : ""
          }`;
        const root = document.documentElement;
        if (root.scrollWidth > width + 1) out.push(`the page is ${root.scrollWidth}px wide`);
        for (const el of Array.from(document.body.querySelectorAll("*"))) {
          const style = getComputedStyle(el);
          if (style.display === "none" || style.visibility === "hidden") continue;
          // A map is a window onto the world: what lies outside its view (markers of places
          // off screen) is not cut off. The map itself must fit the paper.
          const isMapInside = el.parentElement?.closest(".maplibregl-map") !== null;
          if (isMapInside) continue;
          const box = el.getBoundingClientRect();
          if (box.width === 0 || box.height === 0) continue;
          // A visually hidden label (1 px, clipped on purpose) is for screen readers, not paper.
          if (el.clientWidth <= 1) continue;
          if (box.right > width + 1 || box.left < -1)
            out.push(`${describe(el)} spans ${Math.round(box.left)}–${Math.round(box.right)}px`);
          const clips =
            ["hidden", "auto", "scroll", "clip"].includes(style.overflowX) &&
            !el.classList.contains("maplibregl-map");
          if (clips && el.scrollWidth > el.clientWidth + 1)
            out.push(`${describe(el)} hides ${el.scrollWidth - el.clientWidth}px of its content`);
        }
        return out;
      }, A4_CONTENT_WIDTH);
      offences.push(...found.slice(0, 5).map((o) => `${path}: ${o}`));
      const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
      expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1"), path).toBe("%PDF-");
      const name = path === "/" ? "overview" : path.slice(1).replaceAll("/", "-");
      writeFileSync(`${SHOTS}/print-${name}.pdf`, pdf);
    }
    expect(offences).toEqual([]);
    await context.close();
  });
});
