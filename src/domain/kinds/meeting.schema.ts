import { z } from "zod";
import { dateBounds, FuzzyDateSchema } from "../fuzzy-date.ts";
import { defineKind, referencesIn } from "../kind.ts";
import { PlaceSchema } from "../place.ts";
import { ActorIdsSchema, LongTextSchema, ShortTextSchema, SourceIdsSchema } from "../record.ts";

export const MEETING_KINDS = [
  "bilateral",
  "trilateral",
  "multilateral",
  "working_group",
  "commission",
  "other",
] as const;
export const MEETING_STATUSES = ["planned", "held", "postponed", "cancelled"] as const;

export const MeetingSchema = z
  .object({
    title: ShortTextSchema,
    kind: z.enum(MEETING_KINDS),
    level: z.string().max(100).optional().describe("summit, ministerial, working level..."),
    date: FuzzyDateSchema,
    place: PlaceSchema.optional(),
    is_remote: z.boolean().default(false),
    participants: ActorIdsSchema,
    persons: z.array(z.string().min(1).max(200)).max(100).default([]),
    mediators: ActorIdsSchema,
    status: z.enum(MEETING_STATUSES),
    outcome: LongTextSchema.optional(),
    document_ids: z.array(z.string()).max(100).default([]),
    source_ids: SourceIdsSchema,
  })
  .strict();
export type Meeting = z.infer<typeof MeetingSchema>;

export const meetingKind = defineKind({
  type: "meeting",
  path: "meetings",
  title: "Meetings, planned, held, postponed or cancelled",
  label: { one: "meeting", other: "meetings" },
  list: { columns: ["date", "title", "kind", "participants", "status"] },
  schema: MeetingSchema,
  filterValues: { kind: MEETING_KINDS, verification: MEETING_STATUSES },
  references: (m) =>
    referencesIn(m, {
      participants: ["actor"],
      mediators: ["actor"],
      document_ids: ["document"],
      source_ids: ["source"],
    }),
  index: (m) => ({
    kind: m.kind,
    date: m.date,
    place: m.place,
    verification: m.status,
    sort_key: dateBounds(m.date).start,
    text: [m.title, m.level, m.outcome, m.place?.name, ...m.persons],
  }),
});
