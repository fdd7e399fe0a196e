import { z } from "zod";
import { CountSchema } from "../figures.ts";
import { dateBounds, FuzzyDateSchema } from "../fuzzy-date.ts";
import { defineKind, referencesIn } from "../kind.ts";
import { PlaceSchema } from "../place.ts";
import { ActorIdsSchema, RecordIdSchema, SourceIdsSchema } from "../record.ts";

/** One direction of an exchange: who handed over how many to whom. */
export const EXCHANGE_PRINCIPLES = [
  "all_for_all",
  "one_for_one",
  "unilateral",
  "humanitarian",
  "other",
] as const;

export const TransferSchema = z
  .object({
    from: RecordIdSchema,
    to: RecordIdSchema,
    persons: CountSchema.optional(),
    bodies: CountSchema.optional(),
  })
  .strict();

export const ExchangeSchema = z
  .object({
    date: FuzzyDateSchema,
    place: PlaceSchema.optional(),
    principle: z.enum(EXCHANGE_PRINCIPLES),
    transfers: z.array(TransferSchema).min(1).max(20),
    mediators: ActorIdsSchema,
    reported_by: RecordIdSchema.optional().describe("whose figures these are"),
    notes: z.string().max(5000).optional(),
    source_ids: SourceIdsSchema,
  })
  .strict()
  .refine((e) => e.reported_by !== undefined || e.source_ids.length > 0, {
    message: "an exchange's counts name who reports them or a source",
    path: ["reported_by"],
  });
export type Exchange = z.infer<typeof ExchangeSchema>;

export const exchangeKind = defineKind({
  type: "exchange",
  path: "exchanges",
  title: "Exchanges of detainees and of the bodies of the dead",
  label: { one: "exchange", other: "exchanges" },
  list: { columns: ["date", "principle", "mediators", "place"] },
  schema: ExchangeSchema,
  filterValues: { kind: EXCHANGE_PRINCIPLES },
  references: (e) => [
    ...referencesIn(e, { mediators: ["actor"], reported_by: ["actor"], source_ids: ["source"] }),
    ...e.transfers.flatMap((t, i) =>
      referencesIn(t, { from: ["actor"], to: ["actor"] }).map((r) => ({
        ...r,
        field: `transfers.${i}.${r.field}`,
      })),
    ),
  ],
  index: (e) => ({
    kind: e.principle,
    date: e.date,
    place: e.place,
    sort_key: dateBounds(e.date).start,
    text: [e.notes, e.place?.name],
  }),
});
