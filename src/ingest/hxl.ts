import { FuzzyDateSchema, precisionOf } from "../domain/fuzzy-date.ts";
import { INCIDENT_KINDS } from "../domain/kinds/incident.schema.ts";
import { PLACE_PRECISIONS } from "../domain/place.ts";
import { isObject } from "../domain/plain-object.ts";
import { RecordIdSchema } from "../domain/record.ts";
import { fieldCountError, quoted, readCsvRecords, text, writeCsvRows } from "./csv-records.ts";
import { checkRecords, readCoordinates } from "./event-rows.ts";

/**
 * The HXL columns Truce reads and writes, as a text header and its hashtag. A column matches when
 * it has the tag and at least these attributes (HXL's rule: `#affected+killed+f` is still a count
 * of the killed), so files from other tools with more attributes are read too.
 */
export const HXL_COLUMNS = [
  { field: "event_id", header: "Event ID", tag: "#event+id" },
  { field: "title", header: "Title", tag: "#event+name" },
  { field: "kind", header: "Kind", tag: "#event+type" },
  { field: "date", header: "Date", tag: "#date" },
  { field: "date_end", header: "Date end", tag: "#date+end" },
  { field: "place", header: "Place", tag: "#loc+name" },
  { field: "place_precision", header: "Place precision", tag: "#loc+precision" },
  { field: "admin1", header: "Admin 1", tag: "#adm1+name" },
  { field: "admin2", header: "Admin 2", tag: "#adm2+name" },
  { field: "country", header: "Country", tag: "#country+code+v_iso2" },
  { field: "lat", header: "Latitude", tag: "#geo+lat" },
  { field: "lon", header: "Longitude", tag: "#geo+lon" },
  { field: "actor_ids", header: "Actors", tag: "#actor+code" },
  { field: "description", header: "Description", tag: "#description" },
  { field: "killed", header: "Killed", tag: "#affected+killed" },
  { field: "wounded", header: "Wounded", tag: "#affected+injured" },
  { field: "captured", header: "Captured", tag: "#affected+captured" },
  { field: "missing", header: "Missing", tag: "#affected+missing" },
] as const;

export type HxlField = (typeof HXL_COLUMNS)[number]["field"];

/** One HXL row in Truce's terms: every known column as text; actor names from `#actor+name`. */
export type HxlRow = Record<HxlField, string> & { actor_names: string[] };

export type HxlReadResult = { line: number; row?: HxlRow; error?: string };

type Hashtag = { tag: string; attributes: Set<string> };

