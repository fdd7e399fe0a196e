import { z } from "zod";
import { FuzzyDateSchema } from "../fuzzy-date.ts";
import { defineKind, referencesIn } from "../kind.ts";
import { GeometrySchema } from "../place.ts";
import { RecordIdSchema, ShortTextSchema, SourceIdsSchema } from "../record.ts";

export const BORDER_STATUSES = [
  "disputed",
  "under_delimitation",
  "delimited",
  "demarcated",
] as const;

/**
 * One version of the line: a side's proposal, the monitors' observed line (proposed_by a monitor),
 * or the agreed line (proposed_by absent, is_agreed true). A section has as many as there are.
 */
export const BorderLineSchema = z
  .object({
    proposed_by: RecordIdSchema.optional(),
    is_agreed: z.boolean().default(false),
    label: z.string().max(200).optional().describe("what this version is, as its source calls it"),
    geometry: GeometrySchema,
    as_of: FuzzyDateSchema.optional(),
  })
  .strict()
  .refine((l) => l.is_agreed !== (l.proposed_by !== undefined), {
    message: "a line is either agreed or proposed by one side",
    path: ["proposed_by"],
  });

export const BorderMarkerSchema = z
  .object({
    label: z.string().min(1).max(100),
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    placed: FuzzyDateSchema.optional(),
  })
  .strict();

export const BorderSegmentSchema = z
  .object({
    name: ShortTextSchema,
    status: z.enum(BORDER_STATUSES),
    sides: z.array(RecordIdSchema).min(2).max(10).describe("the sides the line divides"),
    lines: z.array(BorderLineSchema).max(50).default([]),
    markers: z.array(BorderMarkerSchema).max(5000).default([]),
    length_km: z.number().min(0).max(100_000).optional(),
    notes: z.string().max(5000).optional(),
    source_ids: SourceIdsSchema,
  })
  .strict();
export type BorderSegment = z.infer<typeof BorderSegmentSchema>;

export const borderSegmentKind = defineKind({
  type: "border_segment",
  path: "border-segments",
  title: "Border sections: each side's proposed line, the agreed line, markers",
  label: { one: "border section", other: "border sections" },
  list: { columns: ["name", "status", "sides", "length_km"] },
  schema: BorderSegmentSchema,
  filterValues: { kind: BORDER_STATUSES },
  references: (b) => [
    ...referencesIn(b, { sides: ["actor"], source_ids: ["source"] }),
    ...b.lines.flatMap((l, i) =>
      referencesIn(l, { proposed_by: ["actor"] }).map((r) => ({
        ...r,
        field: `lines.${i}.proposed_by`,
      })),
    ),
  ],
  index: (b) => {
    const line = b.lines.find((l) => l.is_agreed) ?? b.lines[0];
    return {
      kind: b.status,
      geometry: line?.geometry,
      sort_key: b.name.toLowerCase(),
      text: [b.name, b.notes],
    };
  },
});
