import { describe, expect, it } from "vitest";
import type { KindDefinition } from "../domain/kind.ts";
import { kindByType } from "../domain/kinds/index.ts";
import { parseRecordInput } from "../domain/record-input.ts";
import {
  readUcdpCsv,
  recordsToUcdpRow,
  UCDP_COLUMNS,
  type UcdpMapOptions,
  type UcdpRow,
  ucdpRowToRecords,
  writeUcdpCsv,
} from "./ucdp.ts";

// Every row below is invented for these tests; the places are real so the country codes matter.
function ucdpRow(values: Partial<UcdpRow>): UcdpRow {
  const base: UcdpRow = {
    id: "990001",
    relid: "ARM-2024-1-990-1",
    year: "2024",
    active_year: "1",
    code_status: "Clear",
    type_of_violence: "1",
    conflict_dset_id: "388",
    conflict_new_id: "388",
    conflict_name: "Azerbaijan: Government (fixture)",
    dyad_dset_id: "990",
    dyad_new_id: "990",
    dyad_name: "Government of Armenia - Government of Azerbaijan",
    side_a_dset_id: "371",
    side_a_new_id: "117",
    side_a: "Government of Armenia",
    side_b_dset_id: "373",
    side_b_new_id: "118",
    side_b: "Government of Azerbaijan",
    number_of_sources: "2",
    source_article: "Fixture Wire,2024-03-14; Example Daily,2024-03-15",
    source_office: "",
    source_date: "2024-03-14",
    source_headline: "Invented: exchange of fire reported near Tegh",
    source_original: "Ministry of Defence (fixture)",
    where_prec: "1",
    where_coordinates: "Tegh village",
    where_description: "Invented: near the village of Tegh",
    adm_1: "Syunik province",
    adm_2: "Goris district",
    latitude: "39.5612",
    longitude: "46.481",
    geom_wkt: "POINT (46.481 39.5612)",
    priogrid_gid: "186933",
    country: "Armenia",
    country_id: "371",
    region: "Europe",
    event_clarity: "1",
    date_prec: "1",
    date_start: "2024-03-14",
    date_end: "2024-03-14",
    deaths_a: "1",
    deaths_b: "2",
    deaths_civilians: "0",
    deaths_unknown: "1",
    best: "4",
    high: "6",
    low: "3",
    gwnoa: "371",
    gwnob: "373",
  };
  return { ...base, ...values };
}

const ROW_CLASH = ucdpRow({});
const ROW_WEEK = ucdpRow({
  id: "990002",
  where_prec: "4",
  where_coordinates: "Tavush province",
  adm_2: "",
  adm_1: "Tavush province",
  latitude: "40.9000",
  longitude: "45.1000",
  geom_wkt: "POINT (45.1 40.9)",
  date_prec: "2",
  date_start: "2024-04-01",
  date_end: "2024-04-05",
  deaths_a: "0",
  deaths_b: "0",
  deaths_unknown: "2",
  best: "2",
  low: "2",
  high: "2",
  source_headline: 'Invented: "heavy fire", two dead, across\ntwo lines',
});
const ROW_ONE_SIDED = ucdpRow({
  id: "990003",
  type_of_violence: "3",
  side_a: "Government of Azerbaijan",
  side_a_new_id: "118",
  side_b: "Civilians",
  side_b_new_id: "1",
  side_b_dset_id: "1",
  where_prec: "6",
  where_coordinates: "Azerbaijan",
  adm_1: "",
  adm_2: "",
  country: "Azerbaijan",
  country_id: "373",
  latitude: "40.5",
  longitude: "47.5",
  geom_wkt: "POINT (47.5 40.5)",
  date_prec: "3",
  date_start: "2024-05-01 00:00:00.000",
  date_end: "2024-05-31 00:00:00.000",
  deaths_a: "0",
  deaths_b: "0",
  deaths_civilians: "1",
  deaths_unknown: "0",
  best: "1",
  low: "1",
  high: "1",
});

function csvLine(row: UcdpRow): string {
  return UCDP_COLUMNS.map((c) => {
    const value = row[c];
    return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  }).join(",");
}

const HEADER = UCDP_COLUMNS.join(",");
const FILE = [HEADER, csvLine(ROW_CLASH), csvLine(ROW_WEEK), csvLine(ROW_ONE_SIDED), ""].join("\n");

const ACTORS: Record<string, string> = {
  "Government of Armenia": "ARM",
  "Government of Azerbaijan": "AZE",
};
const OPTIONS: UcdpMapOptions = {
  sourceId: "src-ucdp-ged",
  actorFor: (name) => ACTORS[name],
  unknownActors: "reject",
};

