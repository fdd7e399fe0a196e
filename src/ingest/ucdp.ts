import {
  DAY_MS,
  dateBounds,
  type FuzzyDate,
  FuzzyDateSchema,
  precisionOf,
  shiftDay,
} from "../domain/fuzzy-date.ts";
import type { PlacePrecision } from "../domain/place.ts";
import { isObject } from "../domain/plain-object.ts";
import { RecordIdSchema } from "../domain/record.ts";
import {
  fieldCountError,
  quoted,
  readCsvRecords,
  text,
  withKeptColumns,
  writeCsvRows,
} from "./csv-records.ts";
import {
  checkRecords,
  filledColumns,
  keepWhatFieldsLose,
  readCoordinates,
  readHeader,
  rowAt,
} from "./event-rows.ts";
import { alpha2OfGleditschWard, gleditschWardOfAlpha2, ucdpRegionOf } from "./gleditsch-ward.ts";

/** The columns of a UCDP GED CSV release, in UCDP's order (also the order of headerless files). */
export const UCDP_COLUMNS = [
  "id",
  "relid",
  "year",
  "active_year",
  "code_status",
  "type_of_violence",
  "conflict_dset_id",
  "conflict_new_id",
  "conflict_name",
  "dyad_dset_id",
  "dyad_new_id",
  "dyad_name",
  "side_a_dset_id",
  "side_a_new_id",
  "side_a",
  "side_b_dset_id",
  "side_b_new_id",
  "side_b",
  "number_of_sources",
  "source_article",
  "source_office",
  "source_date",
  "source_headline",
  "source_original",
  "where_prec",
  "where_coordinates",
  "where_description",
  "adm_1",
  "adm_2",
  "latitude",
  "longitude",
  "geom_wkt",
  "priogrid_gid",
  "country",
  "country_id",
  "region",
  "event_clarity",
  "date_prec",
  "date_start",
  "date_end",
  "deaths_a",
  "deaths_b",
  "deaths_civilians",
  "deaths_unknown",
  "best",
  "high",
  "low",
  "gwnoa",
  "gwnob",
] as const;

export type UcdpColumn = (typeof UCDP_COLUMNS)[number];

/** One UCDP GED event as the file has it: every column as text, blank where the file has nothing. */
export type UcdpRow = Record<UcdpColumn, string>;

/** What a row of a UCDP file gave: the row, or why it could not be read. */
export type UcdpReadResult = { line: number; row?: UcdpRow; error?: string };

const REQUIRED_COLUMNS: readonly UcdpColumn[] = [
  "id",
  "type_of_violence",
  "side_a",
  "side_b",
  "where_prec",
  "latitude",
  "longitude",
  "date_prec",
  "date_start",
  "date_end",
  "deaths_a",
  "deaths_b",
  "deaths_civilians",
  "deaths_unknown",
  "best",
  "high",
  "low",
];

// UCDP rows carry article references and headlines: a few kilobytes, rarely more. The bounds only
// stop a damaged file from making the parser buffer a huge line.
const BOUNDS = { maxFields: 200, maxFieldChars: 100_000, maxRecordChars: 1_000_000 };

type HeaderIndex = Record<UcdpColumn, number>;

/** A header row names at least the event id and its dates; a data row has numbers there. */
function looksLikeHeader(fields: readonly string[]): boolean {
  const names = new Set(fields.map((f) => f.trim().toLowerCase()));
  return names.has("id") || names.has("date_start");
}

const FORMAT = { columns: UCDP_COLUMNS, required: REQUIRED_COLUMNS, name: "a UCDP GED" };

const RELEASE_ORDER = Object.fromEntries(UCDP_COLUMNS.map((c, i) => [c, i])) as HeaderIndex;

/**
 * Reads a UCDP GED CSV release row by row without holding the file in memory. A first row that
 * names the columns is a header (columns in any order, unknown ones ignored); a first row of
 * exactly 49 fields that is not a header is data in UCDP's column order, since some releases come
 * without a header row. Accepts a byte order mark and CRLF or LF line ends. `line` is the 1-based
 * line of the file where a row starts. A row with the wrong number of fields is reported and
 * reading goes on; a file that is neither, a stray quote or a row beyond the bounds stops reading.
 */
