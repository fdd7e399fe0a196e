import { z } from "zod";
import type { Viewer } from "../domain/access.ts";
import type { KindDefinition } from "../domain/kind.ts";
import { listRecords as listStored } from "../store/record.repository.ts";
import { ListQuerySchema, listedKind, storeFilters } from "./list-records.ts";
import { presentRecord } from "./present.ts";
import { parseQuery } from "./query-params.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

/** What a list route answers in: a page of JSON, or every matching record as a file. */
export const LIST_FORMATS = ["json", "csv", "geojson"] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

/**
 * A list's query with the format it is wanted in. A download takes the same filters as a page but
 * no cursor or limit: it is every record the filters match.
 */
export const DownloadQuerySchema = ListQuerySchema.extend({
  format: z
    .enum(LIST_FORMATS)
    .optional()
    .describe(
      "csv or geojson: every record the filters match as a file, not a page (as Accept: text/csv or application/geo+json)",
    ),
});

/** How many records a download reads from the store at once: it never holds more. */
const BATCH = 1000;

export type Download = { kind: KindDefinition; records: AsyncGenerator<Record<string, unknown>> };

/**
 * Every record of one kind that the list filters match and the viewer may see, in the list's
 * order, read a batch at a time. The filters and the process are checked before this returns, so
 * a bad filter is refused as a problem before the first byte of a file is sent.
 */
export async function downloadRecords(
  services: Services,
  slug: string,
  type: string,
  query: unknown,
  viewer: Viewer,
): Promise<Download> {
  const kind = listedKind(type);
  const {
    cursor: _cursor,
    limit: _limit,
    format: _format,
    ...rest
  } = (query ?? {}) as Record<string, unknown>;
  const q = parseQuery(ListQuerySchema, rest);
  const filters = storeFilters(kind, q);
  await requireProcess(services, slug);
  async function* records(): AsyncGenerator<Record<string, unknown>> {
    let after: { sort_key: string; id: string } | undefined;
    for (;;) {
      const rows = await listStored(services.store.db, slug, viewer, {
        ...filters,
        after,
        limit: BATCH,
      });
      for (const row of rows.slice(0, BATCH)) yield presentRecord(row);
      const last = rows.at(BATCH - 1);
      if (rows.length <= BATCH || !last) return;
      after = { sort_key: last.sort_key, id: last.id };
    }
  }
  return { kind, records: records() };
}
