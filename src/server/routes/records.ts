import type { FastifyInstance } from "fastify";
import { createRecordOnce } from "../../core/create-record.ts";
import { deleteRecord } from "../../core/delete-record.ts";
import { DownloadQuerySchema } from "../../core/download-records.ts";
import { ErasureSchema, eraseRecord } from "../../core/erase-record.ts";
import { getRecord } from "../../core/get-record.ts";
import { getRecordHistory } from "../../core/ledger-queries.ts";
import { listRecords } from "../../core/list-records.ts";
import type { Services } from "../../core/services.ts";
import { updateRecordOnce } from "../../core/update-record.ts";
import { KINDS } from "../../domain/kinds/index.ts";
import { aOrAn } from "../../domain/words.ts";
import { viewerOf } from "../auth.ts";
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf } from "../idempotency.ts";
import {
  ACCESS,
  addRecordSchemas,
  BODY_PROBLEMS,
  jsonSchema,
  kindNames,
  noContent,
  ok,
  problems,
  ref,
} from "../openapi.ts";
import { etagOf, requireIfMatch } from "../preconditions.ts";
import { markWritten } from "../read-routing.ts";
import { type ResponseCache, sendCached } from "../response-cache.ts";
import { listFormatOf, sendDownload, withDownloads } from "./downloads.ts";

const slugParam = {
  type: "string",
  description: "the process's slug (GET /api/processes lists them)",
};
const ifMatch = {
  type: "object",
  properties: { "if-match": { type: "string", description: 'the version you read, e.g. "3"' } },
};
const ifMatchAndKey = {
  type: "object",
  properties: { ...ifMatch.properties, ...IDEMPOTENCY_KEY_HEADER },
};

/**
 * List, get, create, update and delete for every kind, under /api/processes/{slug}/{kind}. Their
 * operationIds are named after the kind: listIncidents, getIncident, createIncident...
 */
