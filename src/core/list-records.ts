import { z } from "zod";
import type { Viewer } from "../domain/access.ts";
import { DomainError } from "../domain/errors.ts";
import type { KindDefinition } from "../domain/kind.ts";
import { kindByType } from "../domain/kinds/index.ts";
import { parseBoundingBox } from "../domain/place.ts";
import { RecordIdSchema } from "../domain/record.ts";
import { listRecords as listStored } from "../store/record.repository.ts";
import type { RecordFilters } from "../store/record-filters.ts";
import { presentRecord } from "./present.ts";
import {
  BboxParamSchema,
  boundsOf,
  checkWindow,
  DateParamSchema,
  parseQuery,
} from "./query-params.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

export const MAX_PAGE = 500;

/** The list filters every kind accepts, as query parameters. */
export const ListQuerySchema = z
  .object({
    from: DateParamSchema.optional().describe(
      "records whose date overlaps from this day, month or year on",
    ),
    to: DateParamSchema.optional().describe("...up to and including this day, month or year"),
    bbox: BboxParamSchema.optional(),
    kind: z.string().max(60).optional(),
    actor: RecordIdSchema.optional().describe("records that refer to this actor in any field"),
    verification: z.string().max(60).optional().describe("verification or status"),
    q: z.string().max(200).optional().describe("full-text search"),
    refers_to: RecordIdSchema.optional().describe("records that refer to this record"),
    order: z.enum(["asc", "desc"]).default("asc"),
    cursor: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  })
  .strict();
export type ListQuery = z.input<typeof ListQuerySchema>;

export type Page = { items: Record<string, unknown>[]; next_cursor: string | null };

function encodeCursor(position: { sort_key: string; id: string }): string {
  return Buffer.from(JSON.stringify([position.sort_key, position.id])).toString("base64url");
}

function decodeCursor(cursor: string): { sort_key: string; id: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string")) {
      return { sort_key: String(value[0]), id: String(value[1]) };
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError("bad_request", "The cursor is not one this server gave out", {
    issues: [{ path: "cursor", message: "not a cursor from a previous page", value: cursor }],
  });
}

/**
 * Refuses a filter that can match nothing: a mistyped kind or status, or a window that ends before
 * it starts. An empty page would read as "there are none", which a researcher would believe.
 */
function checkFilters(kind: KindDefinition, q: z.output<typeof ListQuerySchema>): void {
  for (const filter of ["kind", "verification"] as const) {
    const value = q[filter];
    if (value === undefined) continue;
    const allowed = kind.filterValues[filter];
    if (allowed?.includes(value)) continue;
    throw new DomainError(
      "bad_request",
      `${filter}: ${JSON.stringify(value)} matches no ${kind.type}`,
      {
        issues: [
          {
            path: filter,
            message: allowed
              ? `one of ${allowed.join(", ")}`
              : `${kind.path} have no ${filter} to filter by`,
            value,
          },
        ],
      },
    );
  }
  checkWindow(q);
}

/** The filters of a list query in the store's terms (checked by `storeFilters` or the caller). */
export function recordFilters(
  q: Omit<z.output<typeof ListQuerySchema>, "order" | "limit" | "cursor">,
): RecordFilters {
  return {
    from: q.from ? boundsOf(q.from).start : undefined,
    to: q.to ? boundsOf(q.to).end : undefined,
    bbox: q.bbox ? (parseBoundingBox(q.bbox) ?? undefined) : undefined,
    kind: q.kind,
    actor: q.actor,
    verification: q.verification,
    // An empty search is no search: it lists everything, as leaving it out does.
    q: q.q?.trim() || undefined,
    refersTo: q.refers_to,
  };
}

/** The filters of a list query, checked, in the store's terms: what a page and a download share. */
export function storeFilters(
  kind: KindDefinition,
  q: z.output<typeof ListQuerySchema>,
): RecordFilters & { type: string; sortsByDate: boolean; descending: boolean } {
  checkFilters(kind, q);
  return {
    ...recordFilters(q),
    type: kind.type,
    descending: q.order === "desc",
    sortsByDate: kind.sortsByDate === true,
  };
}

/** The kind a list route names, or a 404. */
export function listedKind(type: string): KindDefinition {
  const kind = kindByType(type);
  if (!kind) throw new DomainError("not_found", `No kind of record is called "${type}"`);
  return kind;
}

/** A page of records of one kind, filtered, in a stable order, with a cursor for the next page. */
export async function listRecords(
  services: Services,
  slug: string,
  type: string,
  query: unknown,
  viewer: Viewer,
): Promise<Page> {
  const kind = listedKind(type);
  const q = parseQuery(ListQuerySchema, query);
  const filters = storeFilters(kind, q);
  await requireProcess(services, slug);
  const rows = await listStored(services.store.db, slug, viewer, {
    ...filters,
    after: q.cursor ? decodeCursor(q.cursor) : undefined,
    limit: q.limit,
  });
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map(presentRecord),
    next_cursor: rows.length > q.limit && last ? encodeCursor(last) : null,
  };
}
