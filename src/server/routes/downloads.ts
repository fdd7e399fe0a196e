import { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { downloadRecords, LIST_FORMATS, type ListFormat } from "../../core/download-records.ts";
import { parseQuery } from "../../core/query-params.ts";
import type { Services } from "../../core/services.ts";
import type { Viewer } from "../../domain/access.ts";
import { writeGeoJson } from "../../ingest/geojson.ts";
import { writeRecordsCsv } from "../../ingest/records-csv.ts";
import { readTarget } from "../read-routing.ts";

/** The media type of each downloadable format, as `Accept` names it and the answer is typed. */
const MEDIA_TYPES: Record<ListFormat, string> = {
  json: "application/json",
  csv: "text/csv",
  geojson: "application/geo+json",
};

const FormatQuerySchema = z.object({ format: z.enum(LIST_FORMATS).optional() }).loose();

/**
 * The format a list request asks for: `?format=` when given (a link a browser can follow), else the
 * media type the `Accept` header prefers among those a list comes in; JSON when it names none.
 */
export function listFormatOf(request: FastifyRequest): ListFormat {
  const { format } = parseQuery(FormatQuerySchema, request.query ?? {});
  if (format) return format;
  const accept = request.headers.accept;
  if (!accept) return "json";
  const wanted = accept
    .split(",")
    .map((part, index) => {
      const [type = "", ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
      const q = params.find((param) => param.startsWith("q="));
      return { type, q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { type } of wanted) {
    if (type === "*/*" || type === "application/*" || type === MEDIA_TYPES.json) return "json";
    if (type === MEDIA_TYPES.csv || type === "text/*") return "csv";
    if (type === MEDIA_TYPES.geojson) return "geojson";
  }
  return "json";
}

/** A list route's 200 with the files it can also be: CSV rows and a GeoJSON FeatureCollection. */
export function withDownloads(response: object): object {
  const { content, ...rest } = response as { content: Record<string, unknown> };
  return {
    ...rest,
    content: {
      ...content,
      [MEDIA_TYPES.csv]: {
        schema: {
          type: "string",
          description:
            "every matching record: a header row, then one row per record (the envelope, then the kind's fields; nested values as JSON)",
        },
      },
      [MEDIA_TYPES.geojson]: {
        schema: {
          type: "object",
          description:
            "every matching record that has a place or a line, as an RFC 7946 FeatureCollection (the record in properties)",
        },
      },
    },
  };
}

/**
 * Sends every record of a kind the filters match as a file, streamed a batch at a time: the
 * filters are checked first (a bad one is a problem, not a broken file), then rows go out as they
 * are read. Downloads are not cached: they can be large, and the same filters can be paged.
 */
export async function sendDownload(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    services: Services;
    slug: string;
    type: string;
    viewer: Viewer;
    format: Exclude<ListFormat, "json">;
  },
): Promise<FastifyReply> {
  const { services } = readTarget(options.services, request, options.slug);
  const { kind, records } = await downloadRecords(
    services,
    options.slug,
    options.type,
    request.query,
    options.viewer,
  );
  const chunks = options.format === "csv" ? writeRecordsCsv(kind, records) : writeGeoJson(records);
  const extension = options.format === "csv" ? "csv" : "geojson";
  return reply
    .type(`${MEDIA_TYPES[options.format]}; charset=utf-8`)
    .header("cache-control", "no-store")
    .header("vary", "Accept")
    .header(
      "content-disposition",
      `attachment; filename="${options.slug}-${kind.path}.${extension}"`,
    )
    .send(Readable.from(chunks));
}
