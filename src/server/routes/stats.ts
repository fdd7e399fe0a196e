import type { FastifyInstance } from "fastify";
import { getStats, StatsQuerySchema } from "../../core/get-stats.ts";
import { getTile, TileQuerySchema } from "../../core/get-tile.ts";
import { recentChanges } from "../../core/recent-changes.ts";
import type { Services } from "../../core/services.ts";
import { viewerOf } from "../auth.ts";
import { ACCESS, jsonSchema, ok, problems, ref } from "../openapi.ts";
import { type ResponseCache, sendCached } from "../response-cache.ts";

/** The overview's aggregations: the numbers a dashboard draws. */
export function registerStatsRoutes(
  app: FastifyInstance,
  services: Services,
  cache: ResponseCache,
): void {
  app.get<{ Params: { slug: string } }>(
    "/api/processes/:slug/stats",
    {
      schema: {
        tags: ["overview"],
        operationId: "getStats",
        summary:
          "Incidents by week, kind, verification and actor, and claimed figures per claimant",
        description:
          "Figures are summed per claimant, category and side: each claimant's numbers stay apart. " +
          "`low`/`high` span what the claims allow; text-only counts add nothing to them.",
        security: ACCESS.read,
        params: { type: "object", properties: { slug: { type: "string" } }, required: ["slug"] },
        querystring: jsonSchema(StatsQuerySchema),
        response: {
          200: ok("The numbers, of the records you may see", ref("Stats")),
          ...problems(400, 404),
        },
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request, request.params.slug);
      const slug = request.params.slug;
      return sendCached(request, reply, {
        cache,
        services,
        slug,
        viewer,
        compute: (source) => getStats(source, slug, request.query, viewer),
      });
    },
  );
}

/** What changed lately: the overview's "since yesterday" and "this week". */
export function registerChangesRoute(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { slug: string } }>(
    "/api/processes/:slug/changes",
    {
      schema: {
        tags: ["overview"],
        operationId: "getRecentChanges",
        summary: "Records created, changed and removed in the last day and the last week",
        description:
          "Ledger entries by kind of record and action, counted over the 24 hours and the 7 days " +
          "before now, of the records you may see.",
        security: ACCESS.read,
        params: { type: "object", properties: { slug: { type: "string" } }, required: ["slug"] },
        response: {
          200: ok("The counts, by kind and action", ref("RecentChanges")),
          ...problems(404),
        },
      },
    },
    (request) =>
      recentChanges(services, request.params.slug, viewerOf(request, request.params.slug)),
  );
}

/** Clustered map tiles of located records: what the map draws at any zoom. */
export function registerTileRoutes(
  app: FastifyInstance,
  services: Services,
  cache: ResponseCache,
): void {
  app.get<{ Params: { slug: string; z: string; x: string; y: string } }>(
    "/api/processes/:slug/tiles/:z/:x/:y",
    {
      schema: {
        tags: ["map"],
        operationId: "getTile",
        summary: "A Web Mercator tile of clustered points, as GeoJSON",
        description:
          "Records of one kind located at a point inside the tile, grouped on an 8 × 8 grid. A " +
          "group of one is the record (id, kind, label); larger groups are clusters with a count.",
        params: {
          type: "object",
          properties: {
            slug: { type: "string" },
            z: { type: "integer" },
            x: { type: "integer" },
            y: { type: "integer" },
          },
          required: ["slug", "z", "x", "y"],
        },
        security: ACCESS.read,
        querystring: jsonSchema(TileQuerySchema),
        response: {
          200: ok("The tile's records and clusters", ref("Tile"), "application/geo+json"),
          ...problems(400, 404),
        },
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request, request.params.slug);
      const { slug, z, x, y } = request.params;
      const tile = { z: Number(z), x: Number(x), y: Number(y) };
      return sendCached(request, reply, {
        cache,
        services,
        slug,
        viewer,
        contentType: "application/geo+json",
        compute: (source) => getTile(source, slug, tile, request.query, viewer),
      });
    },
  );
}
