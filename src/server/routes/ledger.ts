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
import { ACCESS, BODY_PROBLEMS, jsonSchema, ok, problems, ref } from "../openapi.ts";

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
        operationId: "getLedgerHead",
        summary: "The latest signed tree head",
        security: ACCESS.read,
        params,
        response: { 200: ok("The latest signed tree head", ref("LedgerHead")), ...problems(404) },
      },
    },
    async (request) => getLedgerHead(services, request.params.slug),
  );
  app.get<{ Params: { slug: string } }>(
    "/api/processes/:slug/ledger/entries",
    {
      schema: {
        tags,
        operationId: "listLedgerEntries",
        summary: "Ledger entries in order, from `from`",
        security: ACCESS.read,
        params,
        querystring: jsonSchema(EntriesQuery),
        response: {
          200: ok("A page of entries, each as far as you may see it", {
            type: "object",
            properties: {
              entries: { type: "array", items: ref("LedgerEntry") },
              next: { type: ["integer", "null"], description: "`from` of the next page" },
            },
            required: ["entries", "next"],
          }),
          ...problems(400, 404),
        },
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
        operationId: "getInclusionProof",
        summary: "RFC 9162 inclusion proof of entry `index` in the tree of `tree_size` entries",
        security: ACCESS.read,
        params,
        querystring: jsonSchema(InclusionQuery),
        response: { 200: ok("The proof", ref("InclusionProof")), ...problems(400, 404) },
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
        operationId: "getConsistencyProof",
        summary: "RFC 9162 consistency proof between trees of `first` and `second` entries",
        security: ACCESS.read,
        params,
        querystring: jsonSchema(ConsistencyQuery),
        response: { 200: ok("The proof", ref("ConsistencyProof")), ...problems(400, 404) },
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
        operationId: "listSignedHeads",
        summary: "Signed tree heads, newest first, with every member's co-signatures",
        security: ACCESS.read,
        params,
        querystring: jsonSchema(HeadsQuery),
        response: {
          200: ok("A page of signed heads", {
            type: "object",
            properties: {
              heads: { type: "array", items: ref("CosignedHead") },
              next_before: {
                type: ["integer", "null"],
                description: "`before` of the next page; null on the last",
              },
            },
            required: ["heads", "next_before"],
          }),
          ...problems(400, 404),
        },
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
        operationId: "cosignHead",
        summary: "Co-sign a tree head with your own Ed25519 key",
        description:
          "Sign the head's canonical JSON (process, root_hash, timestamp, tree_size; keys sorted) " +
          "exactly as the server did; `truce cosign` does it for you.",
        security: ACCESS.write,
        params: {
          type: "object",
          properties: { slug: { type: "string" }, size: { type: "integer" } },
          required: ["slug", "size"],
        },
        body: jsonSchema(CosignatureInputSchema),
        response: {
          200: ok("This key had already co-signed this head: its co-signature", ref("Cosignature")),
          201: ok("The co-signature, stored", ref("Cosignature")),
          ...problems(...BODY_PROBLEMS, 403, 404),
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
    {
      schema: {
        tags,
        operationId: "listSigningKeys",
        summary: "The public keys that sign tree heads (Ed25519, SPKI PEM)",
        security: ACCESS.anyone,
        response: {
          200: ok("Every key this server's heads were signed with", {
            type: "object",
            properties: { keys: { type: "array", items: ref("SigningKey") } },
            required: ["keys"],
          }),
          ...problems(),
        },
      },
    },
    async () => ({ keys: await getSigningKeys(services) }),
  );
}
