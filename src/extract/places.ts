import type { PlacePrecision } from "../domain/place.ts";
import { GAZETTEER, type GazetteerEntry, namesOf, precisionOfKind } from "./gazetteer.ts";

/** A place as a candidate carries it: the record's name, representative point and precision. */
export type CandidatePlace = {
  name: string;
  lat?: number;
  lon?: number;
  precision: PlacePrecision;
};

/**
 * A place of the process being read, as its process file or place records give it: searched
 * before the built-in gazetteer, by its name and every other name it has.
 */
export type ProcessPlace = {
  name: string;
  /** city, town, village, district, province, region, area, crossing; "feature" is an area. */
  kind?: string;
  names?: readonly string[] | Record<string, string>;
  lat?: number;
  lon?: number;
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
  const pattern = new RegExp(`(?<![${LETTER}])(?:${escaped.join("|")})(?![${LETTER}])`, "gu");
  return { byName, pattern };
}

let defaultIndex: Index | undefined;
const processIndexes = new WeakMap<readonly ProcessPlace[], Index>();

const ENTRY_KINDS = new Set<string>([
  "city",
  "town",
  "village",
  "district",
  "province",
  "region",
  "area",
  "crossing",
]);

/** A process's place as a gazetteer entry, so both are searched alike. */
function entryOf(place: ProcessPlace): GazetteerEntry {
  const kind = (ENTRY_KINDS.has(place.kind ?? "") ? place.kind : "area") as GazetteerEntry["kind"];
  const others = Array.isArray(place.names)
    ? [...(place.names as readonly string[])]
    : Object.values(place.names ?? {});
  const entry: GazetteerEntry = { name: place.name, kind, names: {}, variants: others };
  if (place.lat !== undefined && place.lon !== undefined) {
    entry.lat = place.lat;
    entry.lon = place.lon;
  }
  return entry;
}

/** The index of a process's places followed by the built-in gazetteer: the process's names win. */
function indexFor(places: readonly ProcessPlace[] | undefined): Index {
  if (places === undefined || places.length === 0) {
    defaultIndex ??= buildIndex(GAZETTEER);
    return defaultIndex;
  }
  let index = processIndexes.get(places);
  if (!index) {
    index = buildIndex([...places.map(entryOf), ...GAZETTEER]);
    processIndexes.set(places, index);
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
): PlaceMention[] {
  const index = indexFor(processPlaces);
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
