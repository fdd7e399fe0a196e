import type { FastifyInstance } from "fastify";
import { getStats, StatsQuerySchema } from "../../core/get-stats.ts";
import type { Services } from "../../core/services.ts";
import type { RequestContext } from "../context.ts";
import { jsonSchema, problemSchema } from "../openapi.ts";

/** The overview's aggregations: the numbers a dashboard draws. */
export function registerStatsRoutes(
  app: FastifyInstance,
  services: Services,
  context: RequestContext,
): void {
  app.get<{ Params: { slug: string } }>(
    "/api/processes/:slug/stats",
    {
      schema: {
        tags: ["overview"],
        summary:
          "Incidents by week, kind, verification and actor, and claimed figures per claimant",
        description:
          "Figures are summed per claimant, category and side: each claimant's numbers stay apart. " +
          "`low`/`high` span what the claims allow; text-only counts add nothing to them.",
        params: { type: "object", properties: { slug: { type: "string" } }, required: ["slug"] },
        querystring: jsonSchema(StatsQuerySchema),
        response: { 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) =>
      getStats(services, request.params.slug, request.query, context.viewer(request)),
  );
}
