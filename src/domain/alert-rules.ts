import { z } from "zod";
import { type Count, countRange, FIGURE_CATEGORIES, type Figures } from "./figures.ts";
import { dateBounds, shiftDay } from "./fuzzy-date.ts";
import { type Commitment, isOverdue } from "./kinds/commitment.schema.ts";
import { LatitudeSchema, LongitudeSchema } from "./place.ts";

/**
 * The rules a subscriber can ask to be told about, and the pure checks behind them (decision 0030).
 * Each alert has a key: the same key for one subscription is delivered once, however many servers
 * noticed it or however often the timer looked.
 */

export const ALERT_RULES = [
  "commitment_due",
  "commitment_overdue",
  "incident_near",
  "claims_disagree",
  "verification_changed",
] as const;
export type AlertRuleType = (typeof ALERT_RULES)[number];

export const AlertRuleSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("commitment_due"),
      days_before: z
        .number()
        .int()
        .min(0)
        .max(365)
        .default(7)
        .describe("tell this many days before the due date ends (0: on its last day)"),
    })
    .strict(),
  z.object({ type: z.literal("commitment_overdue") }).strict(),
  z
    .object({
      type: z.literal("incident_near"),
      place: z
        .object({
          name: z.string().trim().min(1).max(200).optional(),
          lat: LatitudeSchema,
          lon: LongitudeSchema,
        })
        .strict(),
      km: z.number().positive().max(2000).describe("within this many kilometres of the place"),
    })
    .strict(),
  z.object({ type: z.literal("claims_disagree") }).strict(),
  z
    .object({
      type: z.literal("verification_changed"),
      record_type: z
        .string()
        .max(60)
        .optional()
        .describe("only records of this kind (incident, commitment...); all when left out"),
    })
    .strict(),
]);
export type AlertRule = z.output<typeof AlertRuleSchema>;

export const ALERT_CHANNELS = ["webhook", "email"] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

/** A subscription as its owner writes it. */
export const SubscriptionInputSchema = z
  .object({
    process: z.string().min(1).max(100).describe("the process's slug"),
    rule: AlertRuleSchema,
    channel: z.enum(ALERT_CHANNELS),
    target: z
      .string()
      .trim()
      .min(3)
      .max(2000)
      .describe("the webhook's http(s) URL, or the e-mail address"),
    secret: z
      .string()
      .min(16)
      .max(200)
      .optional()
      .describe("a webhook's HMAC key; one is made (and shown once) when left out"),
    label: z.string().trim().max(200).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.channel === "webhook") {
      let url: URL | undefined;
      try {
        url = new URL(s.target);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== "http:" && url.protocol !== "https:"))
        ctx.addIssue({ code: "custom", path: ["target"], message: "an http or https URL" });
    } else {
      if (!z.email().safeParse(s.target).success)
        ctx.addIssue({ code: "custom", path: ["target"], message: "an e-mail address" });
      if (s.secret !== undefined)
        ctx.addIssue({ code: "custom", path: ["secret"], message: "only a webhook has a secret" });
    }
  });
export type SubscriptionInput = z.output<typeof SubscriptionInputSchema>;

/** The distance between two points on the Earth in kilometres (haversine, mean radius). */
export function distanceKm(
  a: { lat: number; lon: number },
  b: { lat: number; lon: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Whether a commitment is due or overdue on a day (YYYY-MM-DD), for the commitment rules: due
 * when its due date ends within `days_before` days from the day, overdue once it has ended (as the
 * commitments page says). Only open commitments with a date are either.
 */
export function commitmentAlertOn(
  rule: Extract<AlertRule, { type: "commitment_due" | "commitment_overdue" }>,
  commitment: Pick<Commitment, "status" | "due">,
  day: string,
): boolean {
  if (commitment.status !== "open" || commitment.due === undefined) return false;
  if (rule.type === "commitment_overdue") return isOverdue(commitment, day);
  if (isOverdue(commitment, day)) return false;
  return dateBounds(commitment.due).end <= `${shiftDay(day, rule.days_before + 1)}T00:00:00.000Z`;
}

type ClaimLike = { figures?: Figures | undefined; blamed?: readonly string[] | undefined };

/**
 * Whether two claims about one incident disagree: for some category and side their counts cannot
 * both be true (their ranges do not overlap), or each blames someone and not the same actors.
 * Counts in words only, or for sides only one of them counts, are no disagreement.
 */
export function claimsDisagree(a: ClaimLike, b: ClaimLike): boolean {
  for (const category of FIGURE_CATEGORIES) {
    const mine = a.figures?.[category] ?? {};
    const theirs = b.figures?.[category] ?? {};
    for (const [side, count] of Object.entries(mine)) {
      const other = theirs[side];
      if (other !== undefined && !overlaps(count, other)) return true;
    }
  }
  const blamedA = new Set(a.blamed ?? []);
  const blamedB = new Set(b.blamed ?? []);
  if (blamedA.size === 0 || blamedB.size === 0) return false;
  return blamedA.size !== blamedB.size || [...blamedA].some((actor) => !blamedB.has(actor));
}

function overlaps(a: Count, b: Count): boolean {
  const x = countRange(a);
  const y = countRange(b);
  if (x.low === null || x.high === null || y.low === null || y.high === null) return true;
  return x.low <= y.high && y.low <= x.high;
}

/** The words a rule is called by in a message's subject and the delivery log. */
export function describeRule(rule: AlertRule): string {
  switch (rule.type) {
    case "commitment_due":
      return `a commitment falls due within ${rule.days_before} day(s)`;
    case "commitment_overdue":
      return "a commitment becomes overdue";
    case "incident_near":
      return `an incident within ${rule.km} km of ${rule.place.name ?? `${rule.place.lat}, ${rule.place.lon}`}`;
    case "claims_disagree":
      return "a new claim disagrees with another on the same incident";
    case "verification_changed":
      return `${rule.record_type ? `${rule.record_type}: ` : ""}a record changes verification`;
  }
}