export async function* readUcdpCsv(
  input: NodeJS.ReadableStream | AsyncIterable<string | Buffer>,
): AsyncGenerator<UcdpReadResult> {
  let layout: { index: HeaderIndex; width: number } | undefined;
  for await (const record of readCsvRecords(input, BOUNDS)) {
    if ("error" in record) {
      yield record;
      return;
    }
    const { line, fields, hasLineEnd } = record;
    if (layout === undefined) {
      if (looksLikeHeader(fields)) {
        const read = readHeader(fields, FORMAT);
        if ("error" in read) {
          yield { line, error: read.error };
          return;
        }
        layout = { index: read.index, width: fields.length };
        continue;
      }
      if (fields.length !== UCDP_COLUMNS.length) {
        yield {
          line,
          error:
            `the first row is neither a header naming UCDP's columns nor a row of UCDP's ` +
            `${UCDP_COLUMNS.length} columns (it has ${fields.length} fields): not a UCDP GED file`,
        };
        return;
      }
      layout = { index: RELEASE_ORDER, width: UCDP_COLUMNS.length };
    }
    if (fields.length !== layout.width) {
      yield { line, error: fieldCountError(fields.length, layout.width, hasLineEnd) };
      continue;
    }
    yield { line, row: rowAt(fields, UCDP_COLUMNS, layout.index) };
  }
  if (layout === undefined) yield { line: 1, error: "the file is empty: it has no rows" };
}

/** What the mapping needs from the process it imports into. */
export type UcdpMapOptions = {
  /** The source record (of kind "dataset") that stands for the UCDP GED release. */
  sourceId: string;
  /** The actor record id for a UCDP side's name, or undefined when the process has none. */
  actorFor: (ucdpName: string) => string | undefined;
  /**
   * What to do with a side the process has no actor for: reject the row (so that no figure is
   * attributed to nobody), or make an actor record for it from UCDP's name and id.
   */
  unknownActors: "reject" | "create";
};

/** Records made from one UCDP row: the incident, the claim of its deaths, actors made for it. */
export type UcdpRecords = {
  incident: Record<string, unknown>;
  claim: Record<string, unknown>;
  actors: Record<string, unknown>[];
};

const VIOLENCE_TYPES: Readonly<Record<string, string>> = {
  "1": "State-based violence",
  "2": "Non-state violence",
  "3": "One-sided violence",
};

/**
 * where_prec as place precision. UCDP's 1 is the named place itself (a village or town): a
 * settlement, since Truce keeps "exact" for surveyed points. 2 is "within about 25 km of a named
 * place", which is not the place itself, so it is read as a district rather than invent exactness.
 * 5 is part of a region, a border area or a road; 7 is international waters or airspace, which
 * Truce can only hold as its coarsest precision.
 */
const WHERE_PRECISIONS: Readonly<Record<string, PlacePrecision>> = {
  "1": "settlement",
  "2": "district",
  "3": "district",
  "4": "region",
  "5": "region",
  "6": "country",
  "7": "country",
};

const WHERE_PREC_OF: Readonly<Record<PlacePrecision, string>> = {
  exact: "1",
  settlement: "1",
  district: "3",
  region: "4",
  country: "6",
};

/** Columns kept verbatim as attributes: UCDP's codes and texts that no Truce field holds. */
const ATTRIBUTE_COLUMNS: readonly UcdpColumn[] = [
  "relid",
  "year",
  "active_year",
  "code_status",
  "type_of_violence",
  "conflict_dset_id",
  "conflict_new_id",
  "conflict_name",
  "dyad_dset_id",
  "dyad_new_id",
  "dyad_name",
  "side_a_dset_id",
  "side_a_new_id",
  "side_a",
  "side_b_dset_id",
  "side_b_new_id",
  "side_b",
  "number_of_sources",
  "source_article",
  "source_office",
  "source_date",
  "source_headline",
  "source_original",
  "where_prec",
  "where_description",
  "geom_wkt",
  "priogrid_gid",
  "country",
  "country_id",
  "region",
  "event_clarity",
  "date_prec",
  "gwnoa",
  "gwnob",
];

const MAX_ATTRIBUTE_CHARS = 2000;
const COUNT = /^\d{1,9}$/;

/** The day a UCDP date names; some releases write "2020-09-27 00:00:00.000". */
function parseDay(value: string): string | undefined {
  const day = value.trim().slice(0, 10);
  const rest = value.trim().slice(10);
  if (rest !== "" && !/^[ T]00:00(:00(\.0+)?)?$/.test(rest)) return undefined;
  return precisionOf(day) === "day" ? day : undefined;
}

