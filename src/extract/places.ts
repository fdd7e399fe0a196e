import type { PlacePrecision } from "../domain/place.ts";
import { type GazetteerEntry, namesOf, precisionOfKind } from "./gazetteer.ts";

/** A place as a candidate carries it: the record's name, representative point and precision. */
export type CandidatePlace = {
  name: string;
  lat?: number;
  lon?: number;
  precision: PlacePrecision;
};

/**
 * A place of the process being read, as its process file or place records give it: searched
 * before the world gazetteer, by its name and every other name it has (its names in each
 * language, its sides' names and its aliases).
 */
export type ProcessPlace = {
  id?: string | undefined;
  name: string;
  /** city, town, village, district, province, region, area, zone, site, crossing; else an area. */
  kind?: string | undefined;
  names?: readonly string[] | Record<string, string> | undefined;
  side_names?: Record<string, string> | undefined;
  aliases?: readonly string[] | undefined;
  lat?: number | undefined;
  lon?: number | undefined;
  country?: string | undefined;
  /** The country whose government the place's name stands for ("the capital said"). */
  capital_of?: string | undefined;
  /** The place record of the district named after this town ("X district" beside X). */
  district_id?: string | undefined;
};

export type PlaceMention = {
  start: number;
  end: number;
  text: string;
  entry: GazetteerEntry;
  place: CandidatePlace;
};

const LETTER = "\\p{L}\\p{N}";
// Words after a name that make it the district (rayon) of that name rather than the town.
const DISTRICT_WORDS = /^\s+(?:district|districts|region|regions|rayon|direction|directions)\b/i;
// "Kalbajar and Lachin directions": a district word after a list of names applies to each.
const LISTED_DISTRICTS =
  /^(?:\s*,\s*[\p{Lu}][\p{L}-]+)*\s*,?\s+and\s+[\p{Lu}][\p{L}-]+\s+(?:districts|directions|regions)\b/u;
const PROVINCE_WORDS = /^\s+(?:province|region|marz|oblast)\b/i;

/** Other spellings a name gets in Russian-to-English transliteration and without diacritics. */
function spellings(name: string): string[] {
  const plain = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ı/g, "i");
  const out = new Set([name, plain]);
  for (const n of [name, plain]) if (/[a-z]j/i.test(n)) out.add(n.replace(/j/g, "dzh"));
  return [...out];
}

type Index = { byName: Map<string, GazetteerEntry>; pattern: RegExp };

function buildIndex(entries: readonly GazetteerEntry[]): Index {
  const byName = new Map<string, GazetteerEntry>();
  for (const entry of entries) {
    for (const name of namesOf(entry).flatMap(spellings)) {
      if (!byName.has(name)) byName.set(name, entry);
    }
  }
  // Longest names first, so "Lachin corridor" wins over "Lachin".
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const escaped = names.map((n) =>
    n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[-–]/g, "[-–]"),
  );
  // No names at all: a pattern that matches nothing (an empty alternation would match everywhere).
  const pattern =
    escaped.length === 0
      ? /(?!)/gu
      : new RegExp(`(?<![${LETTER}])(?:${escaped.join("|")})(?![${LETTER}])`, "gu");
  return { byName, pattern };
}

const NO_PLACES: readonly ProcessPlace[] = [];
const NO_WORLD: readonly GazetteerEntry[] = [];
const indexes = new WeakMap<readonly ProcessPlace[], WeakMap<readonly GazetteerEntry[], Index>>();

const ENTRY_KINDS = new Set<string>([
  "city",
  "town",
  "village",
  "district",
  "province",
  "region",
  "area",
  "zone",
  "site",
  "crossing",
]);

/** A process's place as a gazetteer entry, so both are searched alike. */
function entryOf(place: ProcessPlace, byId: ReadonlyMap<string, ProcessPlace>): GazetteerEntry {
  const kind = (ENTRY_KINDS.has(place.kind ?? "") ? place.kind : "area") as GazetteerEntry["kind"];
  const others = Array.isArray(place.names)
    ? [...(place.names as readonly string[])]
    : Object.values(place.names ?? {});
  const variants = [
    ...new Set([...others, ...Object.values(place.side_names ?? {}), ...(place.aliases ?? [])]),
  ];
  const entry: GazetteerEntry = { name: place.name, kind, names: {}, variants };
  if (place.lat !== undefined && place.lon !== undefined) {
    entry.lat = place.lat;
    entry.lon = place.lon;
  }
  if (place.country) entry.country = place.country;
  if (place.capital_of) entry.capital_of = place.capital_of;
  const district = place.district_id ? byId.get(place.district_id) : undefined;
  if (district) entry.district = district.name;
  return entry;
}

