import { z } from "zod";
import { FuzzyDateSchema } from "../fuzzy-date.ts";
import { dateSortKey, defineKind, referencesIn } from "../kind.ts";
import { RecordIdSchema, ShortTextSchema, UrlSchema } from "../record.ts";

export const SOURCE_KINDS = [
  "news",
  "official_statement",
  "agreement_text",
  "monitor_report",
  "party_submission",
  "dataset",
  "other",
] as const;

/** Where a piece of the record comes from: every claim and figure points at one. */
export const SourceSchema = z
  .object({
    title: ShortTextSchema,
    kind: z.enum(SOURCE_KINDS),
    publisher: z.string().max(300).optional(),
    author_id: RecordIdSchema.optional().describe(
      "the actor who issued it, for statements and submissions",
    ),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 language tag")
      .optional(),
    published: FuzzyDateSchema.optional(),
    url: UrlSchema.optional(),
    excerpt: z.string().max(5000).optional(),
  })
  .strict();
export type Source = z.infer<typeof SourceSchema>;

export const sourceKind = defineKind({
  type: "source",
  path: "sources",
  title: "News reports, statements, monitor reports and datasets behind the record",
  label: { one: "source", other: "sources" },
  list: { columns: ["published", "title", "kind", "publisher"] },
  schema: SourceSchema,
  filterValues: { kind: SOURCE_KINDS },
  access: {
    monitors: true,
    // A delegate writes its own party's submissions.
    partyOwn: {
      fields: (party) => ({ kind: "party_submission", author_id: party }),
      isOwn: (source, party) => source.kind === "party_submission" && source.author_id === party,
    },
  },
  references: (s) => referencesIn(s, { author_id: ["actor"] }),
  index: (s) => ({
    kind: s.kind,
    date: s.published,
    sort_key: dateSortKey(s.published),
    text: [s.title, s.publisher, s.excerpt],
  }),
});