function isoDay(instant: string): string {
  return instant.slice(0, 10);
}

/** First and last day a date covers, as UCDP writes date_start and date_end. */
function ucdpDaysOf(date: FuzzyDate): { start: string; end: string } {
  if (date.precision === "time")
    return { start: date.value.slice(0, 10), end: date.value.slice(0, 10) };
  const bounds = dateBounds(date);
  return { start: isoDay(bounds.start), end: shiftDay(isoDay(bounds.end), -1) };
}

/** date_prec for a span of days, in the codebook's terms (1 a day ... 5 more than a year). */
function datePrecOf(start: string, end: string): string {
  const days = (Date.parse(end) - Date.parse(start)) / DAY_MS + 1;
  if (days <= 1) return "1";
  if (days <= 6) return "2";
  if (days <= 30) return "3";
  if (start.slice(0, 4) === end.slice(0, 4)) return "4";
  return "5";
}

/**
 * UCDP's date_start..date_end as a fuzzy date: a day when they are the same day, else the range of
 * days they give. date_prec says how sure UCDP is within that span, which the span already bounds;
 * it is kept verbatim in the attributes.
 */
function dateFor(start: string, end: string): FuzzyDate {
  return start === end
    ? { value: start, precision: "day" }
    : { value: start, precision: "range", end };
}

const SIDE_NAME_MAX = 500;

/** A side's actor id: a mapped actor, none for UCDP's "Civilians", or one made from UCDP's id. */
function sideActor(
  row: UcdpRow,
  side: "a" | "b",
  options: UcdpMapOptions,
): { id?: string; actor?: Record<string, unknown> } | { error: string } {
  const column = side === "a" ? "side_a" : "side_b";
  const name = row[column].trim();
  // One-sided violence has "Civilians" as its side B: they are counted in deaths_civilians.
  if (name === "" || name.toLowerCase() === "civilians") return {};
  if (name.length > SIDE_NAME_MAX) return quoted(column, name, "is longer than 500 characters");
  const mapped = options.actorFor(name);
  if (mapped !== undefined) {
    if (!RecordIdSchema.safeParse(mapped).success) {
      return quoted(column, name, `maps to ${JSON.stringify(mapped)}, which is not a record id`);
    }
    return { id: mapped };
  }
  if (options.unknownActors === "reject") {
    return quoted(
      column,
      name,
      "is not an actor of the process: map it with --actors, or add it with --unknown-actors create",
    );
  }
  const newId = row[side === "a" ? "side_a_new_id" : "side_b_new_id"].trim();
  if (!/^\d{1,20}$/.test(newId)) {
    return quoted(
      `${column}_new_id`,
      newId,
      "is not a UCDP actor id, so no actor can be made for it",
    );
  }
  const id = `ucdp-actor-${newId}`;
  return { id, actor: { type: "actor", id, name, roles: ["armed_group"] } };
}

/**
 * Maps one UCDP GED row to an incident, one claim of its deaths attributed to the UCDP dataset, and
 * any actors made for its sides. The claim keeps UCDP's deaths per side (side A and B under their
 * actors, civilians, unknown) as the figures and its low/best/high as the killed total, never
 * collapsed into one number. The incident keeps `external_ids.ucdp`, UCDP's codes verbatim in
 * `attributes`, and any column its fields cannot give back exactly, so that
 * {@link recordsToUcdpRow} reproduces the row. A value it cannot accept gives `{ error }`, naming
 * the column and quoting the value.
 */
