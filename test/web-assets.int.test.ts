import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { hasWebApp, WEB_DIST } from "../src/server/routes/web.ts";
import { useTestApp } from "./support/app.ts";

/** The scripts and styles the page itself names: what every visit loads before any page runs. */
function pageAssets(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((match) => match[1] ?? "");
}

describe.runIf(hasWebApp())("the web app's files as the server sends them", () => {
  const server = useTestApp();
  const app = () => server.app();

  it("has browsers check the page on every visit, on every web route", async () => {
    for (const route of ["/", "/map", "/incidents", "/index.html"]) {
      const page = await app().inject(route);
      expect(page.statusCode, route).toBe(200);
      expect(page.headers["cache-control"], route).toBe("no-cache");
      expect(page.body).toContain('<div id="root">');
    }
  });

  it("answers a mistyped address with the app's page in a browser and a problem elsewhere", async () => {
    const page = await app().inject({ url: "/nonexistent", headers: { accept: "text/html,*/*" } });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers["cache-control"]).toBe("no-cache");
    const script = await app().inject({ url: "/nonexistent", headers: { accept: "*/*" } });
    expect(script.statusCode).toBe(404);
    expect(script.headers["content-type"]).toContain("application/problem+json");
    const api = await app().inject({ url: "/api/nope", headers: { accept: "text/html" } });
    expect(api.headers["content-type"]).toContain("application/problem+json");
  });

  it("lets browsers keep the hashed assets for a year, compressed as they accept", async () => {
    const html = (await app().inject("/")).body;
    const assets = pageAssets(html);
    expect(assets.some((asset) => asset.endsWith(".js"))).toBe(true);
    for (const asset of assets) {
      const raw = readFileSync(`${WEB_DIST}${asset}`);
      const plain = await app().inject(`/${asset}`);
      expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.rawPayload.equals(raw)).toBe(true);
      if (raw.length < 1024) continue;
      const br = await app().inject({
        url: `/${asset}`,
        headers: { "accept-encoding": "br, gzip" },
      });
      expect(br.headers["content-encoding"]).toBe("br");
      expect(br.headers.vary).toContain("accept-encoding");
      expect(br.rawPayload.length).toBeLessThan(raw.length / 2);
      expect(brotliDecompressSync(br.rawPayload).equals(raw)).toBe(true);
      const gzip = await app().inject({ url: `/${asset}`, headers: { "accept-encoding": "gzip" } });
      expect(gzip.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(gzip.rawPayload).equals(raw)).toBe(true);
    }
  });

  it("serves a file the build wrote after the server started: a rebuild needs no restart", async () => {
    const name = `assets/rebuilt-${process.pid}-${Date.now()}.js`;
    writeFileSync(`${WEB_DIST}${name}`, "export const rebuilt = true;\n");
    try {
      const asset = await app().inject(`/${name}`);
      expect(asset.statusCode).toBe(200);
      expect(asset.body).toBe("export const rebuilt = true;\n");
    } finally {
      rmSync(`${WEB_DIST}${name}`);
    }
    expect((await app().inject(`/${name}`)).statusCode).toBe(404);
  });

  it("leaves MapLibre out of what every page loads: the map pages fetch it when opened", async () => {
    // Scripts only: the stylesheet names MapLibre's classes (to print the map) without loading it.
    const assets = pageAssets((await app().inject("/")).body).filter((a) => a.endsWith(".js"));
    const loaded = assets.map((asset) => readFileSync(`${WEB_DIST}${asset}`, "utf8")).join("\n");
    // MapLibre's own error text; it is in the bundle wherever MapLibre is.
    expect(loaded).not.toContain("maplibregl");
    expect(loaded).toMatch(/import\([`"']\.\/map-[\w-]+\.js[`"']\)/);
  });
});
