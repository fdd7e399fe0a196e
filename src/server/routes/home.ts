import type { FastifyInstance } from "fastify";
import type { Services } from "../../core/services.ts";
import { VERSION } from "../../version.ts";
import { FAVICON_SVG } from "../brand.ts";
import { ACCESS, ok, problems } from "../openapi.ts";

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
<title>Truce</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 3rem auto; padding: 0 1rem; color: #1b1b1b; }
a { color: #0b57d0; } a:focus { outline: 3px solid #f9a825; outline-offset: 2px; }
code { background: #f1f1f1; padding: 0 .25rem; }
</style>
</head>
<body>
<main>
<h1>Truce</h1>
<p>The shared, verifiable record of a ceasefire and the peace process around it.</p>
<p>The web app is not built here (<code>npm start</code> builds it). The record is served by the API:</p>
<ul>
<li><a href="/api/docs">API documentation</a> (OpenAPI 3.1 at <a href="/api/openapi.json">/api/openapi.json</a>)</li>
<li><a href="/api/processes">Processes</a>: each at <code>/api/processes/SLUG</code>, its ledger's signed tree head at <code>/api/processes/SLUG/ledger/head</code></li>
<li><a href="/api/health">Health</a></li>
</ul>
</main>
</body>
</html>`;

/** A plain landing page until the web app lands, and the health check. */
export function registerHomeRoutes(
  app: FastifyInstance,
  services: Services,
  options: { hasWebApp: boolean },
): void {
  // The web app serves "/" when it is built; this page stands in when it is not.
  if (!options.hasWebApp) {
    app.get("/", { schema: { hide: true } }, async (_request, reply) =>
      reply.type("text/html; charset=utf-8").send(PAGE),
    );
  }

  app.get("/favicon.ico", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("image/svg+xml").header("cache-control", "public, max-age=86400").send(FAVICON_SVG),
  );
  app.get(
    "/api/health",
    {
      schema: {
        tags: ["health"],
        operationId: "getHealth",
        summary: "Whether the server and its store answer",
        security: ACCESS.anyone,
        response: {
          200: ok("The server and its store answer", {
            type: "object",
            properties: {
              status: { type: "string", enum: ["ok"] },
              store: { type: "string", enum: ["pglite", "postgres"] },
              version: { type: "string" },
            },
            required: ["status", "store", "version"],
          }),
          ...problems(),
        },
      },
    },
    async () => {
      await services.store.db.selectFrom("process").select("id").limit(1).execute();
      return { status: "ok", store: services.store.kind, version: VERSION };
    },
  );
}
