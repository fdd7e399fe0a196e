import { z } from "zod";
import { dateBounds, FuzzyDateSchema } from "../fuzzy-date.ts";
import { dateSortKey, defineKind, referencesIn } from "../kind.ts";
import { LocalizedNamesSchema } from "../names.ts";
import { LongTextSchema, RecordIdSchema, ShortTextSchema, SourceIdsSchema } from "../record.ts";

export const BODY_KINDS = [
  "working_group",
  "commission",
  "mission",
  "peacekeeping_force",
  "centre",
  "other",
] as const;
export const BODY_STATUSES = ["agreed_in_principle", "active", "ended"] as const;

/** A member of a body for a span of time: a party, a mediator, who sat for it and as what. */
export const BodyMemberSchema = z
  .object({
    actor_id: RecordIdSchema,
    from: FuzzyDateSchema.optional(),
    to: FuzzyDateSchema.optional(),
    represented_by: z.string().max(300).optional().describe("who sat for it, as named"),
    role: z.string().max(100).optional().describe("chair, co-chair, observer..."),
  })
  .strict();
export type BodyMember = z.infer<typeof BodyMemberSchema>;

/**
 * A body's members. Bodies written before members had time spans listed bare actor ids: those
 * read as members with no dates (the "body-members-with-spans" upgrade rewrites them so).
 */
const MembersSchema = z
  .preprocess(
    (value) =>
      Array.isArray(value)
        ? value.map((member) => (typeof member === "string" ? { actor_id: member } : member))
        : value,
    z.array(BodyMemberSchema).max(200),
  )
  .default([]);

/** Commissions, working groups, missions: who sits on them, with what mandate, from when. */
export const BodySchema = z
  .object({
    name: ShortTextSchema,
    names: LocalizedNamesSchema.optional(),
    kind: z.enum(BODY_KINDS),
    status: z.enum(BODY_STATUSES),
    mandate: LongTextSchema.optional(),
    parent_id: RecordIdSchema.optional().describe("the body it is part of, e.g. its contact group"),
    members: MembersSchema,
    chairs: z.string().max(500).optional().describe("who chairs it, as described"),
    actor_id: RecordIdSchema.optional().describe(
      "the body as an actor, when it acts in the record itself",
    ),
    from: FuzzyDateSchema.optional(),
    to: FuzzyDateSchema.optional(),
    document_ids: z.array(RecordIdSchema).max(100).default([]),
    source_ids: SourceIdsSchema,
  })
  .strict();
export type Body = z.infer<typeof BodySchema>;

/** The body's members on a day (ISO date): those whose span, as far as it is known, covers it. */
export function membersOn(body: Pick<Body, "members">, day: string): BodyMember[] {
  return body.members.filter((member) => {
    const from = member.from ? dateBounds(member.from).start.slice(0, 10) : undefined;
    const to = member.to ? dateBounds(member.to).end.slice(0, 10) : undefined;
    return (from === undefined || from <= day) && (to === undefined || day < to);
  });
}

export const bodyKind = defineKind({
  type: "body",
  path: "bodies",
  title: "Commissions, working groups, missions and forces",
  label: { one: "body", other: "bodies" },
  list: { columns: ["name", "kind", "status", "parent_id", "from", "to"] },
  schema: BodySchema,
  filterValues: { kind: BODY_KINDS, verification: BODY_STATUSES },
  // Members once were bare actor ids; this change rewrites such records once, through the ledger.
  upgrades: ["body-members-with-spans"],
  references: (b) => [
    ...referencesIn(b, {
      parent_id: ["body"],
      actor_id: ["actor"],
      document_ids: ["document"],
      source_ids: ["source"],
    }),
    ...(b.members ?? []).flatMap((member, i) =>
      referencesIn(member, { actor_id: ["actor"] }).map((r) => ({
        ...r,
        field: `members.${i}.actor_id`,
      })),
    ),
  ],
  index: (b) => ({
    kind: b.kind,
    date: b.from,
    verification: b.status,
    sort_key: dateSortKey(b.from),
    text: [b.name, b.mandate, b.chairs, ...Object.values(b.names ?? {})],
  }),
});
