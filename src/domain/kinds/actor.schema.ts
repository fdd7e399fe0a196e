import { z } from "zod";
import { defineKind } from "../kind.ts";
import { LocalizedNamesSchema } from "../names.ts";
import { LongTextSchema, ShortTextSchema } from "../record.ts";
import { AliasesSchema } from "./place.schema.ts";

export const ACTOR_ROLES = [
  "party",
  "mediator",
  "monitor",
  "armed_group",
  "organisation",
  "news_source",
] as const;

export const ActorSchema = z
  .object({
    name: ShortTextSchema,
    names: LocalizedNamesSchema.optional().describe("the name in other languages and spellings"),
    short_name: z.string().max(60).optional(),
    aliases: AliasesSchema.optional().describe(
      "abbreviations and the names each side and the press use for it: an acronym, 'the rebels'",
    ),
    roles: z.array(z.enum(ACTOR_ROLES)).min(1).max(6),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code")
      .optional(),
    represented_by: z.string().max(300).optional().describe("the person who speaks for the actor"),
    description: LongTextSchema.optional(),
  })
  .strict();
export type Actor = z.infer<typeof ActorSchema>;

export const actorKind = defineKind({
  type: "actor",
  path: "actors",
  title: "Parties, mediators, monitors, armed groups and organisations",
  label: { one: "actor", other: "actors" },
  list: { columns: ["name", "short_name", "roles", "country"] },
  schema: ActorSchema,
  filterValues: { kind: ACTOR_ROLES },
  references: () => [],
  index: (a) => ({
    kind: a.roles[0],
    sort_key: a.name.toLowerCase(),
    text: [
      a.name,
      a.short_name,
      a.represented_by,
      ...Object.values(a.names ?? {}),
      ...(a.aliases ?? []),
    ],
  }),
});
