import { z } from "zod";
import {
  countRange,
  FIGURE_CATEGORIES,
  FiguresSchema,
  NON_ACTOR_SIDES,
  TotalsSchema,
} from "../figures.ts";
import { FuzzyDateSchema } from "../fuzzy-date.ts";
import { dateSortKey, defineKind, type Reference, referencesIn } from "../kind.ts";
import { ActorIdsSchema, RecordIdSchema, SourceIdsSchema } from "../record.ts";

export const CLAIM_SUBJECTS = ["incident", "provision", "body", "position", "other"] as const;

/**
 * What someone says: about an incident (figures, blame), a provision, a body, or a position taken.
 * Every figure belongs to a claim, and every claim names who makes it or where it was reported.
 */
export const ClaimSchema = z
  .object({
    claimant: RecordIdSchema.optional().describe("the actor who says it"),
    subject: z.enum(CLAIM_SUBJECTS),
    incident_id: RecordIdSchema.optional(),
    about_id: RecordIdSchema.optional().describe("the provision, body or other record it is about"),
    date: FuzzyDateSchema.optional().describe("when it was said"),
    statement: z.string().trim().min(1).max(5000),
    figures: FiguresSchema.default({}).describe(
      'counts by category and side (an actor id, "civilians" or "unknown"), e.g. {"killed": {"AZE": 7, "civilians": 1}}',
    ),
    totals: TotalsSchema.optional().describe(
      "counts for all sides together, e.g. UCDP's low/best/high; not spread into per-side figures",
    ),
    blamed: ActorIdsSchema,
    source_ids: SourceIdsSchema,
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.claimant === undefined && c.source_ids.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["claimant"],
        message: "a claim names its claimant or a source",
      });
    }
    if (c.subject === "incident" && c.incident_id === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["incident_id"],
        message: "a claim about an incident names it",
      });
    }
  });
export type Claim = z.infer<typeof ClaimSchema>;

function figureSides(c: Claim): Reference[] {
  const refs: Reference[] = [];
  for (const [category, perSide] of Object.entries(c.figures)) {
    for (const side of Object.keys(perSide ?? {})) {
      if (!NON_ACTOR_SIDES.has(side))
        refs.push({ field: `figures.${category}`, to_id: side, to_types: ["actor"] });
    }
  }
  return refs;
}

export const claimKind = defineKind({
  type: "claim",
  path: "claims",
  title: "What each side, monitor or source says, with its figures and whom it blames",
  label: { one: "claim", other: "claims" },
  list: { columns: ["date", "claimant", "subject", "statement"] },
  schema: ClaimSchema,
  filterValues: { kind: CLAIM_SUBJECTS },
  access: {
    monitors: true,
    // A delegate writes its own party's claims.
    partyOwn: {
      fields: (party) => ({ claimant: party }),
      isOwn: (claim, party) => claim.claimant === party,
    },
  },
  references: (c) => [
    ...referencesIn(c, {
      claimant: ["actor"],
      incident_id: ["incident"],
      about_id: ["provision", "body", "document", "link", "border_segment", "commitment", "actor"],
      blamed: ["actor"],
      source_ids: ["source"],
    }),
    ...figureSides(c),
  ],
  figures: (c) =>
    FIGURE_CATEGORIES.flatMap((category) =>
      Object.entries(c.figures[category] ?? {}).map(([side, count]) => ({
        category,
        side,
        ...countRange(count),
        incident_id: c.incident_id ?? null,
        claimant: c.claimant ?? null,
      })),
    ),
  index: (c) => ({
    kind: c.subject,
    date: c.date,
    sort_key: dateSortKey(c.date),
    text: [c.statement],
  }),
});
