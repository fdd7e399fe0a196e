import {
  DAY_MS,
  dateBounds,
  type FuzzyDate,
  FuzzyDateSchema,
  MONTH_NAMES,
  precisionOf,
  shiftDay,
} from "../domain/fuzzy-date.ts";
import type { Incident } from "../domain/kinds/incident.schema.ts";
import type { PlacePrecision } from "../domain/place.ts";
import { isObject } from "../domain/plain-object.ts";
import { RecordIdSchema } from "../domain/record.ts";
import { alpha2OfName, alpha2OfNumeric, englishName, numericOfAlpha2 } from "./countries.ts";
import {
  type CsvBounds,
  fieldCountError,
  quoted,
  readCsvRecords,
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

/** The columns of an ACLED CSV export, in the order ACLED publishes them. */
export const ACLED_COLUMNS = [
  "event_id_cnty",
  "event_date",
  "year",
  "time_precision",
  "disorder_type",
  "event_type",
  "sub_event_type",
  "actor1",
  "assoc_actor_1",
  "inter1",
  "actor2",
  "assoc_actor_2",
  "inter2",
  "interaction",
  "civilian_targeting",
  "iso",
  "region",
  "country",
  "admin1",
  "admin2",
  "admin3",
  "location",
  "latitude",
  "longitude",
  "geo_precision",
  "source",
  "source_scale",
  "notes",
  "fatalities",
  "tags",
  "timestamp",
] as const;

/** One name of {@link ACLED_COLUMNS}. */
export type AcledColumn = (typeof ACLED_COLUMNS)[number];

/** One ACLED event as the file has it: every column as text, blank where the file has nothing. */
export type AcledRow = Record<AcledColumn, string>;

/** What a row of an ACLED file gave: the row, or why it could not be read. */
export type AcledReadResult = { line: number; row?: AcledRow; error?: string };

/** What the mapping needs from the process it imports into. */
export type AcledMapOptions = {
  /** The source record (of kind "dataset") that stands for the ACLED export. */
  sourceId: string;
  /** The actor record id for an ACLED actor name, or undefined when the process has none. */
  actorFor: (acledActorName: string) => string | undefined;
};

/** Records made from one ACLED row, without their import position. */
export type AcledRecords = { incident: Record<string, unknown>; claim: Record<string, unknown> };

// Older exports lack some columns (disorder_type, civilian_targeting and tags came in 2023), so
// only the columns the mapping cannot do without are required; the others read as blank.
const REQUIRED_COLUMNS: readonly AcledColumn[] = [
  "event_id_cnty",
  "event_date",
  "time_precision",
  "event_type",
  "sub_event_type",
  "actor1",
  "location",
  "latitude",
  "longitude",
  "geo_precision",
  "fatalities",
];

// Bounds on what one row may hold. ACLED rows are a few kilobytes at most, so these only stop a
// damaged or hostile file from making the parser buffer a huge line or build a huge array.
const BOUNDS: CsvBounds = { maxFields: 200, maxFieldChars: 100_000, maxRecordChars: 1_000_000 };

const FORMAT = { columns: ACLED_COLUMNS, required: REQUIRED_COLUMNS, name: "an ACLED" };

type HeaderIndex = Record<AcledColumn, number>;

/**
 * Reads an ACLED CSV export row by row without holding the file in memory. Accepts a UTF-8 byte
 * order mark, CRLF or LF line ends, and the columns in any order as the header names them (unknown
 * columns are ignored, optional ones missing from older exports read as blank). `line` is the
 * 1-based line of the file where a row starts. A row with the wrong number of fields is reported
 * and reading goes on; a header without the required columns, a stray quote, or a row beyond the
 * size bounds (200 fields, 100,000 characters in a field, 1,000,000 in a row) is reported once and
 * reading stops: after a stray quote where the next row starts is a guess, and csv-parse cannot
 * skip an over-long row without buffering it.
 */
export async function* readAcledCsv(
  input: NodeJS.ReadableStream | AsyncIterable<string | Buffer>,
): AsyncGenerator<AcledReadResult> {
  let header: { index: HeaderIndex; width: number } | undefined;
  for await (const record of readCsvRecords(input, BOUNDS)) {
    if ("error" in record) {
      yield record;
      return;
    }
    const { line, fields } = record;
    if (header === undefined) {
      const read = readHeader(fields, FORMAT);
      if ("error" in read) {
        yield { line, error: read.error };
        return;
      }
      header = { index: read.index, width: fields.length };
      continue;
    }
    if (fields.length !== header.width) {
      yield { line, error: fieldCountError(fields.length, header.width, record.hasLineEnd) };
      continue;
    }
    yield { line, row: rowAt(fields, ACLED_COLUMNS, header.index) };
  }
  if (header === undefined) yield { line: 1, error: "the file is empty: it has no header line" };
}

type IncidentKind = Incident["kind"];

/**
 * ACLED event and sub-event types as Truce incident kinds, the one table both directions read. A
 * row without `sub` covers the event type's other sub-events. Rows marked `isExport` say how an
 * incident of that kind made in Truce is written as ACLED; other kinds are written with those
 * columns blank, since ACLED has several sub-events for them and choosing one would be a guess.
 */
const KIND_TABLE: ReadonlyArray<{
  event: string;
  sub?: string;
  kind: IncidentKind;
  isExport?: true;
}> = [
  { event: "Battles", sub: "Armed clash", kind: "armed_clash", isExport: true },
  { event: "Battles", kind: "armed_clash" },
  {
    event: "Explosions/Remote violence",
    sub: "Shelling/artillery/missile attack",
    kind: "shelling",
    isExport: true,
  },
  // ACLED puts strikes by crewed aircraft and by drones in one sub-event; Truce has no kind for air
  // strikes, and the verbatim sub_event_type stays in the attributes.
  {
    event: "Explosions/Remote violence",
    sub: "Air/drone strike",
    kind: "drone_strike",
    isExport: true,
  },
  {
    event: "Explosions/Remote violence",
    sub: "Remote explosive/landmine/IED",
    kind: "mine_explosion",
    isExport: true,
  },
  { event: "Explosions/Remote violence", kind: "other" },
  // An "Attack" on civilians does not say by what means, so it is not called a shooting.
  { event: "Violence against civilians", sub: "Abduction/forced disappearance", kind: "detention" },
  { event: "Violence against civilians", kind: "other" },
  { event: "Strategic developments", sub: "Arrests", kind: "detention" },
  { event: "Strategic developments", kind: "other" },
  { event: "Protests", kind: "other" },
  { event: "Riots", kind: "other" },
];

function kindOf(eventType: string, subEventType: string): IncidentKind | undefined {
  // ACLED's own spelling of the capitals has varied ("Strategic Developments").
  const event = eventType.trim().toLowerCase();
  const sub = subEventType.trim().toLowerCase();
  const rows = KIND_TABLE.filter((r) => r.event.toLowerCase() === event);
  return (rows.find((r) => r.sub?.toLowerCase() === sub) ?? rows.find((r) => !r.sub))?.kind;
}

/**
 * The names ACLED writes in its `country` column where they are not ISO 3166-1's English name;
 * every other country is written as ISO names it. Kosovo, which ISO has given no code, is not
 * here: ACLED codes it iso 0, and Truce keeps such a row's country text but no country code.
 */
const ACLED_NAMES: Readonly<Record<string, string>> = {
  BN: "Brunei",
  CD: "Democratic Republic of Congo",
  CG: "Republic of Congo",
  CI: "Ivory Coast",
  CW: "Curacao",
  CZ: "Czech Republic",
  FK: "Falkland Islands",
  FM: "Micronesia",
  GM: "Gambia",
  IR: "Iran",
  LA: "Laos",
  MD: "Moldova",
  MK: "North Macedonia",
  PS: "Palestine",
  RU: "Russia",
  SX: "Sint Maarten",
  SY: "Syria",
  SZ: "eSwatini",
  TL: "East Timor",
  TR: "Turkey",
  TW: "Taiwan",
  TZ: "Tanzania",
  US: "United States",
  VA: "Vatican City",
};

const ALPHA2_OF_ACLED_NAME = new Map(
  Object.entries(ACLED_NAMES).map(([alpha2, name]) => [name.toLowerCase(), alpha2]),
);

/**
 * The ISO alpha-2 code of an ACLED row's country: from its numeric `iso` code, else (a blank or
 * unknown code) from its `country` name as ACLED or ISO spells it. Undefined when neither gives
 * one, as for Kosovo (iso 0): the row keeps both columns verbatim and has no country code.
 */
export function acledCountryOf(row: Pick<AcledRow, "iso" | "country">): string | undefined {
  return (
    alpha2OfNumeric(row.iso) ??
    ALPHA2_OF_ACLED_NAME.get(row.country.trim().toLowerCase()) ??
    alpha2OfName(row.country)
  );
}

const GEO_PRECISIONS: Readonly<Record<string, PlacePrecision>> = {
  "1": "settlement",
  "2": "district",
  "3": "region",
};

/** ACLED actor types: the numbers of older files and the labels that replaced them in 2025. */
const INTER_LABELS = [
  "state forces",
  "rebel groups",
  "political militias",
  "identity militias",
  "rioters",
  "protesters",
  "civilians",
  "external/other forces",
];

function interCode(value: string): number | undefined | null {
  if (value === "") return undefined;
  if (/^[0-8]$/.test(value)) return Number(value);
  // Labels come singular ("Rebel group") or plural, and "protestors" is ACLED's other spelling.
  const label = value.trim().toLowerCase().replace(/\s+/g, " ").replace("protestor", "protester");
  const index = INTER_LABELS.findIndex((l) => l === label || l === `${label}s`);
  return index === -1 ? null : index + 1;
}

/** The day an ACLED event_date names, as YYYY-MM-DD; older exports write "16 November 2021". */
function parseEventDate(text: string): string | undefined {
  let day = text;
  const written = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(text);
  if (written) {
    const month = (MONTH_NAMES as readonly string[]).indexOf((written[2] ?? "").toLowerCase()) + 1;
    if (month === 0) return undefined;
    day = `${written[3]}-${String(month).padStart(2, "0")}-${(written[1] ?? "").padStart(2, "0")}`;
  }
  return precisionOf(day) === "day" ? day : undefined;
}

function dateFor(day: string, timePrecision: string): FuzzyDate | undefined {
  switch (timePrecision) {
    case "1":
      return { value: day, precision: "day" };
    case "2":
      // ACLED's 2 says only that the event fell within a week around the coded day. Truce has no
      // week precision, so this is the seven days centred on that day: wide enough to hold the
      // event, and recordsToAcledRow gives the same day back from the middle of the range.
      return { value: shiftDay(day, -3), precision: "range", end: shiftDay(day, 3) };
    case "3":
      // ACLED's 3 says only the month is known; the day it codes within that month means nothing.
      return { value: day.slice(0, 7), precision: "month" };
    default:
      return undefined;
  }
}

/** Columns kept verbatim as attributes whenever they hold anything: no Truce field holds them. */
const ATTRIBUTE_COLUMNS: readonly AcledColumn[] = [
  "year",
  "time_precision",
  "disorder_type",
  "event_type",
  "sub_event_type",
  "actor1",
  "assoc_actor_1",
  "inter1",
  "actor2",
  "assoc_actor_2",
  "inter2",
  "interaction",
  "civilian_targeting",
  "iso",
  "region",
  "country",
  "admin3",
  "geo_precision",
  "source",
  "source_scale",
  "tags",
  "timestamp",
];

const MAX_ATTRIBUTE_CHARS = 2000;

/**
 * Maps one ACLED row to an incident and a claim of its fatalities, as records ready for
 * `importRecords` (each with `type` and `id`). The incident keeps `external_ids.acled` and, in
 * `attributes`, ACLED's coded columns verbatim, plus any column its own fields cannot give back
 * exactly (an older date form, the day of a month-precision date, a latitude written with trailing
 * zeros), so that {@link recordsToAcledRow} reproduces the row. A value the mapping cannot accept
 * gives `{ error }`, naming the column and quoting the value.
 */
export function acledRowToRecords(
  row: AcledRow,
  options: AcledMapOptions,
): AcledRecords | { error: string } {
  const eventId = row.event_id_cnty;
  // "acled-" and "-fatalities" must still fit in a 64-character record id.
  if (!/^[A-Za-z0-9._:-]{1,47}$/.test(eventId)) {
    return quoted("event_id_cnty", eventId, "is not 1 to 47 letters, digits, '.', '_', ':' or '-'");
  }

  const kind = kindOf(row.event_type, row.sub_event_type);
  if (kind === undefined) {
    return quoted("event_type", row.event_type, "is not an ACLED event type");
  }

  const day = parseEventDate(row.event_date);
  if (day === undefined) {
    return quoted("event_date", row.event_date, 'is not a day (YYYY-MM-DD or "16 November 2021")');
  }
  const date = dateFor(day, row.time_precision);
  if (date === undefined) return quoted("time_precision", row.time_precision, "is not 1, 2 or 3");

  const coordinates = readCoordinates(
    { column: "latitude", value: row.latitude },
    { column: "longitude", value: row.longitude },
  );
  if ("error" in coordinates) return coordinates;
  const { lat, lon } = coordinates;

  const placePrecision = GEO_PRECISIONS[row.geo_precision];
  if (placePrecision === undefined) {
    return quoted("geo_precision", row.geo_precision, "is not 1, 2 or 3");
  }
  const location = row.location.trim();
  if (location === "") return quoted("location", row.location, "is empty");
  for (const column of ["location", "admin1", "admin2"] as const) {
    if (row[column].length > 200)
      return quoted(column, row[column], "is longer than 200 characters");
  }
  const country = acledCountryOf(row);

  if (!/^\d{1,9}$/.test(row.fatalities) || Number(row.fatalities) > 100_000_000) {
    return quoted("fatalities", row.fatalities, "is not a whole number of 0 or more");
  }
  const fatalities = Number(row.fatalities);

  if (row.notes.length > 20_000) {
    return quoted("notes", row.notes, "is longer than 20,000 characters");
  }

  const actors: string[] = [];
  for (const column of ["actor1", "actor2"] as const) {
    const name = row[column];
    if (name === "") continue;
    // Names the process has no actor for stay only in the attributes (actor1, actor2).
    const id = options.actorFor(name);
    if (id === undefined) continue;
    if (!RecordIdSchema.safeParse(id).success) {
      return quoted(column, name, `maps to ${JSON.stringify(id)}, which is not a record id`);
    }
    if (!actors.includes(id)) actors.push(id);
  }

  const attributes = filledColumns(row, ATTRIBUTE_COLUMNS);
  for (const column of ["inter1", "inter2"] as const) {
    const code = interCode(row[column]);
    if (code === null) {
      return quoted(column, row[column], 'is not an ACLED actor type (0-8 or e.g. "State forces")');
    }
    if (code !== undefined) attributes[`${column}_code`] = code;
  }

  const title = `${row.sub_event_type.trim() || row.event_type.trim()} in ${location}`;
  const incident: Record<string, unknown> = {
    type: "incident",
    id: `acled-${eventId}`,
    title: title.length > 500 ? `${title.slice(0, 499)}…` : title,
    kind,
    date,
    place: {
      name: location,
      precision: placePrecision,
      lat,
      lon,
      ...(row.admin1 !== "" ? { admin1: row.admin1 } : {}),
      ...(row.admin2 !== "" ? { admin2: row.admin2 } : {}),
      ...(country !== undefined ? { country } : {}),
    },
    actors,
    ...(row.notes !== "" ? { description: row.notes } : {}),
    source_ids: [options.sourceId],
    external_ids: { acled: eventId },
    attributes,
  };
  const claim: Record<string, unknown> = {
    type: "claim",
    id: `acled-${eventId}-fatalities`,
    subject: "incident",
    incident_id: incident.id,
    date,
    statement:
      `ACLED codes ${fatalities} ${fatalities === 1 ? "fatality" : "fatalities"}` +
      (row.source.trim() !== "" ? ` (sources: ${row.source.trim()})` : ""),
    // ACLED gives one total per event and does not say on which side or whether they were
    // civilians, so the whole count goes to "unknown" rather than being split by guesswork.
    figures: { killed: { unknown: fatalities } },
    source_ids: [options.sourceId],
  };

  const fromFields = recordsToAcledRow({ ...incident, attributes }, claim);
  keepWhatFieldsLose(attributes, row, fromFields, ACLED_COLUMNS);
  for (const [column, value] of Object.entries(attributes)) {
    if (typeof value === "string" && value.length > MAX_ATTRIBUTE_CHARS) {
      return quoted(column, value, `is longer than ${MAX_ATTRIBUTE_CHARS} characters`);
    }
  }

  return checkRecords(incident, claim) ?? { incident, claim };
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** event_date and time_precision for a date, as close as ACLED's three precisions allow. */
function acledDateOf(date: FuzzyDate): { day: string; timePrecision: string } {
  switch (date.precision) {
    case "time":
      // The day as written at the place, not the UTC day the instant falls on.
      return { day: date.value.slice(0, 10), timePrecision: "1" };
    case "day":
      return { day: date.value, timePrecision: "1" };
    case "month":
    case "year":
      // ACLED has nothing coarser than a month; a year is written as its first month.
      return { day: dateBounds(date).start.slice(0, 10), timePrecision: "3" };
    case "range": {
      const { start, end } = dateBounds(date);
      const days = (Date.parse(end) - Date.parse(start)) / DAY_MS;
      const first = start.slice(0, 10);
      // Seven days is how a time_precision 2 row is read in, so its middle is the coded day.
      if (days === 7) return { day: shiftDay(first, 3), timePrecision: "2" };
      return { day: first, timePrecision: days <= 7 ? "2" : "3" };
    }
  }
}

const GEO_PRECISION_OF: Readonly<Record<PlacePrecision, string>> = {
  exact: "1",
  settlement: "1",
  district: "2",
  region: "3",
  // ACLED has no code for "somewhere in the country"; 3 is its coarsest.
  country: "3",
};

/** The claim's killed total when every count in it is a plain number; blank otherwise. */
function fatalitiesOf(claim: Record<string, unknown> | undefined): string {
  const killed = isObject(claim?.figures) ? claim.figures.killed : undefined;
  if (!isObject(killed)) return "";
  const counts = Object.values(killed);
  if (counts.length === 0 || !counts.every((c) => typeof c === "number" && Number.isInteger(c))) {
    return "";
  }
  return String(counts.reduce((sum: number, c) => sum + (c as number), 0));
}

function rowFromFields(
  incident: Record<string, unknown>,
  claim: Record<string, unknown> | undefined,
): AcledRow {
  const row = Object.fromEntries(ACLED_COLUMNS.map((c) => [c, ""])) as AcledRow;
  if (isObject(incident.external_ids)) row.event_id_cnty = text(incident.external_ids.acled);
  const date = FuzzyDateSchema.safeParse(incident.date);
  if (date.success) {
    const { day, timePrecision } = acledDateOf(date.data);
    row.event_date = day;
    row.year = day.slice(0, 4);
    row.time_precision = timePrecision;
  }
  const exported = KIND_TABLE.find((r) => r.isExport && r.kind === incident.kind);
  if (exported) {
    row.event_type = exported.event;
    row.sub_event_type = exported.sub ?? "";
  }
  const place = isObject(incident.place) ? incident.place : {};
  row.location = text(place.name);
  row.admin1 = text(place.admin1);
  row.admin2 = text(place.admin2);
  if (typeof place.lat === "number" && typeof place.lon === "number") {
    row.latitude = String(place.lat);
    row.longitude = String(place.lon);
  }
  row.geo_precision = GEO_PRECISION_OF[place.precision as PlacePrecision] ?? "";
  const country = typeof place.country === "string" ? place.country : "";
  const numeric = numericOfAlpha2(country);
  if (numeric !== undefined) {
    row.iso = numeric;
    row.country = ACLED_NAMES[country] ?? englishName(country) ?? "";
  }
  row.notes = text(incident.description);
  row.fatalities = fatalitiesOf(claim);
  return row;
}

/**
 * The ACLED row for an incident and the claim that carries its ACLED fatality count. For an
 * incident read from ACLED the attributes hold every column its fields cannot give back, and they
 * win, so the row is the one that was read. For an incident made in Truce, the row is filled from
 * its fields: event_date from the start of its date (the middle of a seven-day range),
 * time_precision from its precision, location, admin1/2, coordinates, geo_precision, iso and
 * country (ISO 3166-1's numeric code, and the name as ACLED writes it), notes from the description, event and sub-event type
 * for the kinds ACLED has one sub-event for, and fatalities from the claim's killed total when
 * every count is a plain number; everything else is blank.
 */
export function recordsToAcledRow(
  incident: Record<string, unknown>,
  fatalitiesClaim: Record<string, unknown> | undefined,
): AcledRow {
  return withKeptColumns(
    rowFromFields(incident, fatalitiesClaim),
    ACLED_COLUMNS,
    incident.attributes,
  );
}

/** Writes ACLED rows as CSV text in ACLED's column order: the header first, then a line per row. */
export function writeAcledCsv(rows: AsyncIterable<AcledRow>): AsyncGenerator<string> {
  return writeCsvRows([ACLED_COLUMNS], (row) => ACLED_COLUMNS.map((column) => row[column]), rows);
}

/**
 * What a re-imported ACLED incident keeps of the stored one: its actors, when the row names the
 * same actors (actor1, actor2) as before and some of those names resolve to no actor now. An
 * import without the `--actors` mapping an earlier one had would otherwise strip the incident of
 * actors nobody took from it; a row that names other actors than before is taken as it is.
 */
export function keepResolvedActors(
  incoming: Record<string, unknown>,
  stored: Record<string, unknown>,
): Record<string, unknown> {
  if (incoming.type !== "incident") return incoming;
  const names = (record: Record<string, unknown>) => {
    const attributes = isObject(record.attributes) ? record.attributes : {};
    return [attributes.actor1, attributes.actor2].filter((n) => typeof n === "string" && n !== "");
  };
  const named = names(incoming);
  const actors = Array.isArray(incoming.actors) ? (incoming.actors as string[]) : [];
  const before = Array.isArray(stored.actors) ? (stored.actors as string[]) : [];
  const sameNames = JSON.stringify(named) === JSON.stringify(names(stored));
  if (!sameNames || actors.length >= named.length || before.every((id) => actors.includes(id))) {
    return incoming;
  }
  return { ...incoming, actors: [...actors, ...before.filter((id) => !actors.includes(id))] };
}
