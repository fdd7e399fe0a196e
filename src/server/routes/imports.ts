import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { importAcled } from "../../core/import-acled.ts";
import { importHxl } from "../../core/import-hxl.ts";
import { importPax } from "../../core/import-pax.ts";
import { type ImportSummary, importBundle } from "../../core/import-records.ts";
import { importUcdp } from "../../core/import-ucdp.ts";
import { parseQuery } from "../../core/query-params.ts";
import type { Services } from "../../core/services.ts";
import { viewerIn } from "../../domain/access.ts";
import { DomainError } from "../../domain/errors.ts";
import { readAcledCsv } from "../../ingest/acled.ts";
import {
  FORMAT_OPTIONS,
  formatsTaking,
  IMPORT_FORMAT_NAMES,
  IMPORT_FORMATS,
  IMPORT_MEDIA_TYPES,
  type ImportFormatName,
  oneOf,
} from "../../ingest/formats.ts";
import { parseGeoJson } from "../../ingest/geojson.ts";
import { readHxlCsv } from "../../ingest/hxl.ts";
import { readPaxCsv } from "../../ingest/pax.ts";
import { parseTruceJson } from "../../ingest/truce-json.ts";
import { readUcdpCsv } from "../../ingest/ucdp.ts";
import { ACCESS, jsonSchema, ok, problems } from "../openapi.ts";
import { markWritten } from "../read-routing.ts";

const { pp } = FORMAT_OPTIONS;

const ImportQuerySchema = z
  .object({
    format: z
      .enum(IMPORT_FORMAT_NAMES)
      .describe(
        [
          "What the file is:",
          "",
          ...IMPORT_FORMATS.map((f) => `- \`${f.name}\` (${f.label}): ${f.description}`),
        ].join("\n"),
      ),
    [pp.query]: z
      .string()
      .regex(pp.pattern, pp.patternMeaning)
      .optional()
      .describe(`With format=${formatsTaking("pp").join(" or ")}: ${pp.description}`),
  })
  .strict();

/** Largest file the route takes: datasets are streamed, so this bounds time, not memory. */
export const IMPORT_BODY_LIMIT = 100 * 1024 * 1024;

const CONTENT_TYPES = [...IMPORT_MEDIA_TYPES];

/**
 * The request body as it arrives, stopped with a 413 once it passes the route's limit. Fastify
 * counts bytes only for the bodies it buffers itself; this one is handed over as a stream.
 */
async function* limited(request: FastifyRequest, limit: number): AsyncGenerator<Buffer> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  let seen = 0;
  for await (const chunk of request.body as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    seen += bytes.length;
    if (seen > limit) throw tooLarge(limit);
    yield bytes;
  }
}

function tooLarge(limit: number): Error {
  // Fastify's own code, so the one problem handler answers 413 as for any other body.
  return Object.assign(new Error(`The file is larger than ${limit} bytes`), {
    code: "FST_ERR_CTP_BODY_TOO_LARGE",
    statusCode: 413,
  });
}

async function textOf(chunks: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts).toString("utf8");
}

const summarySchema = {
  type: "object",
  description: "What the import did; the same summary `truce import` prints",
  properties: {
    read: {
      type: "integer",
      description: "records read (a dataset row gives an incident and a claim)",
    },
    created: { type: "integer" },
    updated: { type: "integer" },
    unchanged: { type: "integer", description: "already present, exactly so" },
    rejected: {
      type: "array",
      items: {
        type: "object",
        properties: {
          at: {
            type: "string",
            description: "where in the file: `line 12`, `record 3`, `feature 2`",
          },
          id: { type: "string" },
          reason: { type: "string" },
        },
        required: ["at", "reason"],
      },
    },
    rows: { type: "integer", description: "CSV formats: data rows in the file" },
    outside_countries: {
      type: "object",
      additionalProperties: { type: "integer" },
      description:
        "ACLED, UCDP, HXL, when the process lists its countries: rows imported whose country " +
        "(ISO 3166-1 alpha-2) is not among them, by country; they are imported all the same",
    },
    unknown_countries: {
      type: "object",
      additionalProperties: { type: "integer" },
      description:
        "ACLED, UCDP: rows imported that name a country no ISO code was found for (Kosovo), " +
        "by the file's text for it; they are imported without a country",
    },
    places_matched: {
      type: "integer",
      description:
        "ACLED, UCDP, HXL: rows whose place was named after one of the process's place records " +
        "(its place_id set; the row's own point and precision kept)",
    },
  },
  required: ["read", "created", "updated", "unchanged", "rejected"],
};

