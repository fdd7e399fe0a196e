import type { z } from "zod";
import { dateBounds, type FuzzyDate } from "./fuzzy-date.ts";
import type { Geometry, Place } from "./place.ts";

/** A reference from one record to another, by id within the same process. */
export type Reference = { field: string; to_id: string; to_types: readonly string[] };

/**
 * What the store indexes a record by. Each kind says which of its fields fill these, so lists can
 * filter every kind the same way (date range, bbox, kind, actor, verification, text).
 */
export type IndexFields = {
  kind?: string | undefined;
  date?: FuzzyDate | undefined;
  place?: Place | undefined;
  geometry?: Geometry | undefined;
  verification?: string | undefined;
  /** Orders the list: dated kinds sort by date, others by number or name. */
  sort_key: string;
  text: Array<string | undefined>;
};

/** One count a record claims, for aggregation: text-only counts have no low or high. */
export type FigureRow = {
  category: string;
  side: string;
  low: number | null;
  high: number | null;
  incident_id: string | null;
  claimant: string | null;
};

/**
 * Who writes a kind besides admins and mediators, who write every kind. Read by
 * `permissions.ts`, which asks no list of kinds of its own.
 */
export type KindAccess = {
  /** Monitors write it (what they see in the field: incidents, patrols, posts...). */
  monitors?: true;
  /**
   * A party's delegate writes the records of this kind that are its party's own: `fields` makes a
   * new one its own, `isOwn` says whether a stored or new one is.
   */
  partyOwn?: {
    fields(party: string): Record<string, unknown>;
    isOwn(record: Record<string, unknown>, party: string): boolean;
  };
  /**
   * The monitors' judgement in a record (an incident's verification): only monitors and admins
   * change it. Returns what the record holds of it (of an empty record: the default), compared
   * before and after a write.
   */
  judgement?(record: Record<string, unknown>): string;
};

/** Everything Truce needs to know about one kind of record, in one place. */
export type KindDefinition<T extends z.ZodType = z.ZodType> = {
  /** Singular snake_case name used in the ledger and the database: "border_segment". */
  type: string;
  /** Plural URL segment: "border-segments". */
  path: string;
  /** One-line description for the API docs. */
  title: string;
  /**
   * Its name in English, one and many: what every language falls back to. The interface's message
   * catalogs translate it as `kinds.<type>.one` and `kinds.<type>.other`.
   */
  label: { one: string; other: string };
  /**
   * How its list shows it: the fields that make its columns, in order (each shown as its schema
   * says: a date, actors, a code, text), so a list page needs no code of its own.
   */
  list: { columns: readonly string[] };
  /** The record's own fields, without the envelope (id, visibility...). */
  schema: T;
  // The functions below are methods, not function-typed properties, on purpose: TypeScript checks
  // method parameters bivariantly, so a kind's definition over its own schema is a
  // `KindDefinition` over any schema and generic code calls it with a stored body, no casts.
  references(record: z.output<T>): Reference[];
  index(record: z.output<T>): IndexFields;
  /**
   * Its sort key is always the start of its (required) date, as an ISO instant: a list in a date
   * window can then be read in slices of time, newest or oldest first (record.repository.ts).
   */
  sortsByDate?: true;
  /**
   * The values its lists' `kind` and `verification` filters can match: a value outside them
   * matches nothing, so a list refuses it and names these instead of answering an empty page.
   */
  filterValues: { kind?: readonly string[]; verification?: readonly string[] };
  /** Who writes it besides admins and mediators; none when left out. */
  access?: KindAccess;
  /**
   * Names of the changes to its schema that read records of an older shape into the new one (a
   * preprocess in the schema). Stored records of the older shape are rewritten once per change,
   * through the ledger, so verify still holds (src/core/upgrade-records.ts). Append, never rename.
   */
  upgrades?: readonly string[];
  /** The figures the record claims, one row per category and side (claims only). */
  figures?(record: z.output<T>): FigureRow[];
  /**
   * Holds personal data that may have to be erased: the ledger then keeps only a hash of the
   * record, so erasure leaves the ledger verifiable.
   */
  is_personal?: boolean;
  /** What is left of a personal record when its personal data is erased on request. */
  erase?(record: z.output<T>, erasure: { on: string; reason: string }): z.input<T>;
};

/**
 * Declares a kind and checks its shape at compile time. Its references also get those of its
 * inline places that name a place record (`place_id`), whatever the kind, so no kind lists them.
 */
export function defineKind<T extends z.ZodType>(definition: KindDefinition<T>): KindDefinition<T> {
  const own = definition.references.bind(definition);
  return {
    ...definition,
    references: (record) => [...own(record), ...placeReferencesIn(record)],
  };
}

function placeIdOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const id = (value as { place_id?: unknown }).place_id;
  return typeof id === "string" ? id : undefined;
}

/**
 * The place records a record's inline places name: in its own fields (an incident's `place`) and
 * in lists of places (a link's `via`). A place record's own fields are not inline places.
 */
export function placeReferencesIn(record: unknown): Reference[] {
  if (typeof record !== "object" || record === null) return [];
  const refs: Reference[] = [];
  for (const [field, value] of Object.entries(record)) {
    const items = Array.isArray(value) ? value.map((v, i) => [`${field}.${i}`, v] as const) : [];
    for (const [at, item] of Array.isArray(value) ? items : [[field, value] as const]) {
      const id = placeIdOf(item);
      if (id !== undefined) refs.push({ field: `${at}.place_id`, to_id: id, to_types: ["place"] });
    }
  }
  return refs;
}

/**
 * Collects references from fields that hold one id or a list of ids.
 * `fields` maps a field name to the kinds its ids may point at.
 */
export function referencesIn(
  record: Record<string, unknown>,
  fields: Record<string, readonly string[]>,
): Reference[] {
  const refs: Reference[] = [];
  for (const [field, to_types] of Object.entries(fields)) {
    const value = record[field];
    const ids = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    for (const id of ids) {
      if (typeof id === "string") refs.push({ field, to_id: id, to_types });
    }
  }
  return refs;
}

/**
 * Sort key for a dated record: the start of its date, so lists run in time order; records without
 * a date sort last ("~" follows every ISO date).
 */
export function dateSortKey(date: FuzzyDate | undefined): string {
  return date === undefined ? "~" : dateBounds(date).start;
}