export function registerRecordRoutes(
  app: FastifyInstance,
  services: Services,
  cache: ResponseCache,
): void {
  const listQuery = jsonSchema(DownloadQuerySchema);
  for (const kind of KINDS) {
    const base = `/api/processes/:slug/${kind.path}`;
    const tags = [kind.path];
    const { one, many } = kindNames(kind);
    const { input, output } = addRecordSchemas(app, kind);
    const params = { type: "object", properties: { slug: slugParam }, required: ["slug"] };
    const idParams = {
      type: "object",
      properties: { slug: slugParam, id: { type: "string" } },
      required: ["slug", "id"],
    };

    app.get<{ Params: { slug: string } }>(
      base,
      {
        schema: {
          tags,
          operationId: `list${many}`,
          summary: `List ${kind.path}`,
          description:
            `${kind.title}. Filters combine with AND; pages follow next_cursor. With ` +
            "`format=csv` or `format=geojson` (or `Accept: text/csv` or `application/geo+json`) " +
            "the answer is every matching record as a file, streamed, instead of a page.",
          security: ACCESS.read,
          params,
          querystring: listQuery,
          response: {
            200: withDownloads(
              ok(`A page of the ${kind.path} you may see, or all of them as a file`, {
                type: "object",
                properties: {
                  items: { type: "array", items: output },
                  next_cursor: {
                    type: ["string", "null"],
                    description: "the next page's cursor; null on the last page",
                  },
                },
                required: ["items", "next_cursor"],
              }),
            ),
            ...problems(400, 404),
          },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request, request.params.slug);
        const slug = request.params.slug;
        const format = listFormatOf(request);
        if (format !== "json")
          return sendDownload(request, reply, { services, slug, type: kind.type, viewer, format });
        const { format: _, ...query } = (request.query ?? {}) as Record<string, unknown>;
        // The same URL answers a file to Accept: text/csv: shared caches must key on it.
        reply.header("vary", "Accept");
        return sendCached(request, reply, {
          cache,
          services,
          slug,
          viewer,
          compute: (source) => listRecords(source, slug, kind.type, query, viewer),
        });
      },
    );

    app.get<{ Params: { slug: string; id: string } }>(
      `${base}/:id`,
      {
        schema: {
          tags,
          operationId: `get${one}`,
          summary: `Get one ${kind.type}`,
          security: ACCESS.read,
          params: idParams,
          response: {
            200: ok(`The ${kind.type}; its ETag is its version`, output),
            ...problems(404),
          },
        },
      },
      async (request, reply) => {
        const record = await getRecord(
          services,
          request.params.slug,
          kind.type,
          request.params.id,
          viewerOf(request, request.params.slug),
        );
        reply.header("etag", etagOf(record.version));
        return record;
      },
    );

    app.get<{ Params: { slug: string; id: string } }>(
      `${base}/:id/history`,
      {
        schema: {
          tags,
          operationId: `get${one}History`,
          summary: `The ledger entries of one ${kind.type}, oldest first`,
          security: ACCESS.read,
          params: idParams,
          response: {
            200: ok("Its ledger entries, as far as you may see them", {
              type: "object",
              properties: { entries: { type: "array", items: ref("LedgerEntry") } },
              required: ["entries"],
            }),
            ...problems(404),
          },
        },
      },
      async (request) => ({
        entries: await getRecordHistory(
          services,
          request.params.slug,
          request.params.id,
          viewerOf(request, request.params.slug),
        ),
      }),
    );

    app.post<{ Params: { slug: string } }>(
      base,
      {
        schema: {
          tags,
          operationId: `create${one}`,
          summary: `Create ${aOrAn(kind.type)}`,
          description:
            "Unknown fields are rejected. Omit id to have one generated. With an Idempotency-Key, " +
            "the same request sent again is answered as the first time and stores nothing.",
          security: ACCESS.write,
          params,
          headers: { type: "object", properties: IDEMPOTENCY_KEY_HEADER },
          body: input,
          response: {
            201: ok(`The ${kind.type} as stored; Location names it`, output),
            ...problems(...BODY_PROBLEMS, 403, 404, 409),
          },
        },
      },
      async (request, reply) => {
        const { record, status, replayed } = await createRecordOnce(
          services,
          request.params.slug,
          kind.type,
          request.body,
          request.auth.caller,
          idempotencyKeyOf(request),
        );
        if (!replayed) markWritten(reply, services, request.params.slug);
        reply
          .status(status)
          .header("etag", etagOf(Number(record.version)))
          .header("location", `${request.url}/${String(record.id)}`);
        if (replayed) reply.header("idempotent-replayed", "true");
        return record;
      },
    );

    app.put<{ Params: { slug: string; id: string } }>(
      `${base}/:id`,
      {
        schema: {
          tags,
          operationId: `update${one}`,
          summary: `Replace ${aOrAn(kind.type)}'s fields`,
          description:
            'Send If-Match with the version you edited ("3"); a stale version answers 412.',
          security: ACCESS.write,
          params: idParams,
          headers: ifMatchAndKey,
          body: input,
          response: {
            200: ok(`The ${kind.type} as stored`, output),
            ...problems(...BODY_PROBLEMS, 403, 404, 412, 428),
          },
        },
      },
      async (request, reply) => {
        const expected = requireIfMatch(request.headers["if-match"]);
        const { record, replayed } = await updateRecordOnce(
          services,
          request.params.slug,
          {
            type: kind.type,
            id: request.params.id,
            input: request.body,
            expectedVersion: expected,
          },
          request.auth.caller,
          idempotencyKeyOf(request),
        );
        reply.header("etag", etagOf(Number(record.version)));
        if (replayed) reply.header("idempotent-replayed", "true");
        else markWritten(reply, services, request.params.slug);
        return record;
      },
    );

    if (kind.erase) {
      app.post<{ Params: { slug: string; id: string } }>(
        `${base}/:id/erase`,
        {
          schema: {
            tags,
            operationId: `erase${one}`,
            summary: `Erase ${aOrAn(kind.type)}'s personal data on request (mediators and admins)`,
            description:
              "The ledger keeps only hashes of personal data, so it stays verifiable; the erasure is an entry of its own.",
            security: ACCESS.write,
            params: idParams,
            body: jsonSchema(ErasureSchema),
            response: {
              200: ok(`The ${kind.type} as erased`, output),
              ...problems(...BODY_PROBLEMS, 403, 404),
            },
          },
        },
        async (request, reply) => {
          const record = await eraseRecord(
            services,
            request.params.slug,
            kind.type,
            request.params.id,
            request.body,
            request.auth.caller,
          );
          reply.header("etag", etagOf(record.version));
          markWritten(reply, services, request.params.slug);
          return record;
        },
      );
    }

    app.delete<{ Params: { slug: string; id: string } }>(
      `${base}/:id`,
      {
        schema: {
          tags,
          operationId: `delete${one}`,
          summary: `Delete ${aOrAn(kind.type)} nothing refers to`,
          description:
            'Send If-Match with the version you saw ("3"): a record changed since answers 412, ' +
            "so nobody deletes what someone else has just corrected.",
          security: ACCESS.write,
          params: idParams,
          headers: ifMatch,
          response: {
            204: noContent(`The ${kind.type} is deleted`),
            ...problems(400, 403, 404, 409, 412, 428),
          },
        },
      },
      async (request, reply) => {
        await deleteRecord(
          services,
          request.params.slug,
          kind.type,
          request.params.id,
          requireIfMatch(request.headers["if-match"]),
          request.auth.caller,
        );
        markWritten(reply, services, request.params.slug);
        return reply.status(204).send();
      },
    );
  }
}