/** `#Affected +Killed` → { tag: "#affected", attributes: {killed} }; null if not a hashtag. */
function parseHashtag(cell: string): Hashtag | null {
  const compact = cell.replace(/\s+/g, "").toLowerCase();
  const match = /^(#[a-z][a-z0-9_]*)((\+[a-z][a-z0-9_]*)*)$/.exec(compact);
  if (!match) return null;
  const attributes = (match[2] ?? "").split("+").filter(Boolean);
  return { tag: match[1] ?? "", attributes: new Set(attributes) };
}

/** HXL's rule for a tag row: at least one hashtag, and every non-blank cell a hashtag. */
function isTagRow(fields: readonly string[]): boolean {
  const cells = fields.map((f) => f.trim()).filter((f) => f !== "");
  return cells.length > 0 && cells.every((cell) => parseHashtag(cell) !== null);
}

function matches(column: Hashtag, spec: Hashtag): boolean {
  if (column.tag !== spec.tag) return false;
  for (const attribute of spec.attributes) if (!column.attributes.has(attribute)) return false;
  return true;
}

type Layout = { width: number; index: Map<HxlField, number>; actorNames: number[] };

/**
 * Where each field is: the first column that matches its tag, preferring the one with the fewest
 * extra attributes, so that `#date` is not taken from a `#date+end` column.
 */
function layoutOf(tags: ReadonlyArray<Hashtag | null>): Layout {
  const index = new Map<HxlField, number>();
  for (const column of HXL_COLUMNS) {
    const spec = parseHashtag(column.tag) as Hashtag;
    let best: { at: number; extra: number } | undefined;
    for (const [at, tag] of tags.entries()) {
      if (!tag || !matches(tag, spec)) continue;
      const extra = tag.attributes.size - spec.attributes.size;
      if (best === undefined || extra < best.extra) best = { at, extra };
    }
    if (best) index.set(column.field, best.at);
  }
  const actorNames = tags.flatMap((tag, at) =>
    tag && matches(tag, { tag: "#actor", attributes: new Set(["name"]) }) ? [at] : [],
  );
  return { width: tags.length, index, actorNames };
}

// HXL files are spreadsheets: a few kilobytes a row. The bounds only stop a damaged file.
const BOUNDS = { maxFields: 500, maxFieldChars: 100_000, maxRecordChars: 1_000_000 };
/** How far down the file the tag row may be: HXL puts it right under one or a few header rows. */
const TAG_ROW_WITHIN = 25;

/**
 * Reads HXL-tagged CSV row by row without holding the file in memory. The hashtag row may be any of
 * the first 25 rows (the rows above it are text headers); the rows below it are data. Accepts a
 * byte order mark and CRLF or LF line ends; `line` is the 1-based line where a row starts.
 */
export async function* readHxlCsv(
  input: NodeJS.ReadableStream | AsyncIterable<string | Buffer>,
): AsyncGenerator<HxlReadResult> {
  let layout: Layout | undefined;
  let rowsBefore = 0;
  for await (const record of readCsvRecords(input, BOUNDS)) {
    if ("error" in record) {
      yield record;
      return;
    }
    const { line, fields, hasLineEnd } = record;
    if (layout === undefined) {
      if (isTagRow(fields)) {
        layout = layoutOf(fields.map(parseHashtag));
        const missing = ["event_id", "date", "place"].filter(
          (f) => !layout?.index.has(f as HxlField),
        );
        if (missing.length > 0) {
          const tags = HXL_COLUMNS.filter((c) => missing.includes(c.field)).map((c) => c.tag);
          yield {
            line,
            error: `the hashtag row lacks ${tags.join(", ")}: nothing to make incidents from`,
          };
          return;
        }
        continue;
      }
      rowsBefore += 1;
      if (rowsBefore >= TAG_ROW_WITHIN) {
        yield {
          line,
          error: `no HXL hashtag row (#event+id,#date,...) in the first ${TAG_ROW_WITHIN} rows: not an HXL file`,
        };
        return;
      }
      continue;
    }
    if (fields.length !== layout.width) {
      yield { line, error: fieldCountError(fields.length, layout.width, hasLineEnd) };
      continue;
    }
    const row = { actor_names: [] as string[] } as unknown as HxlRow;
    for (const column of HXL_COLUMNS) {
      const at = layout.index.get(column.field);
      row[column.field] = at === undefined ? "" : (fields[at] ?? "").trim();
    }
    row.actor_names = layout.actorNames.map((at) => (fields[at] ?? "").trim()).filter(Boolean);
    yield { line, row };
  }
  if (layout === undefined) {
    yield {
      line: 1,
      error:
        rowsBefore === 0
          ? "the file is empty: it has no rows"
          : `no HXL hashtag row (#event+id,#date,...) in its ${rowsBefore} rows: not an HXL file`,
    };
  }
}

export type HxlMapOptions = {
  /** The source record that stands for the HXL file's data. */
  sourceId: string;
  /** The actor record id for a name in an `#actor+name` column. */
  actorFor: (name: string) => string | undefined;
};

const FIGURE_FIELDS = ["killed", "wounded", "captured", "missing"] as const;

/**
 * Maps one HXL row to an incident (`hxl-<#event+id>`) and, when it gives counts, a claim of them
 * (`hxl-<#event+id>-figures`) attributed to the source. The counts are totals, so they go under the
 * side "unknown": HXL's #affected says how many, not on whose side. The date's precision is how it
 * is written (2021, 2021-05, 2021-05-12, a time with offset), a range when `#date+end` is given.
 */
export function hxlRowToRecords(
  row: HxlRow,
  options: HxlMapOptions,
): { incident: Record<string, unknown>; claim?: Record<string, unknown> } | { error: string } {
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,51}$/.test(row.event_id)) {
    return quoted(
      "#event+id",
      row.event_id,
      "is not 1 to 52 letters, digits, '.', '_', ':' or '-'",
    );
  }
  const written = precisionOf(row.date);
  if (written === null)
    return quoted("#date", row.date, "is not a date (YYYY, YYYY-MM, YYYY-MM-DD)");
  let date: Record<string, string>;
  if (row.date_end !== "") {
    if (written === "time" || precisionOf(row.date_end) === null) {
      return quoted(
        "#date+end",
        row.date_end,
        "is not the end of a range of days, months or years",
      );
    }
    date = { value: row.date, precision: "range", end: row.date_end };
  } else {
    date = { value: row.date, precision: written };
  }
  const dateCheck = FuzzyDateSchema.safeParse(date);
  if (!dateCheck.success)
    return quoted("#date+end", row.date_end, dateCheck.error.issues[0]?.message ?? "");

  const kind = row.kind === "" ? "other" : row.kind.toLowerCase().replace(/[\s-]+/g, "_");
  if (!(INCIDENT_KINDS as readonly string[]).includes(kind)) {
    return quoted("#event+type", row.kind, `is not one of ${INCIDENT_KINDS.join(", ")}`);
  }
  const precision = row.place_precision === "" ? "settlement" : row.place_precision.toLowerCase();
  if (!(PLACE_PRECISIONS as readonly string[]).includes(precision)) {
    return quoted(
      "#loc+precision",
      row.place_precision,
      `is not one of ${PLACE_PRECISIONS.join(", ")}`,
    );
  }
  const placeName = row.place || row.admin2 || row.admin1 || row.country;
  if (placeName === "")
    return quoted("#loc+name", row.place, "is empty, and so are #adm1, #adm2 and #country");
  let coordinates: { lat: number; lon: number } | Record<string, never> = {};
  if (row.lat !== "" || row.lon !== "") {
    const read = readCoordinates(
      { column: "#geo+lat", value: row.lat },
      { column: "#geo+lon", value: row.lon },
    );
    if ("error" in read) return read;
    coordinates = read;
  }
  if (row.country !== "" && !/^[A-Za-z]{2}$/.test(row.country)) {
    return quoted("#country+code+v_iso2", row.country, "is not an ISO 3166-1 alpha-2 code");
  }

  const actors: string[] = [];
  for (const id of row.actor_ids
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!RecordIdSchema.safeParse(id).success)
      return quoted("#actor+code", id, "is not a record id");
    if (!actors.includes(id)) actors.push(id);
  }
  for (const name of row.actor_names) {
    const id = options.actorFor(name);
    if (id !== undefined && !actors.includes(id)) actors.push(id);
  }

  const figures: Record<string, { unknown: number }> = {};
  for (const field of FIGURE_FIELDS) {
    const value = row[field];
    if (value === "") continue;
    if (!/^\d{1,9}$/.test(value)) {
      const tag = HXL_COLUMNS.find((c) => c.field === field)?.tag ?? field;
      return quoted(tag, value, "is not a whole number of 0 or more");
    }
    figures[field] = { unknown: Number(value) };
  }

  const id = `hxl-${row.event_id}`;
  const title = row.title || `${kind.replaceAll("_", " ")} in ${placeName}`;
  const incident: Record<string, unknown> = {
    type: "incident",
    id,
    title: title.length > 500 ? `${title.slice(0, 499)}…` : title,
    kind,
    date,
    place: {
      name: placeName.slice(0, 200),
      precision,
      ...coordinates,
      ...(row.admin1 !== "" ? { admin1: row.admin1 } : {}),
      ...(row.admin2 !== "" ? { admin2: row.admin2 } : {}),
      ...(row.country !== "" ? { country: row.country.toUpperCase() } : {}),
    },
    actors,
    ...(row.description !== "" ? { description: row.description } : {}),
    source_ids: [options.sourceId],
    external_ids: { hxl: row.event_id },
  };
  if (Object.keys(figures).length === 0) return checkRecords(incident) ?? { incident };
  const counts = FIGURE_FIELDS.filter((f) => figures[f]).map((f) => `${figures[f]?.unknown} ${f}`);
  const claim: Record<string, unknown> = {
    type: "claim",
    id: `${id}-figures`,
    subject: "incident",
    incident_id: id,
    date,
    statement: `The HXL data gives ${counts.join(", ")}`,
    figures,
    source_ids: [options.sourceId],
  };
  return checkRecords(incident, claim) ?? { incident, claim };
}

