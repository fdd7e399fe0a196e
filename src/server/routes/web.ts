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

/** Serves the built web app: its assets, and its page on every web route. */
export async function registerWebRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    prefix: "/",
    index: false,
    wildcard: false,
    maxAge: "1h",
  });
  for (const route of WEB_ROUTES) {
    app.get(route, { schema: { hide: true } }, async (_request, reply) =>
      reply.header("cache-control", "no-cache").sendFile("index.html"),
    );
  }
}
