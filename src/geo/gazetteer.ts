import type { PlaceKind, PlaceRecord } from "../domain/kinds/place.schema.ts";
import type { PlacePrecision } from "../domain/place.ts";

/**
 * One place as the lookups see it, from the process's own `place` records or from the world
 * gazetteer (GeoNames). Pure: importable by the browser (extraction runs there too).
 */
export type GazetteerEntry = {
  /** The name records use. */
  name: string;
  kind: PlaceKind;
  /** The id of the process's place record; world entries have none. */
  id?: string;
  /** ISO 3166-1 alpha-2 of the state whose territory it is under international law. */
  country?: string;
  lat?: number;
  lon?: number;
  /** Names in other languages, by BCP 47 tag; `sr-Latn` is a Serbian name in Latin letters. */
  names: Record<string, string>;
  /** Further spellings met in reporting (aliases, the sides' names); matched like the names. */
  variants?: string[];
  /** The country whose government a capital's name stands for in reporting ("the capital said"). */
  capital_of?: string;
  /** The name of the district that shares this town's name ("X district" beside the town X), if any. */
  district?: string;
  admin1?: string;
  admin2?: string;
  /** The precision its point has; when absent, the one its kind implies. */
  precision?: PlacePrecision;
  geonames_id?: number;
  population?: number;
};

/** The place precision a kind of entry implies. */
export function precisionOfKind(kind: PlaceKind): PlacePrecision {
  switch (kind) {
    case "city":
    case "town":
    case "village":
    case "site":
      return "settlement";
    case "district":
      return "district";
    case "crossing":
      return "exact";
    default:
      return "region";
  }
}

/** Every name an entry is known by, including the record's own. */
export function namesOf(entry: GazetteerEntry): string[] {
  return [...new Set([entry.name, ...Object.values(entry.names), ...(entry.variants ?? [])])];
}

/**
 * A name folded for comparison: lower case, without diacritics or punctuation, one space between
 * words. "Bogotá", "BOGOTA" and "bogota," fold alike; so do "Şəki" and "Seki", "İzmir" and
 * "Izmir".
 */
