import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { CosignatureInputSchema, cosignHead, listSignedHeads } from "../../core/cosign.ts";
import {
  getConsistencyProof,
  getInclusionProof,
  getLedgerHead,
  getSigningKeys,
  listLedgerEntries,
} from "../../core/ledger-queries.ts";
import { parseQuery } from "../../core/query-params.ts";
import type { Services } from "../../core/services.ts";
import { viewerOf } from "../auth.ts";
import { jsonSchema, problemSchema } from "../openapi.ts";

const Size = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const EntriesQuery = z
  .object({ from: Size.default(0), limit: z.coerce.number().int().min(1).max(1000).default(100) })
  .strict();
const HeadsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    before: Size.optional(),
  })
  .strict();
const InclusionQuery = z.object({ index: Size, tree_size: Size.optional() }).strict();
const ConsistencyQuery = z.object({ first: Size, second: Size.optional() }).strict();

const params = { type: "object", properties: { slug: { type: "string" } }, required: ["slug"] };

/** The ledger of a process: its signed head, its entries, and RFC 9162 proofs. */
export function registerLedgerRoutes(app: FastifyInstance, services: Services): void {
  const tags = ["ledger"];
  app.get<{ Params: { slug: string } }>(
    "/api/processes/:slug/ledger/head",
    {
      schema: {
        tags,
        summary: "The latest signed tree head",
        params,
        response: { 404: problemSchema },
      },
    },
    async (request) => getLedgerHead(services, request.params.slug),
  );
  app.get<{ Params: { slug: string } }>(
    "/api/processes/:slug/ledger/entries",
    {
      schema: {
        tags,
        summary: "Ledger entries in order, from `from`",
        params,
        querystring: jsonSchema(EntriesQuery),
        response: { 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const query = parseQuery(EntriesQuery, request.query);
      return listLedgerEntries(
        services,
        request.params.slug,
        query.from,
        query.limit,
        viewerOf(request, request.params.slug),
      );
    },
  );
  app.get<{ Params: { slug: string } }>(
    "/api/processes/:slug/ledger/proof/inclusion",
    {
      schema: {
        tags,
        summary: "RFC 9162 inclusion proof of entry `index` in the tree of `tree_size` entries",
        params,
        querystring: jsonSchema(InclusionQuery),
        response: { 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const query = parseQuery(InclusionQuery, request.query);
      return getInclusionProof(services, request.params.slug, query.index, query.tree_size);
    },
  );
  app.get<{ Params: { slug: string } }>(
    "/api/processes/:slug/ledger/proof/consistency",
    {
      schema: {
        tags,
        summary: "RFC 9162 consistency proof between trees of `first` and `second` entries",
        params,
        querystring: jsonSchema(ConsistencyQuery),
        response: { 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const query = parseQuery(ConsistencyQuery, request.query);
      return getConsistencyProof(services, request.params.slug, query.first, query.second);
    },
  );
  app.get<{ Params: { slug: string } }>(
    "/api/processes/:slug/ledger/heads",
    {
      schema: {
        tags,
        summary: "Signed tree heads, newest first, with every member's co-signatures",
        params,
        querystring: jsonSchema(HeadsQuery),
        response: { 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const query = parseQuery(HeadsQuery, request.query);
      return listSignedHeads(services, request.params.slug, query);
    },
  );
  app.post<{ Params: { slug: string; size: string } }>(
    "/api/processes/:slug/ledger/heads/:size/cosignatures",
    {
      schema: {
        tags,
        summary: "Co-sign a tree head with your own Ed25519 key",
        description:
          "Sign the head's canonical JSON (process, root_hash, timestamp, tree_size; keys sorted) " +
          "exactly as the server did; `truce cosign` does it for you.",
        params: {
          type: "object",
          properties: { slug: { type: "string" }, size: { type: "integer" } },
          required: ["slug", "size"],
        },
        body: jsonSchema(CosignatureInputSchema),
        response: {
          201: { type: "object" },
          200: { type: "object" },
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const size = parseQuery(z.object({ size: Size }), { size: request.params.size }).size;
      const { cosignature, created } = await cosignHead(
        services,
        request.params.slug,
        size,
        request.body,
        request.auth.caller,
      );
      return reply.status(created ? 201 : 200).send(cosignature);
    },
  );
  app.get(
    "/api/keys",
    { schema: { tags, summary: "The public keys that sign tree heads (Ed25519, SPKI PEM)" } },
    async () => ({ keys: await getSigningKeys(services) }),
  );
}
