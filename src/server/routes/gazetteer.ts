import type { FastifyInstance } from "fastify";
import { GazetteerQuerySchema, searchGazetteer } from "../../core/process-gazetteer.ts";
import type { Services } from "../../core/services.ts";
import { viewerOf } from "../auth.ts";
import { ACCESS, jsonSchema, ok, problems } from "../openapi.ts";

const HIT = {
  type: "object",
  properties: {
    source: { type: "string", enum: ["process", "world"] },
    id: { type: "string", description: "the process's place record, for its own places" },
    name: { type: "string" },
    label: { type: "string", description: "its name in the language asked for" },
    matched: { type: "string", description: "the other name or alias that matched" },
    kind: { type: "string" },
    precision: { type: "string" },
    lat: { type: "number" },
    lon: { type: "number" },
    country: { type: "string" },
    admin1: { type: "string" },
    geonames_id: { type: "integer" },
    population: { type: "integer" },
    distance_km: { type: "number" },
  },
  required: ["source", "name", "label", "kind", "precision"],
};

/** Place suggestions for pickers: the process's own gazetteer first, then the world's. */
export function registerGazetteerRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { slug: string } }>(
    "/api/processes/:slug/gazetteer",
    {
      schema: {
        tags: ["places"],
        operationId: "searchGazetteer",
        summary: "Places by name or alias, or nearest a point: the process's own, then the world's",
        description:
          "The process's place records (names in every language, each side's names, aliases; " +
          "case and diacritics aside) come first and win; then GeoNames' populated places, " +
          "shipped offline, those in the process's countries first. `near=lat,lon` answers the " +
          "nearest instead. Each place says its `source`; only the process's have an `id`.",
        security: ACCESS.read,
        params: { type: "object", properties: { slug: { type: "string" } }, required: ["slug"] },
        querystring: jsonSchema(GazetteerQuerySchema),
        response: {
          200: ok("The places found, best first", {
            type: "object",
            properties: { places: { type: "array", items: HIT } },
            required: ["places"],
          }),
          ...problems(400, 404),
        },
      },
    },
    async (request) =>
      searchGazetteer(
        services,
        request.params.slug,
        request.query,
        viewerOf(request, request.params.slug),
      ),
  );
}
