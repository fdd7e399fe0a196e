import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { WEB_ROUTES } from "../../domain/web-routes.ts";

export const WEB_DIST = fileURLToPath(new URL("../../../web/dist/", import.meta.url));

/** Whether the built web app is there to serve (npm start builds it). */
export function hasWebApp(): boolean {
  return existsSync(`${WEB_DIST}index.html`);
}

/**
 * Serves the built web app: its assets, and its page on every web route. Assets are named by a
 * hash of their content, so browsers keep them for a year; the page that names them is checked
 * on every visit, so an upgraded server is seen at once. Browsers that accept brotli or gzip get
 * the copies the build compressed.
 */
export async function registerWebRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    prefix: "/",
    index: false,
    // Files are looked up when asked for, so a rebuilt web app is served without a restart.
    wildcard: true,
    preCompressed: true,
    maxAge: "365d",
    immutable: true,
    setHeaders: (reply, path) => {
      if (!isHashedAsset(path)) reply.header("cache-control", "no-cache");
    },
  });
  // Every kind's list page (/records/<kind path>) is the app too; it says when no kind has the path.
  for (const route of [...WEB_ROUTES, "/records/:kind"]) {
    app.get(route, { schema: { hide: true } }, async (_request, reply) =>
      reply.sendFile("index.html"),
    );
  }
}

function isHashedAsset(path: string): boolean {
  return path.startsWith(`${WEB_DIST}assets/`);
}