/**
 * `POST /api/processes/{slug}/imports`: a data file as the raw request body, imported by the same
 * use cases as `truce import`, as the caller. Registered in its own encapsulated scope so that its
 * stream-through body parsers apply to this route only.
 */
export function registerImportRoutes(app: FastifyInstance, services: Services): void {
  void app.register(async (scope) => {
    // CSV files are handed to the streaming readers as they arrive; JSON formats are read whole
    // by their parsers anyway, so they are collected (up to the limit) in the handler.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(CONTENT_TYPES, (_request, payload, done) => done(null, payload));

    scope.post<{ Params: { slug: string }; Querystring: Record<string, unknown> }>(
      "/api/processes/:slug/imports",
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ["imports"],
          operationId: "importFile",
          summary: `Import a data file (${IMPORT_FORMATS.map((f) => f.label).join(", ")})`,
          description:
            `Send the file itself as the body (${oneOf(CONTENT_TYPES)}), up to 100 MiB, and ` +
            "say in `format` what it is; CSV files are read as they arrive. Records are written " +
            "as the caller: each one the caller may not write is rejected with its reason, like " +
            "a malformed row, which is named by its line. Importing the same file again changes " +
            "nothing.",
          params: {
            type: "object",
            properties: { slug: { type: "string" } },
            required: ["slug"],
          },
          security: ACCESS.write,
          querystring: jsonSchema(ImportQuerySchema),
          consumes: CONTENT_TYPES,
          // The file itself, in any of CONTENT_TYPES: the OpenAPI document's requestBody. The
          // schema says nothing a body could fail (it arrives as a stream, read by the importers).
          body: { description: "The data file itself, as `format` names it" },
          response: {
            200: ok("What the import did", summarySchema),
            ...problems(400, 403, 404, 413, 415, 422),
          },
        },
        // Refused before the body is read: the public may write nothing, so its upload is not
        // worth receiving. Viewers and the other roles are refused record by record, with reasons.
        preValidation: async (request) => {
          if (viewerIn(request.auth.caller, request.params.slug).role === "public") {
            throw new DomainError("unauthorized", "Sign in to import records");
          }
          parseQuery(ImportQuerySchema, request.query);
        },
      },
      async (request, reply) => {
        const { slug } = request.params;
        const query = parseQuery(ImportQuerySchema, request.query);
        const input = limited(request, IMPORT_BODY_LIMIT);
        const options = { principal: request.auth.caller };
        let summary: ImportSummary & { rows?: number };
        switch (query.format) {
          case "acled":
            summary = await importAcled(services, slug, readAcledCsv(input), options);
            break;
          case "ucdp":
            summary = await importUcdp(services, slug, readUcdpCsv(input), options);
            break;
          case "hxl":
            summary = await importHxl(services, slug, readHxlCsv(input), options);
            break;
          case "pax": {
            const {
              matched: _m,
              otherProcesses: _o,
              ...rest
            } = await importPax(services, slug, readPaxCsv(input), {
              ...options,
              ...(query.pp ? { peaceProcess: query.pp } : {}),
            });
            summary = rest;
            break;
          }
          case "json":
          case "geojson": {
            const text = await textOf(input);
            const bundle =
              query.format === "json"
                ? parseTruceJson(text)
                : { process: undefined, records: parseGeoJson(text) };
            summary = await importBundle(services, slug, bundle, options);
            break;
          }
          default: {
            // A format added to the registry without its importer here does not compile.
            const missing: never = query.format;
            throw new Error(`no importer for ${missing as ImportFormatName}`);
          }
        }
        if (summary.created + summary.updated > 0) markWritten(reply, services, slug);
        return summary;
      },
    );
  });
}
