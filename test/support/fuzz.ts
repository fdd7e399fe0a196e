import fc from "fast-check";
import { ACLED_COLUMNS } from "../../src/ingest/acled.ts";
import { HXL_COLUMNS } from "../../src/ingest/hxl.ts";
import { UCDP_COLUMNS } from "../../src/ingest/ucdp.ts";

/**
 * Values that have broken parsers, calendars and databases: NUL (PostgreSQL refuses it in text and
 * jsonb), lone surrogates (not Unicode: jsonb refuses their escapes), percent signs, impossible
 * dates and offsets, boxes, numbers written as text, names JavaScript treats specially.
 */
export const NASTY_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDFFFy",
  "\uDBFF\uDFFF",
  "%00",
  "%",
  "%zz",
  "%E0%A4%A",
  "%C0%80",
  "%ED%A0%80",
  "\uFEFF",
  "\u202E",
  "\u2028",
  "😀",
  "\\",
  '"',
  "'",
  "<script>",
  "' OR 1=1 --",
  "null",
  "NaN",
  "Infinity",
  "-0",
  "1e308",
  "-1",
  "0x10",
  "__proto__",
  "constructor",
  "a".repeat(100_000),
  "é".repeat(50_000),
  "😀".repeat(30_000),
  "2021-13-45",
  "2021-02-30",
  "2021-00",
  "0000",
  "0999",
  "9999",
  "9999-12",
  "9999-12-31",
  "1000-01-01",
  "2021-11-10T10:00:00+25:00",
  "2021-11-10T10:00:00+23:59",
  "2021-11-10T10:00:00-14:01",
  "2021-11-10T10:00:00+14:00",
  "2021-11-10T24:00:00Z",
  "2021-11-10T10:00:60Z",
  "2021-11-10T10:00:00",
  "9999-12-31T23:59:59-14:00",
  "1000-01-01T00:00:00+14:00",
  "+002021-11-10",
  "2021-W45",
  "0,0,0,0",
  "-180,-90,180,90",
  "181,0,0,0",
  "1e308,1e308,1e308,1e308",
  "NaN,NaN,NaN,NaN",
  "1,2,3",
  ",,,",
];

/** Strings: the nasty ones, arbitrary code points (lone surrogates included), and mixes of both. */
export const fuzzString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 6 }), fc.constantFrom(...NASTY_STRINGS.slice(0, 20)))
      .map(([a, b]) => `${a}${b}`),
  },
);

/** Numbers JSON can carry: huge, tiny, negative zero, past the safe integers, fractions. */
export const fuzzNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    1e308,
    -1e308,
    5e-324,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53 + 2,
    1.5,
    91,
    181,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** A fuzzy date, usually of a precision that does not fit or a value that is no date. */
export const fuzzDate: fc.Arbitrary<unknown> = fc.record(
  {
    value: fc.oneof(fuzzString, fuzzNumber),
    precision: fc.constantFrom("time", "day", "month", "year", "range", "week", ""),
    end: fc.oneof(fuzzString, fc.constant(null)),
  },
  { requiredKeys: ["value", "precision"] },
);

/** Any JSON value, with the nasty strings and numbers and nesting a little deep. */
export const fuzzJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 6, arbitrary: fuzzString },
    { weight: 3, arbitrary: fuzzNumber },
    { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}) },
    { weight: 1, arbitrary: fuzzDate },
    { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fuzzString, tie("value"), { maxKeys: 4 }) },
  ),
})).value;

/** JSON text nested `depth` deep: arrays, objects, or both in turn. */
export function deeplyNested(depth: number, shape: "array" | "object" | "mixed"): string {
  if (shape === "array") return `${"[".repeat(depth)}${"]".repeat(depth)}`;
  if (shape === "object") return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
  return `${'[{"a":'.repeat(depth)}null${"}]".repeat(depth)}`;
}

/** Nesting a few, a thousand or a hundred thousand deep (the last rarely: it is slow to parse). */
export const fuzzDeepJson: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(50, 50, 1000, 1000, 100_000),
    fc.constantFrom("array", "object", "mixed") as fc.Arbitrary<"array" | "object" | "mixed">,
  )
  .map(([depth, shape]) => deeplyNested(depth, shape));

/**
 * Percent-encodes every character of a URL component, lone surrogates too (as the three bytes a
 * careless encoder writes for them, which are not UTF-8): encodeURIComponent would throw on them.
 */