export function ucdpRowToRecords(
  row: UcdpRow,
  options: UcdpMapOptions,
): UcdpRecords | { error: string } {
  const eventId = row.id.trim();
  // "ucdp-" and "-fatalities" must still fit in a 64-character record id.
  if (!/^[A-Za-z0-9._:-]{1,48}$/.test(eventId)) {
    return quoted("id", row.id, "is not 1 to 48 letters, digits, '.', '_', ':' or '-'");
  }
  const violence = VIOLENCE_TYPES[row.type_of_violence.trim()];
  if (violence === undefined) {
    return quoted("type_of_violence", row.type_of_violence, "is not 1, 2 or 3");
  }

  const start = parseDay(row.date_start);
  if (start === undefined) return quoted("date_start", row.date_start, "is not a day (YYYY-MM-DD)");
  const end = parseDay(row.date_end);
  if (end === undefined) return quoted("date_end", row.date_end, "is not a day (YYYY-MM-DD)");
  if (end < start) return quoted("date_end", row.date_end, `is before date_start ${start}`);
  if (!/^[1-5]$/.test(row.date_prec.trim())) {
    return quoted("date_prec", row.date_prec, "is not 1, 2, 3, 4 or 5");
  }
  const date = dateFor(start, end);

  const coordinates = readCoordinates(
    { column: "latitude", value: row.latitude },
    { column: "longitude", value: row.longitude },
  );
  if ("error" in coordinates) return coordinates;
  const { lat, lon } = coordinates;
  const placePrecision = WHERE_PRECISIONS[row.where_prec.trim()];
  if (placePrecision === undefined) {
    return quoted("where_prec", row.where_prec, "is not 1, 2, 3, 4, 5, 6 or 7");
  }
  for (const column of ["where_coordinates", "adm_1", "adm_2", "country"] as const) {
    if (row[column].length > 200)
      return quoted(column, row[column], "is longer than 200 characters");
  }
  const placeName =
    [row.where_coordinates, row.adm_2, row.adm_1, row.country].map((n) => n.trim()).find(Boolean) ??
    "";
  if (placeName === "") {
    return quoted(
      "where_coordinates",
      row.where_coordinates,
      "is empty, and so are adm_1, adm_2 and country",
    );
  }
  // The Gleditsch–Ward number first; a number the table lacks falls back to the country's name.
  const country = alpha2OfGleditschWard(row.country_id, row.country);

  const counts: Partial<Record<UcdpColumn, number>> = {};
  for (const column of [
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
  ] as const) {
    const value = row[column].trim();
    if (!COUNT.test(value) || Number(value) > 100_000_000) {
      return quoted(column, row[column], "is not a whole number of 0 or more");
    }
    counts[column] = Number(value);
  }
  const { low = 0, best = 0, high = 0 } = counts;
  if (!(low <= best && best <= high)) {
    return quoted("best", row.best, `is not between low (${low}) and high (${high})`);
  }

  const sideA = sideActor(row, "a", options);
  if ("error" in sideA) return sideA;
  const sideB = sideActor(row, "b", options);
  if ("error" in sideB) return sideB;
  if (sideA.id === undefined) return quoted("side_a", row.side_a, "names no actor");
  if (sideA.id === sideB.id) {
    return quoted("side_b", row.side_b, `is the same actor as side_a (${sideA.id})`);
  }
  const killed: Record<string, number> = { [sideA.id]: counts.deaths_a ?? 0 };
  if (sideB.id !== undefined) killed[sideB.id] = counts.deaths_b ?? 0;
  else if ((counts.deaths_b ?? 0) > 0) {
    return quoted("deaths_b", row.deaths_b, `counts deaths of "${row.side_b}", which is no actor`);
  }
  killed.civilians = counts.deaths_civilians ?? 0;
  killed.unknown = counts.deaths_unknown ?? 0;

  const attributes = filledColumns(row, ATTRIBUTE_COLUMNS);

  const incident: Record<string, unknown> = {
    type: "incident",
    id: `ucdp-${eventId}`,
    title: `${violence} in ${placeName}`.slice(0, 500),
    // UCDP does not say how a fight was fought, only who fought: battles between organised sides
    // are armed clashes, one-sided violence against civilians has no kind of its own.
    kind: row.type_of_violence.trim() === "3" ? "other" : "armed_clash",
    date,
    place: {
      name: placeName,
      precision: placePrecision,
      lat,
      lon,
      ...(row.adm_1 !== "" ? { admin1: row.adm_1 } : {}),
      ...(row.adm_2 !== "" ? { admin2: row.adm_2 } : {}),
      ...(country !== undefined ? { country } : {}),
    },
    actors: sideB.id === undefined ? [sideA.id] : [sideA.id, sideB.id],
    source_ids: [options.sourceId],
    external_ids: { ucdp: eventId },
    attributes,
  };
  const claim: Record<string, unknown> = {
    type: "claim",
    id: `ucdp-${eventId}-fatalities`,
    subject: "incident",
    incident_id: incident.id,
    date,
    statement: `UCDP GED codes ${best} deaths as its best estimate (low ${low}, high ${high})`,
    figures: { killed },
    totals: { killed: { low, best, high } },
    source_ids: [options.sourceId],
  };

  const fromFields = recordsToUcdpRow({ ...incident, attributes }, claim);
  keepWhatFieldsLose(attributes, row, fromFields, UCDP_COLUMNS);
  for (const [column, value] of Object.entries(attributes)) {
    if (typeof value === "string" && value.length > MAX_ATTRIBUTE_CHARS) {
      // Article lists and headlines can outgrow an attribute; the rest of the row still matters
      // more than a complete citation list, so the text is cut and says so.
      attributes[column] = `${value.slice(0, MAX_ATTRIBUTE_CHARS - 1)}…`;
    }
  }

  const invalid = checkRecords(incident, claim);
  if (invalid) return invalid;
  const actors = [sideA.actor, sideB.actor].filter((a) => a !== undefined);
  return { incident, claim, actors };
}