/** A claim's total for a category when every count in it is a plain number; blank otherwise. */
function totalOf(claim: Record<string, unknown> | undefined, category: string): string {
  const figures = isObject(claim?.figures) ? claim.figures : {};
  const perSide = figures[category];
  if (!isObject(perSide)) return "";
  const counts = Object.values(perSide);
  if (counts.length === 0 || !counts.every((c) => typeof c === "number")) return "";
  return String(counts.reduce((sum: number, c) => sum + (c as number), 0));
}

/**
 * The HXL row for an incident and the claim that carries its figures: `#event+id` is the id the
 * incident came with from HXL, else its Truce id, so that an export re-imported elsewhere and
 * exported again gives the same file. Counts are the claim's totals when every count is a number.
 */
export function recordsToHxlRow(
  incident: Record<string, unknown>,
  claim: Record<string, unknown> | undefined,
): HxlRow {
  const place = isObject(incident.place) ? incident.place : {};
  const date = isObject(incident.date) ? incident.date : {};
  const externalId = isObject(incident.external_ids) ? text(incident.external_ids.hxl) : "";
  const actors = Array.isArray(incident.actors) ? incident.actors.map(text) : [];
  return {
    event_id: externalId || text(incident.id),
    title: text(incident.title),
    kind: text(incident.kind),
    date: text(date.value),
    date_end: date.precision === "range" ? text(date.end) : "",
    place: text(place.name),
    place_precision: text(place.precision),
    admin1: text(place.admin1),
    admin2: text(place.admin2),
    country: text(place.country),
    lat: typeof place.lat === "number" ? String(place.lat) : "",
    lon: typeof place.lon === "number" ? String(place.lon) : "",
    actor_ids: actors.join(";"),
    description: text(incident.description),
    killed: totalOf(claim, "killed"),
    wounded: totalOf(claim, "wounded"),
    captured: totalOf(claim, "captured"),
    missing: totalOf(claim, "missing"),
    actor_names: [],
  };
}

/** Writes HXL rows as CSV: a text header row, the hashtag row, then a line per row. */
export function writeHxlCsv(rows: AsyncIterable<HxlRow>): AsyncGenerator<string> {
  return writeCsvRows(
    [HXL_COLUMNS.map((c) => c.header), HXL_COLUMNS.map((c) => c.tag)],
    (row) => HXL_COLUMNS.map((c) => row[c.field]),
    rows,
  );
}
