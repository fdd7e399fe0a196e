import { z } from "zod";
import { bestValue, CountSchema } from "../figures.ts";
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
    via: RecordIdSchema.optional().describe("who carried this transfer, if not the exchange's"),
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
    intermediary: RecordIdSchema.optional().describe(
      "who the transfers went through, e.g. the ICRC or a third state",
    ),
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

/** What one side handed over and received in an exchange, by the counts' best (or lowest) value. */
export type ExchangeBalance = {
  side: string;
  persons_sent: number;
  persons_received: number;
  bodies_sent: number;
  bodies_received: number;
  /** Some transfer to or from the side gave its count in words only: the sums are incomplete. */
  is_partial: boolean;
};

const counted = (count: Exchange["transfers"][number]["persons"]) => {
  const best = count === undefined ? 0 : bestValue(count);
  return best === null ? { value: 0, known: false } : { value: best, known: true };
};

/**
 * Each side's balance in an exchange among any number of sides: how many it handed over and
 * received, persons and bodies apart, in the order the sides first appear. Pure.
 */
export function exchangeBalances(exchange: Pick<Exchange, "transfers">): ExchangeBalance[] {
  const balances = new Map<string, ExchangeBalance>();
  const of = (side: string) => {
    const found = balances.get(side);
    if (found) return found;
    const fresh = {
      side,
      persons_sent: 0,
      persons_received: 0,
      bodies_sent: 0,
      bodies_received: 0,
      is_partial: false,
    };
    balances.set(side, fresh);
    return fresh;
  };
  for (const transfer of exchange.transfers) {
    const from = of(transfer.from);
    const to = of(transfer.to);
    const persons = counted(transfer.persons);
    const bodies = counted(transfer.bodies);
    from.persons_sent += persons.value;
    to.persons_received += persons.value;
    from.bodies_sent += bodies.value;
    to.bodies_received += bodies.value;
    if (!persons.known || !bodies.known) {
      from.is_partial = true;
      to.is_partial = true;
    }
  }
  return [...balances.values()];
}

export const exchangeKind = defineKind({
  type: "exchange",
  path: "exchanges",
  title: "Exchanges of detainees and of the bodies of the dead",
  label: { one: "exchange", other: "exchanges" },
  list: { columns: ["date", "principle", "mediators", "place"] },
  schema: ExchangeSchema,
  filterValues: { kind: EXCHANGE_PRINCIPLES },
  references: (e) => [
    ...referencesIn(e, {
      mediators: ["actor"],
      intermediary: ["actor"],
      reported_by: ["actor"],
      source_ids: ["source"],
    }),
    ...e.transfers.flatMap((t, i) =>
      referencesIn(t, { from: ["actor"], to: ["actor"], via: ["actor"] }).map((r) => ({
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