/** The index of a process's places followed by the world's: the process's names win. */
function indexFor(
  places: readonly ProcessPlace[] = NO_PLACES,
  world: readonly GazetteerEntry[] = NO_WORLD,
): Index {
  let byWorld = indexes.get(places);
  if (!byWorld) {
    byWorld = new WeakMap();
    indexes.set(places, byWorld);
  }
  let index = byWorld.get(world);
  if (!index) {
    const byId = new Map(places.flatMap((p) => (p.id ? [[p.id, p] as const] : [])));
    index = buildIndex([...places.map((p) => entryOf(p, byId)), ...world]);
    byWorld.set(world, index);
  }
  return index;
}

function placeOf(entry: GazetteerEntry, asDistrict: boolean): CandidatePlace {
  if (asDistrict && entry.district) return { name: entry.district, precision: "district" };
  const place: CandidatePlace = { name: entry.name, precision: precisionOfKind(entry.kind) };
  if (entry.lat !== undefined && entry.lon !== undefined) {
    place.lat = entry.lat;
    place.lon = entry.lon;
  }
  return place;
}

function lookUp(index: Index, matched: string): GazetteerEntry | undefined {
  const exact = index.byName.get(matched);
  if (exact) return exact;
  // The pattern lets a hyphen stand for an en dash and back; find the entry either way.
  for (const [name, entry] of index.byName) {
    if (name.replace(/–/g, "-") === matched.replace(/–/g, "-")) return entry;
  }
  return undefined;
}

/**
 * Finds gazetteer places in a stretch of text, by any of their names (English, Azerbaijani,
 * Armenian, Russian and their transliterations). Names are matched with their capitals, as proper
 * nouns are written, so "Teh" the village is not found in running words. A town's name followed by
 * "district", "region" or "direction" is that district, at district precision.
 */
export function findPlaces(
  text: string,
  offset = 0,
  processPlaces?: readonly ProcessPlace[],
  world?: readonly GazetteerEntry[],
): PlaceMention[] {
  const index = indexFor(processPlaces, world);
  const found: PlaceMention[] = [];
  index.pattern.lastIndex = 0;
  for (const m of text.matchAll(index.pattern)) {
    const entry = lookUp(index, m[0]);
    if (!entry) continue;
    const at = m.index ?? 0;
    let end = at + m[0].length;
    const after = text.slice(end, end + 80);
    let asDistrict = false;
    const district = DISTRICT_WORDS.exec(after);
    if (district && entry.district) {
      asDistrict = true;
      end += district[0].length;
    } else if (entry.district && LISTED_DISTRICTS.test(after)) {
      asDistrict = true;
    } else {
      const province = PROVINCE_WORDS.exec(after);
      if (province && entry.kind === "province") end += province[0].length;
    }
    found.push({
      start: offset + at,
      end: offset + end,
      text: text.slice(at, end),
      entry,
      place: placeOf(entry, asDistrict),
    });
  }
  return found;
}

/**
 * Whether a capital's name stands for its government here ("Baku said", "the Defence Ministry in
 * Yerevan", "talks with Yerevan") rather than for the city ("met in Moscow").
 */
export function isCapitalSpeaking(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 50), start);
  const after = text.slice(end, end + 30);
  if (
    /\b(?:ministry|government|officials?|authorities|leadership|office|administration)\s+in\s+$/i.test(
      before,
    )
  )
    return true;
  if (/^(?:'s|’s)/.test(after)) return true;
  if (
    /^,?\s+(?:has\s+|had\s+)?(?:said|says|stated|accused|denied|claimed|rejected|blamed|insisted|intervened|warned|reported|announced|responded|demanded|called)\b/.test(
      after,
    )
  )
    return true;
  if (
    /\b(?:in|at|to|from|near|outside|visited|visit to|arrived in|left|via|through)\s+$/i.test(
      before,
    )
  )
    return false;
  return !/^\s*(?:on|in)\s+(?:\d|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)/.test(
    after,
  );
}
