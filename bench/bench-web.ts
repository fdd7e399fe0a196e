import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { buildApp } from "../src/server/app.ts";
import { hasWebApp } from "../src/server/routes/web.ts";
import { SYNTHETIC_PROCESS } from "./generate.ts";
import { percentile, round } from "./measure.ts";
import type { BenchContext } from "./services.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * web.incidents and web.map: how long Chromium takes, from navigation to something a user can use
 * (the first rows of the incident table; the map's clustered incidents drawn), with every incident of
 * the synthetic process in the store, and how many bytes of API answers it took. The baseline is the
 * app shell (the sign-in page: the same scripts, no records), measured the same way in the same run,
 * so the ratio is what the data costs. Skipped without Chromium or a built web app.
 */
export async function runWebBench(context: BenchContext): Promise<void> {
  const { services, storeName, n, isQuick, report } = context;
  if (!existsSync(CHROMIUM) || !hasWebApp()) {
    process.stderr.write("web benchmarks skipped: no Chromium or no built web app\n");
    return;
  }
  const app = await buildApp(services, { rateLimit: 10_000_000 });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const rounds = isQuick ? 5 : 11;
  try {
    const measure = async (
      path: string,
      ready: (page: import("playwright-core").Page) => Promise<unknown>,
    ) => {
      const times: number[] = [];
      let apiBytes = 0;
      for (let i = 0; i < rounds; i += 1) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        let bytes = 0;
        page.on("response", (response) => {
          if (response.url().includes("/api/"))
            void response.body().then(
              (b) => {
                bytes += b.length;
              },
              () => undefined,
            );
        });
        const started = performance.now();
        await page.goto(`${base}${path}`);
        await ready(page);
        times.push(performance.now() - started);
        await page.waitForLoadState("networkidle");
        apiBytes = Math.max(apiBytes, bytes);
        await page.close();
      }
      return { p50: percentile(times, 50), p95: percentile(times, 95), apiBytes };
    };
    const slug = SYNTHETIC_PROCESS.slug;
    // One unmeasured visit of each page first: the browser's first page pays for starting up,
    // and the server's caches should be as warm for the shell as for the pages.
    for (const path of ["/login", "/incidents", "/map"]) {
      const page = await browser.newPage();
      await page.goto(`${base}${path}?process=${slug}`, { waitUntil: "networkidle" });
      await page.close();
    }
    // The sign-in page is the app shell: the same scripts and styles, and no records to fetch.
    const shell = await measure(`/login?process=${slug}`, (page) =>
      page.waitForSelector("#login-email", { timeout: 60_000 }),
    );
    const incidents = await measure(`/incidents?process=${slug}`, (page) =>
      page.waitForSelector("table tbody tr td a", { timeout: 60_000 }),
    );
    const map = await measure(`/map?process=${slug}`, (page) =>
      page.waitForResponse((r) => r.url().includes("/tiles/") && r.ok(), { timeout: 60_000 }),
    );
    for (const [name, result] of [
      ["web.incidents", incidents],
      ["web.map", map],
    ] as const) {
      report({
        name,
        store: storeName,
        n,
        value: round(result.p95),
        unit: "ms p95 to usable",
        baseline: round(shell.p95),
        ratio: round(result.p95 / shell.p95),
        note: `p50 ${round(result.p50)} ms; ${Math.round(result.apiBytes / 1024)} KiB of API answers for the page (not the ${n} incidents)`,
      });
    }
  } finally {
    await browser.close();
    await app.close();
  }
}
