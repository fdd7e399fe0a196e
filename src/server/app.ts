import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import type { Services } from "../core/services.ts";
import { DomainError } from "../domain/errors.ts";
import { unstorableTextIssues } from "../domain/record.ts";
import { registerAuth } from "./auth.ts";
import { FAVICON_SVG, LOGO_SVG } from "./brand.ts";
import { addSchemas, SWAGGER_OPTIONS } from "./openapi.ts";
import { answerFrameworkError, registerProblemHandlers } from "./problems.ts";
import { ResponseCache } from "./response-cache.ts";
import { API_SCHEMAS } from "./response-schemas.ts";
import { mapStyleOrigin, registerConfigRoutes } from "./routes/config.ts";
import { registerFeedRoutes } from "./routes/feed.ts";
import { registerGazetteerRoutes } from "./routes/gazetteer.ts";
import { registerHomeRoutes } from "./routes/home.ts";
import { registerImportRoutes } from "./routes/imports.ts";
import { registerLedgerRoutes } from "./routes/ledger.ts";
import { registerPhotoRoutes } from "./routes/photos.ts";
import { registerProcessRoutes } from "./routes/processes.ts";
import { registerRecordRoutes } from "./routes/records.ts";
import { registerReportRoutes } from "./routes/reports.ts";
import { registerChangesRoute, registerStatsRoutes, registerTileRoutes } from "./routes/stats.ts";
import { registerSubscriptionRoutes } from "./routes/subscriptions.ts";
import { hasWebApp, registerWebRoutes } from "./routes/web.ts";

/** Security headers of every JSON API response: nothing in it may load or frame anything. */
const API_HEADERS = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
  "strict-transport-security": "max-age=31536000; includeSubDomains",
};

function isApiRoute(url: string): boolean {
  return url.startsWith("/api/") && !url.startsWith("/api/docs");
}

export type AppOptions = {
  /** Largest request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Requests per minute per client address (default 1200). */
  rateLimit?: number;
  logger?: boolean;
  /** Where logs go instead of standard output (tests read them). */
  logStream?: { write: (line: string) => void };
  /** Believe X-Forwarded-* from a reverse proxy (TRUCE_TRUST_PROXY): client address, https. */
  trustProxy?: boolean;
  /** Memory for cached read responses (default 64 MiB). */
  cacheBytes?: number;
  /** An online MapLibre style URL (TRUCE_MAP_STYLE_URL) for the maps; unset keeps them offline. */
  mapStyleUrl?: string | undefined;
  /**
   * How long the web app keeps a sign-in, and the copy of the process it holds for it, with no
   * connection to confirm it (TRUCE_OFFLINE_SIGNIN_HOURS; default 72).
   */
  offlineSignInHours?: number | undefined;
};

/**
 * The HTTP API. Route schemas document the API (OpenAPI 3.1); validation happens once, in core,
 * with the shared zod schemas, so the CLI and importers check exactly what the API checks.
 */
