import type { KindDefinition } from "../domain/kind.ts";
import { kindByType } from "../domain/kinds/index.ts";
import { indexColumns } from "../domain/record-index.ts";
import { storedReferences } from "../domain/references.ts";
import { canonicalJson } from "../ledger/canonical-json.ts";
import type { StoredFigure, StoredRow } from "../store/verify.repository.ts";

/** What one stored record's derived columns say that its fields do not. */
export type DerivedFinding = {
  /** The columns (and "figures", the claimed figures table) that differ from the fields. */
  differing: Array<{ column: string; stored: unknown; derived: unknown }>;
  /** The text its search column should index, for the store to compare in bulk (none: unreadable). */
  searchText: string | null;
};

/** Equal as JSON values; strings, numbers and nulls (nearly every column) without serializing. */
const same = (a: unknown, b: unknown) => {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if (typeof x !== "object" || typeof y !== "object") return false;
  return canonicalJson(x) === canonicalJson(y);
};

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

const time = (value: Date | string | null) => (value === null ? null : new Date(value).getTime());

/** One figure row as the writer stores it, in a form to compare. */
function figureKey(row: StoredFigure): string {
  return canonicalJson({
    category: row.category,
    side: row.side,
    low: row.low ?? null,
    high: row.high ?? null,
    incident_id: row.incident_id ?? null,
    claimant: row.claimant ?? null,
    visibility: row.visibility,
    restricted_to: row.restricted_to ?? null,
  });
}

/**
 * Recomputes every column the writer derives from a record's fields, with the record's own kind
 * (its `index`, `references` and `figures`, decision 0025, so a new kind is covered as it is
 * written), and names those the stored row disagrees with; fields its kind cannot index name the
 * type column. Undefined for a kind nobody defines.
 */
export function checkDerivedColumns(row: StoredRow): DerivedFinding | undefined {
  const kind = kindByType(row.type);
  if (!kind) return undefined;
  // A record still in an older shape of its kind (awaiting its one-time upgrade, decision 0025)
  // had its columns derived by the code of that time: they are compared once it is rewritten.
  if (isOlderShape(kind, row)) return { differing: [], searchText: null };
  try {
    return derivedColumnsDiffering(kind, row);
  } catch {
    // Fields of another kind (a type column changed by SQL): the ledger's digest names the record.
    return { differing: [{ column: "type", stored: row.type, derived: null }], searchText: null };
  }
}

function isOlderShape(kind: KindDefinition, row: StoredRow): boolean {
  if (!kind.upgrades?.length) return false;
  const read = kind.schema.safeParse(row.body);
  return !read.success || canonicalJson(read.data) !== canonicalJson(row.body);
}

function derivedColumnsDiffering(kind: KindDefinition, row: StoredRow): DerivedFinding {
  const derived = indexColumns(kind, row.body);
  const differing: DerivedFinding["differing"] = [];
  const compare = (column: string, stored: unknown, want: unknown, equal = same(stored, want)) => {
    if (!equal) differing.push({ column, stored, derived: want });
  };
  compare("kind", row.kind, derived.kind);
  compare("verification", row.verification, derived.verification);
  compare("sort_key", row.sort_key, derived.sort_key);
  compare(
    "date_start",
    row.date_start,
    derived.date_start,
    time(row.date_start) === time(derived.date_start),
  );
  compare(
    "date_end",
    row.date_end,
    derived.date_end,
    time(row.date_end) === time(derived.date_end),
  );
  for (const side of ["west", "south", "east", "north"] as const) {
    compare(side, row[side], derived[side], (row[side] ?? null) === (derived[side] ?? null));
  }
  compare("cell", row.cell, derived.cell, (row.cell ?? null) === (derived.cell ?? null));
  const refs = storedReferences(row.id, kind.references(row.body));
  compare("refs", row.refs, refs, sameList(row.refs, refs));
  if (kind.figures || row.figures.length > 0) {
    const figures = (kind.figures?.(row.body) ?? []).map((figure) =>
      figureKey({ ...figure, visibility: row.visibility, restricted_to: row.restricted_to }),
    );
    const stored = row.figures.map(figureKey);
    compare("figures", stored, figures, sameList(stored.sort(), figures.sort()));
  }
  return { differing, searchText: derived.search_text };
}
