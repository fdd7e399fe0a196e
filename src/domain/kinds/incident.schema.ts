import { z } from "zod";
import { dateBounds, FuzzyDateSchema } from "../fuzzy-date.ts";
import { defineKind, referencesIn } from "../kind.ts";
import { PlaceSchema } from "../place.ts";
import { LongTextSchema, RecordIdSchema, ShortTextSchema, SourceIdsSchema } from "../record.ts";

export const INCIDENT_KINDS = [
  "war",
  "armed_clash",
  "shelling",
  "shooting",
  "drone_strike",
  "mine_explosion",
  "detention",
  "border_crisis",
  "ceasefire_violation",
  "other",
] as const;

export const VERIFICATION_STATUSES = [
  "unverified",
  "partly_verified",
  "verified",
  "disputed",
  "unfounded",
] as const;

/** The monitors' judgement of an incident, with its reason: never implied by the claims. */
export const VerificationSchema = z
  .object({
    status: z.enum(VERIFICATION_STATUSES),
    reason: z.string().max(5000).optional(),
    by: RecordIdSchema.optional().describe("the monitor whose judgement this is"),
    on: FuzzyDateSchema.optional(),
  })
  .strict()
  .refine((v) => v.status === "unverified" || (v.reason !== undefined && v.by !== undefined), {
    message: "a verification other than 'unverified' gives its reason and who judged",
    path: ["reason"],
  });

/**
 * All of a record's verification, for comparing before and after a write: its status, reason, who
 * judged and when. Only monitors and admins change any of it: a mediator who may edit an incident
 * may not rewrite who verified it, nor why.
 */
export function judgementOf(record: Record<string, unknown>): string {
  const v = (record.verification ?? {}) as {
    status?: string;
    reason?: string;
    by?: string;
    on?: { value?: string; precision?: string };
  };
  return JSON.stringify([
    v.status ?? "unverified",
    v.reason ?? null,
    v.by ?? null,
    v.on?.value ?? null,
    v.on?.precision ?? null,
  ]);
}

/**
 * Something that happened, as far as all sides agree it happened. What each side says about it
 * (figures, blame) lives in claims; the incident's figures are derived from them.
 */
export const IncidentSchema = z
  .object({
    title: ShortTextSchema,
    kind: z.enum(INCIDENT_KINDS),
    date: FuzzyDateSchema,
    place: PlaceSchema,
    actors: z
      .array(RecordIdSchema)
      .max(50)
      .default([])
      .describe("the sides involved (not who is to blame)"),
    weapons: z.array(z.string().min(1).max(100)).max(50).default([]),
    provision_ids: z.array(RecordIdSchema).max(100).default([]).describe("provisions it bears on"),
    description: LongTextSchema.optional(),
    verification: VerificationSchema.default({ status: "unverified" }),
    source_ids: SourceIdsSchema,
    external_ids: z
      .record(z.string().regex(/^[a-z_]{1,20}$/), z.string().max(100))
      .optional()
      .describe("ids in other datasets, e.g. { acled: 'ARM1234' }"),
    attributes: z
      .record(z.string().regex(/^[a-z0-9_]{1,40}$/), z.union([z.string().max(2000), z.number()]))
      .refine((a) => Object.keys(a).length <= 60, "at most 60 attributes")
      .optional()
      .describe("a dataset's own coded fields, kept verbatim so an export gives them back"),
  })
  .strict();
export type Incident = z.infer<typeof IncidentSchema>;

export const incidentKind = defineKind({
  type: "incident",
  path: "incidents",
  title: "Incidents; each side's version of one lives in its claims",
  label: { one: "incident", other: "incidents" },
  list: { columns: ["date", "title", "kind", "place", "verification"] },
  schema: IncidentSchema,
  filterValues: { kind: INCIDENT_KINDS, verification: VERIFICATION_STATUSES },
  access: {
    monitors: true,
    judgement: judgementOf,
  },
  sortsByDate: true,
  references: (i) =>
    [
      ...referencesIn(i, {
        actors: ["actor"],
        provision_ids: ["provision"],
        source_ids: ["source"],
      }),
      ...referencesIn(i.verification, { by: ["actor"] }),
    ].map((ref) => (ref.field === "by" ? { ...ref, field: "verification.by" } : ref)),
  index: (i) => ({
    kind: i.kind,
    date: i.date,
    place: i.place,
    verification: i.verification.status,
    sort_key: dateBounds(i.date).start,
    text: [
      i.title,
      i.description,
      i.place.name,
      ...Object.values(i.place.names ?? {}),
      ...i.weapons,
    ],
  }),
});