export function foldName(name: string): string {
  // Most names are plain letters and single spaces: lower case is all they need, and it is cheap.
  if (/^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/.test(name)) return name.toLowerCase();
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ı/g, "i")
    .replace(/ə/g, "e")
    .replace(/ß/g, "ss")
    .replace(/[’'`´]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A place record with its id, as the store or a process file holds it (defaults or not). */
export type PlaceRecordWithId = { id: string; name: string; kind: PlaceKind } & {
  [K in Exclude<keyof PlaceRecord, "name" | "kind" | "aliases" | "source_ids" | "area">]?:
    | PlaceRecord[K]
    | undefined;
} & { aliases?: readonly string[] | undefined };

/**
 * The process's own places as gazetteer entries, in the order given: each with its names in
 * every language, its sides' names and its aliases as spellings, and a town's district by name.
 */
export function placesFor(records: readonly PlaceRecordWithId[]): GazetteerEntry[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  return records.map((r) => {
    const entry: GazetteerEntry = {
      name: r.name,
      kind: r.kind,
      id: r.id,
      names: { ...(r.names ?? {}) },
      variants: [...new Set([...Object.values(r.side_names ?? {}), ...(r.aliases ?? [])])],
      precision: r.precision ?? precisionOfKind(r.kind),
    };
    if (r.lat !== undefined && r.lon !== undefined) {
      entry.lat = r.lat;
      entry.lon = r.lon;
    }
    if (r.country) entry.country = r.country;
    if (r.capital_of) entry.capital_of = r.capital_of;
    if (r.admin1) entry.admin1 = r.admin1;
    if (r.admin2) entry.admin2 = r.admin2;
    if (r.geonames_id) entry.geonames_id = r.geonames_id;
    const district = r.district_id ? byId.get(r.district_id) : undefined;
    if (district) entry.district = district.name;
    return entry;
  });
}

/** The entry's name in a language, where it has one; else its own name. */
export function nameIn(entry: GazetteerEntry, language: string | undefined): string {
  if (language === undefined) return entry.name;
  return entry.names[language] ?? entry.names[language.split("-")[0] ?? ""] ?? entry.name;
}

/** How well a name answers a query: 0 for the same name, 1 for a name it starts, 2 for a word. */
export function matchRank(folded: string, query: string): number | undefined {
  if (folded === query) return 0;
  if (folded.startsWith(query)) return 1;
  if (folded.includes(` ${query}`)) return 2;
  return undefined;
}

/** Distance in kilometres along the Earth's surface (haversine, mean radius). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** What the world gazetteer answers; the process's gazetteer asks it after its own places. */
export type WorldLookup = {
  search(
    query: string,
    options: { countries?: readonly string[]; limit: number },
  ): GazetteerEntry[];
  nearest(lat: number, lon: number, options: { limit: number }): GazetteerEntry[];
};

export type GazetteerMatch = {
  entry: GazetteerEntry;
  /** Whether it is one of the process's own places, which come first and win. */
  source: "process" | "world";
  /** Its name in the language asked for, or its own name. */
  label: string;
  /** The name or spelling that matched the query. */
  matched?: string;
  distance_km?: number;
};

/**
 * A process's gazetteer: its own places first, then the world's. A world place by the same name
 * and country as one of the process's is left out: the process's place is that place.
 */
export class Gazetteer {
  readonly own: readonly GazetteerEntry[];
  private readonly folded: Array<{ entry: GazetteerEntry; names: Array<[string, string]> }>;

  constructor(
    own: readonly GazetteerEntry[],
    private readonly world?: WorldLookup,
    private readonly countries: readonly string[] = [],
  ) {
    this.own = own;
    this.folded = own.map((entry) => ({
      entry,
      names: namesOf(entry).map((n) => [foldName(n), n] as [string, string]),
    }));
  }

  /**
   * Places whose name, a name in any language or an alias starts with the query (or has a word
   * that does), case and diacritics aside: the process's own first, best match first; then the
   * world's, in the process's countries first, most populous first.
   */
  search(query: string, options: { limit?: number; language?: string } = {}): GazetteerMatch[] {
    const limit = options.limit ?? 10;
    const q = foldName(query);
    if (q === "") return [];
    const own: Array<GazetteerMatch & { rank: number }> = [];
    for (const { entry, names } of this.folded) {
      let best: { rank: number; name: string } | undefined;
      for (const [folded, name] of names) {
        const rank = matchRank(folded, q);
        if (rank !== undefined && (best === undefined || rank < best.rank)) best = { rank, name };
      }
      if (best) {
        own.push({
          entry,
          source: "process",
          label: nameIn(entry, options.language),
          matched: best.name,
          rank: best.rank,
        });
      }
    }
    own.sort((a, b) => a.rank - b.rank || a.entry.name.localeCompare(b.entry.name));
    const found: GazetteerMatch[] = own.slice(0, limit).map(({ rank: _, ...m }) => m);
    if (found.length < limit && this.world) {
      const world = this.world.search(query, {
        countries: this.countries,
        limit: limit - found.length + own.length,
      });
      for (const entry of world) {
        if (found.length >= limit) break;
        if (this.isOwn(entry)) continue;
        found.push({ entry, source: "world", label: entry.name });
      }
    }
    return found;
  }

  /** The place a name is, exactly (case and diacritics aside): the process's first, then the world's. */
  lookup(name: string): GazetteerMatch | undefined {
    return this.search(name, { limit: 20 }).find(
      (m) =>
        foldName(m.matched ?? m.entry.name) === foldName(name) ||
        namesOf(m.entry).some((n) => foldName(n) === foldName(name)),
    );
  }

  /** The places nearest a point: the process's own with a point, then the world's, nearest first. */
  nearest(lat: number, lon: number, options: { limit?: number } = {}): GazetteerMatch[] {
    const limit = options.limit ?? 5;
    const all: GazetteerMatch[] = [];
    for (const entry of this.own) {
      if (entry.lat === undefined || entry.lon === undefined) continue;
      all.push({
        entry,
        source: "process",
        label: entry.name,
        distance_km: distanceKm(lat, lon, entry.lat, entry.lon),
      });
    }
    for (const entry of this.world?.nearest(lat, lon, { limit }) ?? []) {
      if (this.isOwn(entry) || entry.lat === undefined || entry.lon === undefined) continue;
      all.push({
        entry,
        source: "world",
        label: entry.name,
        distance_km: distanceKm(lat, lon, entry.lat, entry.lon),
      });
    }
    // Within a kilometre the process's place is the one meant, even if a world point is nearer.
    const key = (m: GazetteerMatch) =>
      Math.round((m.distance_km ?? 0) * 1000) + (m.source === "process" ? 0 : 1000);
    return all.sort((a, b) => key(a) - key(b)).slice(0, limit);
  }

  /** Whether a world entry is one of the process's own places (same name, same country). */
  private isOwn(world: GazetteerEntry): boolean {
    const name = foldName(world.name);
    return this.folded.some(
      ({ entry, names }) =>
        (entry.country === undefined || entry.country === world.country) &&
        names.some(([folded]) => folded === name),
    );
  }
}