export function encodeLoosely(value: string): string {
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      out +=
        `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    } else out += encodeURIComponent(char);
  }
  return out;
}

/** A URL component: encoded properly, or raw percent sequences that are not (%00, %, %ED%A0%80). */
export const fuzzUrlComponent: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fuzzString.map(encodeLoosely) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "%00",
      "a%00b",
      "%",
      "%zz",
      "%E0%A4%A",
      "%C0%80",
      "%ED%A0%80",
      "%FF%FE",
      "..",
      "%2E%2E",
      "%2F",
      "a%2Fb",
      "%5C",
      "%0D%0A",
      "%20",
      "+",
    ),
  },
);

/** A CSV cell: quoted when it has to be, so the fuzz reaches the row's fields. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

// Invented rows in each dataset's columns; places are real, events and sources are not.
const ACLED_ROW =
  "ARM91001,2024-03-14,2024,1,Political violence,Battles,Armed clash," +
  "Armenia,,1,Azerbaijan,,1,11,,51,Caucasus and Central Asia,Armenia,Syunik,Goris,,Tegh," +
  "39.5612,46.4810,1,Fixture Wire,National,Invented: an exchange of fire near Tegh.,2,,1710500000";

const UCDP_VALUES: Record<string, string> = {
  id: "990001",
  relid: "ARM-2024-1-990-990001",
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
  number_of_sources: "1",
  source_article: "Fixture Wire",
  source_date: "2024-03-14",
  source_headline: "Invented headline",
  source_original: "Ministry (fixture)",
  where_prec: "1",
  where_coordinates: "Tegh village",
  where_description: "Invented",
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

const HXL_ROW =
  "h-1,Shelling near Sotk,shelling,2021-11-16,,Sotk,settlement,Gegharkunik,,AM,40.2167,45.9667,AZE,Invented.,1,2,,";

const PAX_HEADER =
  "Con,PP,PPName,AgtId,Agt,Dat,Status,Stage,StageSub,Part,ThrdPart,Interim,Ce,StBor";
const PAX_ROW =
  "Fixtureland,9001,Fixture process,77001,Invented ceasefire statement,05/03/2024,Multiparty signed/agreed,Cea,Ceas,Prime Minister of Armenia,,No,3,2";

/** Each CSV dataset: its header lines and one good row, as cells. */
export const CSV_FORMATS = {
  acled: { header: [ACLED_COLUMNS.join(",")], row: ACLED_ROW.split(",") },
  ucdp: { header: [UCDP_COLUMNS.join(",")], row: UCDP_COLUMNS.map((c) => UCDP_VALUES[c] ?? "") },
  hxl: {
    header: [HXL_COLUMNS.map((c) => c.header).join(","), HXL_COLUMNS.map((c) => c.tag).join(",")],
    row: HXL_ROW.split(","),
  },
  pax: { header: [PAX_HEADER], row: PAX_ROW.split(",") },
} as const;
export type CsvFormat = keyof typeof CSV_FORMATS;

/**
 * A CSV file of a dataset: its header and a few rows, each the good row with some cells replaced
 * by fuzz (and its id made unique, so rows are new records), or whole text that is no CSV at all.
 */
export function fuzzCsv(format: CsvFormat): fc.Arbitrary<string> {
  const { header, row } = CSV_FORMATS[format];
  const fuzzedRow = fc
    .tuple(
      fc.array(fc.tuple(fc.nat(row.length - 1), fuzzString), { minLength: 0, maxLength: 3 }),
      fc.nat(1_000_000),
    )
    .map(([changes, n]) => {
      const cells = row.map((cell) => cell);
      // The first column is the row's id in every format but PA-X (AgtId, fourth).
      const idAt = format === "pax" ? 3 : 0;
      cells[idAt] = `${cells[idAt]}${n}`;
      for (const [at, value] of changes) cells[at] = value;
      return cells.map(csvCell).join(",");
    });
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.array(fuzzedRow, { minLength: 1, maxLength: 4 }), fc.constantFrom("\n", "\r\n"))
        .map(([rows, end]) => [...header, ...rows, ""].join(end)),
    },
    { weight: 1, arbitrary: fuzzString },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.array(fuzzString, { maxLength: 5 }), { maxLength: 4 })
        .map((rows) =>
          [...header, ...rows.map((cells) => cells.map(csvCell).join(","))].join("\n"),
        ),
    },
  );
}