async function* chunks(text: string, size = 4096): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, "utf8");
  for (let start = 0; start < bytes.length; start += size) {
    yield bytes.subarray(start, start + size);
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

async function readRows(text: string, size?: number): Promise<UcdpRow[]> {
  const results = await collect(readUcdpCsv(chunks(text, size)));
  expect(results.filter((r) => r.error !== undefined)).toEqual([]);
  return results.map((r) => r.row as UcdpRow);
}

function kind(type: string): KindDefinition {
  const found = kindByType(type);
  if (!found) throw new Error(`no kind ${type}`);
  return found;
}

function mapValid(row: UcdpRow, options = OPTIONS) {
  const mapped = ucdpRowToRecords(row, options);
  if ("error" in mapped) throw new Error(`unexpected mapping error: ${mapped.error}`);
  parseRecordInput(kind("incident"), mapped.incident);
  parseRecordInput(kind("claim"), mapped.claim);
  return mapped;
}

function errorOf(row: UcdpRow, options = OPTIONS): string | undefined {
  const mapped = ucdpRowToRecords(row, options);
  return "error" in mapped ? mapped.error : undefined;
}

describe("readUcdpCsv", () => {
  it("reads a file with a header, giving the line where each row starts", async () => {
    const results = await collect(readUcdpCsv(chunks(FILE)));
    expect(results.map((r) => [r.line, r.row?.id, r.error])).toEqual([
      [2, "990001", undefined],
      [3, "990002", undefined],
      [5, "990003", undefined],
    ]);
  });

  it("reads a release without a header row by its 49 columns", async () => {
    const headerless = FILE.split("\n").slice(1).join("\n");
    expect(await readRows(headerless)).toEqual(await readRows(FILE));
    const results = await collect(readUcdpCsv(chunks(headerless)));
    expect(results[0]?.line).toBe(1);
  });

  it("accepts a byte-order mark and CRLF line ends, and any chunk size", async () => {
    const crlf = `\uFEFF${FILE.replaceAll("\n", "\r\n")}`;
    const rows = await readRows(crlf, 7);
    expect(rows.map((r) => r.id)).toEqual(["990001", "990002", "990003"]);
    expect(rows[1]?.source_headline).toBe('Invented: "heavy fire", two dead, across\r\ntwo lines');
    expect((await collect(readUcdpCsv(chunks(crlf, 1)))).map((r) => r.line)).toEqual([2, 3, 5]);
  });

  it("refuses a first row that is neither a header nor 49 fields", async () => {
    const results = await collect(readUcdpCsv(chunks("a,b,c\n1,2,3\n")));
    expect(results).toEqual([{ line: 1, error: expect.stringContaining("not a UCDP GED file") }]);
    const missing = await collect(readUcdpCsv(chunks("id,date_start\n1,2\n")));
    expect(missing[0]?.error).toContain("the header lacks the columns type_of_violence");
  });

  it("reports a row with the wrong number of fields, a cut last line, and goes on", async () => {
    const cut = csvLine(ROW_CLASH).split(",").slice(0, 10).join(",");
    const file = [HEADER, "1,2,3", csvLine(ROW_CLASH), cut].join("\n");
    const results = await collect(readUcdpCsv(chunks(file)));
    expect(results.map((r) => [r.line, r.row?.id, r.error])).toEqual([
      [2, undefined, "expected 49 fields as in the header, found 3"],
      [3, "990001", undefined],
      [
        4,
        undefined,
        "the file ends in the middle of this row: expected 49 fields as in the header, found 10",
      ],
    ]);
  });

  it("turns a 10,000-column line into one error instead of building it", async () => {
    const wide = [HEADER, ",".repeat(9_999), csvLine(ROW_CLASH)].join("\n");
    const results = await collect(readUcdpCsv(chunks(wide)));
    expect(results).toEqual([
      { line: 2, error: "the row has more than 200 fields; reading stops here" },
    ]);
  });

  it("reports an empty file", async () => {
    expect(await collect(readUcdpCsv(chunks("")))).toEqual([
      { line: 1, error: "the file is empty: it has no rows" },
    ]);
  });
});

describe("ucdpRowToRecords", () => {
  it("maps an event to an incident and one claim with deaths per side and low/best/high", () => {
    const { incident, claim, actors } = mapValid(ROW_CLASH);
    expect(actors).toEqual([]);
    expect(incident).toMatchObject({
      id: "ucdp-990001",
      kind: "armed_clash",
      title: "State-based violence in Tegh village",
      date: { value: "2024-03-14", precision: "day" },
      place: {
        name: "Tegh village",
        precision: "settlement",
        lat: 39.5612,
        lon: 46.481,
        admin1: "Syunik province",
        admin2: "Goris district",
        country: "AM",
      },
      actors: ["ARM", "AZE"],
      source_ids: ["src-ucdp-ged"],
      external_ids: { ucdp: "990001" },
    });
    expect(claim).toMatchObject({
      id: "ucdp-990001-fatalities",
      incident_id: "ucdp-990001",
      figures: { killed: { ARM: 1, AZE: 2, civilians: 0, unknown: 1 } },
      totals: { killed: { low: 3, best: 4, high: 6 } },
      source_ids: ["src-ucdp-ged"],
    });
  });

  it("maps date_prec spans to ranges and where_prec to place precision", () => {
    const week = mapValid(ROW_WEEK).incident;
    expect(week.date).toEqual({ value: "2024-04-01", precision: "range", end: "2024-04-05" });
    expect(week.place).toMatchObject({ precision: "region", name: "Tavush province" });
    const month = mapValid(ROW_ONE_SIDED);
    expect(month.incident.date).toEqual({
      value: "2024-05-01",
      precision: "range",
      end: "2024-05-31",
    });
    expect(month.incident).toMatchObject({ kind: "other", actors: ["AZE"] });
    expect(month.incident.place).toMatchObject({ precision: "country", country: "AZ" });
    expect(month.claim.figures).toEqual({ killed: { AZE: 0, civilians: 1, unknown: 0 } });
    const precisions = ["1", "2", "3", "4", "5", "6", "7"].map(
      (p) =>
        (mapValid(ucdpRow({ where_prec: p })).incident.place as { precision: string }).precision,
    );
    expect(precisions).toEqual([
      "settlement",
      "district",
      "district",
      "region",
      "region",
      "country",
      "country",
    ]);
  });

  it("rejects an unknown side unless asked to make an actor for it", () => {
    const row = ucdpRow({ side_b: "Republic of Artsakh (fixture)", side_b_new_id: "4711" });
    expect(errorOf(row)).toContain(
      'side_b: "Republic of Artsakh (fixture)" is not an actor of the process',
    );
    const made = mapValid(row, { ...OPTIONS, unknownActors: "create" });
    expect(made.actors).toEqual([
      {
        type: "actor",
        id: "ucdp-actor-4711",
        name: "Republic of Artsakh (fixture)",
        roles: ["armed_group"],
      },
    ]);
    expect(made.claim.figures).toMatchObject({ killed: { ARM: 1, "ucdp-actor-4711": 2 } });
  });

  it("names the column and quotes the value it cannot take", () => {
    expect(errorOf(ucdpRow({ date_start: "2024-02-30" }))).toBe(
      'date_start: "2024-02-30" is not a day (YYYY-MM-DD)',
    );
    expect(errorOf(ucdpRow({ date_end: "2024-03-01" }))).toBe(
      'date_end: "2024-03-01" is before date_start 2024-03-14',
    );
    expect(errorOf(ucdpRow({ latitude: "95.2" }))).toBe(
      'latitude: "95.2" is not between -90 and 90',
    );
    expect(errorOf(ucdpRow({ where_prec: "9" }))).toBe(
      'where_prec: "9" is not 1, 2, 3, 4, 5, 6 or 7',
    );
    expect(errorOf(ucdpRow({ date_prec: "0" }))).toBe('date_prec: "0" is not 1, 2, 3, 4 or 5');
    expect(errorOf(ucdpRow({ best: "-1" }))).toBe('best: "-1" is not a whole number of 0 or more');
    expect(errorOf(ucdpRow({ best: "9" }))).toBe('best: "9" is not between low (3) and high (6)');
    expect(errorOf(ucdpRow({ type_of_violence: "4" }))).toBe(
      'type_of_violence: "4" is not 1, 2 or 3',
    );
    expect(errorOf(ucdpRow({ id: "" }))).toContain('id: "" is not');
  });
});

describe("recordsToUcdpRow and writeUcdpCsv", () => {
  it("round-trips a UCDP file: file, records, rows, CSV text equal to the input", async () => {
    const rows = await readRows(FILE);
    const back = rows.map((row) => {
      const mapped = mapValid(row);
      const stored = (record: Record<string, unknown>, type: string) => ({
        ...parseRecordInput(kind(type), record).body,
        id: record.id,
        type,
      });
      return recordsToUcdpRow(stored(mapped.incident, "incident"), stored(mapped.claim, "claim"));
    });
    expect(back).toEqual(rows);
    expect((await collect(writeUcdpCsv(each(back)))).join("")).toBe(FILE);
  });

  it("fills the dates, place and deaths of an incident made in Truce", () => {
    const row = recordsToUcdpRow(
      {
        title: "Shelling near Sotk",
        kind: "shelling",
        date: { value: "2021-11", precision: "month" },
        place: { name: "Sotk", precision: "settlement", lat: 40.2, lon: 45.9, country: "AM" },
        actors: ["AZE", "ARM"],
      },
      { figures: { killed: { AZE: 0, ARM: 2 } }, totals: { killed: { low: 2, best: 2, high: 3 } } },
    );
    expect(row).toMatchObject({
      id: "",
      date_start: "2021-11-01",
      date_end: "2021-11-30",
      date_prec: "3",
      where_prec: "1",
      where_coordinates: "Sotk",
      country_id: "371",
      deaths_a: "0",
      deaths_b: "2",
      low: "2",
      best: "2",
      high: "3",
      type_of_violence: "",
    });
  });
});