function countText(value: unknown): string {
  return typeof value === "number" && Number.isInteger(value) ? String(value) : "";
}

function rowFromFields(
  incident: Record<string, unknown>,
  claim: Record<string, unknown> | undefined,
): UcdpRow {
  const row = Object.fromEntries(UCDP_COLUMNS.map((c) => [c, ""])) as UcdpRow;
  if (isObject(incident.external_ids)) row.id = text(incident.external_ids.ucdp);
  const date = FuzzyDateSchema.safeParse(incident.date);
  if (date.success) {
    const { start, end } = ucdpDaysOf(date.data);
    row.date_start = start;
    row.date_end = end;
    row.year = start.slice(0, 4);
    row.date_prec = datePrecOf(start, end);
  }
  const place = isObject(incident.place) ? incident.place : {};
  row.where_coordinates = text(place.name);
  row.adm_1 = text(place.admin1);
  row.adm_2 = text(place.admin2);
  if (typeof place.lat === "number" && typeof place.lon === "number") {
    row.latitude = String(place.lat);
    row.longitude = String(place.lon);
    row.geom_wkt = `POINT (${place.lon} ${place.lat})`;
  }
  row.where_prec = WHERE_PREC_OF[place.precision as PlacePrecision] ?? "";
  const state =
    typeof place.country === "string" ? gleditschWardOfAlpha2(place.country) : undefined;
  if (state) {
    row.country = state.name;
    row.country_id = String(state.gw);
    row.region = ucdpRegionOf(state.gw);
  }
  const actors = Array.isArray(incident.actors) ? incident.actors.map(text) : [];
  const figures = isObject(claim?.figures) ? claim.figures : {};
  const killed = isObject(figures.killed) ? figures.killed : undefined;
  if (killed) {
    row.deaths_a = countText(killed[actors[0] ?? ""]);
    row.deaths_b = countText(killed[actors[1] ?? ""]);
    row.deaths_civilians = countText(killed.civilians);
    row.deaths_unknown = countText(killed.unknown);
  }
  const totals = isObject(claim?.totals) ? claim.totals : {};
  const total = totals.killed;
  if (isObject(total)) {
    row.low = countText(total.low);
    row.best = countText(total.best);
    row.high = countText(total.high);
  } else if (typeof total === "number") {
    row.low = row.best = row.high = countText(total);
  }
  return row;
}

/**
 * The UCDP row for an incident and the claim that carries its UCDP deaths. For an incident read
 * from UCDP the attributes hold every column its fields cannot give back, and they win, so the row
 * is the one that was read. For an incident made in Truce the row is filled from its fields:
 * date_start, date_end, year and date_prec from its date, the place columns and coordinates,
 * where_prec from its precision, country, country_id (Gleditsch–Ward) and region for any country
 * the list of states has, and the deaths from the claim (side A and B are the incident's first two actors); the
 * codes UCDP assigns (conflict, dyad, side ids, type_of_violence) stay blank.
 */
export function recordsToUcdpRow(
  incident: Record<string, unknown>,
  deathsClaim: Record<string, unknown> | undefined,
): UcdpRow {
  return withKeptColumns(rowFromFields(incident, deathsClaim), UCDP_COLUMNS, incident.attributes);
}

/** Writes UCDP rows as CSV text in UCDP's column order: the header first, then a line per row. */
export function writeUcdpCsv(rows: AsyncIterable<UcdpRow>): AsyncGenerator<string> {
  return writeCsvRows([UCDP_COLUMNS], (row) => UCDP_COLUMNS.map((column) => row[column]), rows);
}