export async function buildApp(
  services: Services,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    // Request logs never carry credentials: headers are not logged, and bodies (passwords) never.
    logger:
      options.logger || options.logStream
        ? {
            level: "info",
            redact: [
              "req.headers.authorization",
              "req.headers.cookie",
              'res.headers["set-cookie"]',
            ],
            ...(options.logStream ? { stream: options.logStream } : {}),
          }
        : false,
    // One trusted hop, not `true`: the client's address is then the right-most entry of
    // X-Forwarded-For (what our proxy saw), never a left-most one a client wrote itself to slip
    // past the rate limits and the sign-in backoff, which key on it.
    trustProxy: options.trustProxy ? (_address: string, hop: number) => hop === 0 : false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    ajv: { customOptions: { strict: false } },
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: answerFrameworkError,
  });
  // Fastify would validate with Ajv and serialize with fast-json-stringify from the documentation
  // schemas; both are turned off so that the zod schemas in core stay the only source of truth.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerProblemHandlers(app, {
    ...(hasWebApp() ? { pageNotFound: (reply) => reply.sendFile("index.html") } : {}),
  });
  // Path parameters name processes, records and tiles: text the store cannot hold (a NUL from %00,
  // a lone surrogate) names none of them, and is refused before anything looks it up.
  app.addHook("onRequest", (request, _reply, done) => {
    const issues = unstorableTextIssues(request.params);
    if (issues.length === 0) return done();
    const first = issues[0];
    done(new DomainError("bad_request", `${first?.path}: ${first?.message}`, { issues }));
  });
  // Every JSON body, whatever the route: text the store cannot hold is refused with its field,
  // as the use cases refuse it in records and inputs from the command line and files too.
  app.addHook("preValidation", (request, _reply, done) => {
    const issues = unstorableTextIssues(request.body);
    if (issues.length === 0) return done();
    const first = issues[0];
    done(
      new DomainError("validation_failed", `${first?.path || "(body)"}: ${first?.message}`, {
        issues,
      }),
    );
  });
  app.addHook("onRoute", (route) => {
    if (!isApiRoute(route.url)) return;
    // JSON API responses are not documents: they get a fixed set of headers, set in one call.
    // Helmet's per-request work cost a third of a cached read's throughput; pages keep Helmet.
    route.helmet = false;
    const own =
      route.onRequest === undefined
        ? []
        : Array.isArray(route.onRequest)
          ? route.onRequest
          : [route.onRequest];
    route.onRequest = [
      ...own,
      (_request, reply, done) => {
        reply.headers(API_HEADERS);
        done();
      },
    ];
  });

  // An online map style loads its style, tiles, glyphs and sprites from its own origin: only that
  // origin is allowed, and only when one is configured; offline, pages reach nothing but this server.
  const mapOrigin = mapStyleOrigin(options.mapStyleUrl);
  const mapSources = mapOrigin ? [mapOrigin] : [];
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'", ...mapSources],
        imgSrc: ["'self'", "data:", "blob:", ...mapSources],
        // MapLibre draws in web workers it starts from blob: URLs.
        workerSrc: ["'self'", "blob:"],
        childSrc: ["blob:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        frameAncestors: ["'none'"],
        // Served over plain HTTP on a laptop or a LAN: upgrading requests would break it there.
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(rateLimit, { max: options.rateLimit ?? 1200, timeWindow: "1 minute" });
  await app.register(swagger, SWAGGER_OPTIONS);
  addSchemas(app, API_SCHEMAS);
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    staticCSP: true,
    // Swagger UI sets a few inline styles when it expands operations.
    transformStaticCSP: (header) =>
      header.replace("style-src 'self' https:", "style-src 'self' 'unsafe-inline'"),
    logo: { type: "image/svg+xml", content: Buffer.from(LOGO_SVG), href: "/", target: "_self" },
    theme: {
      title: "Truce API",
      favicon: [
        {
          filename: "favicon.svg",
          rel: "icon",
          sizes: "any",
          type: "image/svg+xml",
          content: Buffer.from(FAVICON_SVG),
        },
      ],
    },
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  registerAuth(app, services);
  registerHomeRoutes(app, services, { hasWebApp: hasWebApp() });
  registerConfigRoutes(app, {
    mapStyleUrl: options.mapStyleUrl || null,
    offlineSignInHours: options.offlineSignInHours ?? 72,
  });
  if (hasWebApp()) await registerWebRoutes(app);
  registerProcessRoutes(app, services);
  registerLedgerRoutes(app, services);
  const cache = new ResponseCache(options.cacheBytes);
  registerRecordRoutes(app, services, cache);
  registerGazetteerRoutes(app, services);
  registerImportRoutes(app, services);
  registerPhotoRoutes(app, services);
  registerReportRoutes(app, services);
  registerStatsRoutes(app, services, cache);
  registerChangesRoute(app, services);
  registerTileRoutes(app, services, cache);
  registerSubscriptionRoutes(app, services);
  registerFeedRoutes(app, services);
  return app;
}
