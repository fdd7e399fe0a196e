import { z } from "zod";
import type { Viewer } from "../domain/access.ts";
import { DomainError } from "../domain/errors.ts";
import { kindByPath, kindByType } from "../domain/kinds/index.ts";
import { type ChangedRecord, latestChanges } from "../store/feed.repository.ts";
import { ListQuerySchema, recordFilters, storeFilters } from "./list-records.ts";
import { presentRecord } from "./present.ts";
import { checkWindow, parseQuery } from "./query-params.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

/** A feed's query: the list filters, of one kind or of all, and how many entries. */
export const FeedQuerySchema = ListQuerySchema.omit({ cursor: true, limit: true, order: true })
  .extend({
    type: z
      .string()
      .max(60)
      .optional()
      .describe(
        "only records of this kind (incident, or its path incidents); every kind when left out",
      ),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export type FeedEntry = {
  record: Record<string, unknown>;
  changed_at: string;
  action: string;
};

export type ProcessFeed = {
  process: { slug: string; name: string; updated_at: string };
  entries: FeedEntry[];
};

/**
 * The records of a process that changed last, newest first, that the filters match and the viewer
 * may see: what a feed reader is told. `kind` and `verification` are a kind's own values, so they
 * need `type`.
 */
export async function getProcessFeed(
  services: Services,
  slug: string,
  query: unknown,
  viewer: Viewer,
): Promise<ProcessFeed> {
  const q = parseQuery(FeedQuerySchema, query ?? {});
  const kind = q.type === undefined ? undefined : (kindByType(q.type) ?? kindByPath(q.type));
  if (q.type !== undefined && !kind)
    throw new DomainError(
      "bad_request",
      `type: ${JSON.stringify(q.type)} is not a kind of record`,
      {
        issues: [{ path: "type", message: "a kind of record, e.g. incident", value: q.type }],
      },
    );
  for (const field of ["kind", "verification"] as const) {
    if (!kind && q[field] !== undefined)
      throw new DomainError("bad_request", `${field} filters one kind of record: give type too`, {
        issues: [{ path: field, message: "needs type", value: q[field] }],
      });
  }
  const { type: _, limit, ...list } = q;
  if (kind) storeFilters(kind, { ...list, order: "asc", limit });
  else checkWindow(list);
  const filters = recordFilters(list);
  const process = await requireProcess(services, slug);
  const rows = await latestChanges(
    services.store.db,
    slug,
    viewer,
    { ...filters, type: kind?.type },
    limit,
  );
  return {
    process: {
      slug,
      name: process.name,
      updated_at: (rows[0]?.changed_at
        ? new Date(rows[0].changed_at)
        : process.updated_at
      ).toISOString(),
    },
    entries: rows.map((row: ChangedRecord) => ({
      record: presentRecord(row),
      changed_at: new Date(row.changed_at).toISOString(),
      action: row.action,
    })),
  };
}
