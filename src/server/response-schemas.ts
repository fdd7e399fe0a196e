import { z } from "zod";
import { ROLES } from "../domain/access.ts";
import { ProcessSchema } from "../domain/process.schema.ts";
import { RecentChangesSchema } from "../domain/recent-changes.ts";
import { jsonSchema, PROBLEM_SCHEMA } from "./openapi.ts";

/**
 * What the API answers, for the docs: the named schemas (components.schemas) operations refer to
 * with `ref(name)`. Core builds these bodies; nothing checks them against these schemas at run
 * time, so each follows the use case it names.
 */

const Count = z.number().int().min(0);
const Hash = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .describe("SHA-256, hex");
const Instant = z.iso.datetime();

const TreeHead = {
  process: z.string().describe("the process's slug"),
  tree_size: Count,
  root_hash: Hash,
  timestamp: Instant,
  key_id: z.string().describe("the signing key (GET /api/keys)"),
  signature: z.string().describe("Ed25519 over the head's canonical JSON, base64"),
};

/** core/cosign.ts: presentCosignature. */
const Cosignature = z.object({
  key_id: z.string(),
  public_key: z.string().describe("the co-signer's Ed25519 key, SPKI PEM"),
  signature: z.string().describe("base64"),
  signer: z.string().describe("the member who co-signed"),
  party: z.string().nullable().describe("the party a delegate co-signed for"),
  signed_at: Instant,
});

/** core/ledger-queries.ts: presentEntry, either in full or redacted. */
const LedgerEntry = z.union([
  z.object({
    seq: Count,
    at: Instant,
    principal: z.string().describe("who made the change"),
    action: z.enum(["create", "update", "delete", "erase"]),
    record_type: z.string(),
    record_id: z.string(),
    leaf_hash: Hash,
    content: z.record(z.string(), z.unknown()).describe("what the leaf commits to"),
  }),
  z
    .object({ seq: Count, leaf_hash: Hash, redacted: z.literal(true) })
    .describe("An entry about a record version you may not see: its place and leaf hash only"),
]);

const Membership = z.object({
  process: z.string().nullable().describe("null: every process"),
  role: z.enum(ROLES),
  party: z.string().nullable().describe("a delegate's party"),
});

const { process, tree_size, ...signed } = TreeHead;

const ProcessSummary = ProcessSchema.extend({ ledger_size: Count });

const ByWeek = { week: z.string().describe("the Monday it starts, YYYY-MM-DD") };
const Range = {
  low: z.number().nullable().describe("null for counts given only in words"),
  high: z.number().nullable(),
};

/** The named schemas, by name. */
export const API_SCHEMAS: Record<string, object> = {
  Problem: PROBLEM_SCHEMA,
  Process: jsonSchema(ProcessSchema, "output"),
  ProcessSummary: jsonSchema(ProcessSummary, "output"),
  ProcessDetail: jsonSchema(
    ProcessSummary.extend({
      counts: z.record(z.string(), Count).describe("records you may see, by kind"),
      version: z.number().int().positive().describe("the version of its fields: PATCH names it"),
      created_at: Instant,
    }),
    "output",
  ),
  LedgerEntry: jsonSchema(LedgerEntry, "output"),
  LedgerHead: jsonSchema(
    z
      .object({ process, tree_size, ...z.object(signed).partial().shape })
      .describe("The latest signed tree head: only process and tree_size (0) before any entry"),
    "output",
  ),
  CosignedHead: jsonSchema(z.object({ ...TreeHead, cosignatures: z.array(Cosignature) }), "output"),
  Cosignature: jsonSchema(Cosignature, "output"),
  InclusionProof: jsonSchema(
    z.object({
      tree_size: Count,
      leaf_index: Count,
      leaf_hash: Hash,
      root_hash: Hash,
      audit_path: z.array(Hash),
    }),
    "output",
  ),
  ConsistencyProof: jsonSchema(
    z.object({
      first: Count,
      second: Count,
      first_root_hash: Hash,
      second_root_hash: Hash,
      consistency_path: z.array(Hash),
    }),
    "output",
  ),
  SigningKey: jsonSchema(
    z.object({
      key_id: z.string(),
      algorithm: z.literal("Ed25519"),
      public_key: z.string().describe("SPKI PEM"),
      created_at: Instant,
    }),
    "output",
  ),
  Session: jsonSchema(
    z.object({
      user: z.object({ id: z.string(), email: z.string() }).nullable().describe("null: the public"),
      memberships: z.array(Membership).optional(),
      via: z.enum(["session", "token"]).optional(),
      csrf_token: z.string().optional().describe("send it in X-CSRF-Token with every change"),
      expires_at: Instant.optional().describe("when a session signed in now ends"),
    }),
    "output",
  ),
  Stats: jsonSchema(
    z.object({
      incidents: z.object({
        total: Count,
        not_weekly: Count.describe("known only to the month or coarser: in no week"),
        by_week: z.array(z.object({ ...ByWeek, count: Count })),
        by_kind: z.array(z.object({ kind: z.string(), count: Count })),
        by_verification: z.array(z.object({ verification: z.string(), count: Count })),
        by_actor: z.array(z.object({ actor: z.string(), count: Count })),
      }),
      figures: z.object({
        by_claimant: z.array(
          z.object({
            claimant: z.string(),
            category: z.string(),
            side: z.string(),
            ...Range,
            claims: Count,
          }),
        ),
        by_week: z.array(
          z.object({ ...ByWeek, claimant: z.string(), category: z.string(), ...Range }),
        ),
      }),
    }),
    "output",
  ),
  RecentChanges: jsonSchema(RecentChangesSchema, "output"),
  Tile: jsonSchema(
    z.object({
      type: z.literal("FeatureCollection"),
      features: z.array(
        z.object({
          type: z.literal("Feature"),
          id: z.string().optional().describe("a single record's id"),
          geometry: z.object({
            type: z.literal("Point"),
            coordinates: z.tuple([z.number(), z.number()]).describe("[lon, lat]"),
          }),
          properties: z
            .object({
              count: Count,
              cluster: z.literal(true).optional(),
              id: z.string().optional(),
              type: z.string().optional(),
              kind: z.string().nullable().optional(),
              label: z.string().nullable().optional(),
            })
            .describe("a record (count 1: id, type, kind, label) or a cluster of count records"),
        }),
      ),
    }),
    "output",
  ),
};
