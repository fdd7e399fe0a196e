/**
 * Every file format Truce reads or writes, in one list. `truce import` and `truce export` take their
 * `--format` values, options and help from it; `POST /api/processes/{slug}/imports` its formats,
 * content types, `pp` check and OpenAPI text; `docs/formats.md` its table ("Formats at a glance",
 * written by `scripts/formats-doc.mjs`). A new format is an entry here plus its parser or writer
 * module in this folder, and the importer or writer each consumer calls (its tables are keyed by
 * format, so the compiler names what is missing).
 *
 * Pure data and types, and imports nothing: the web app's import panel could read it as it is.
 */

/** An option a format takes beyond the command's own (`--process`, `--batch`, `--as`, `--out`). */
export type FormatOption = {
  /** The flag's value as usage shows it: `--pp ID`. */
  value: string;
  /** Read by `truce import` or by `truce export`. */
  direction: "import" | "export";
  /** One line, for `--help` and the docs. */
  description: string;
  /** The values it takes, when it takes a fixed set. */
  choices?: readonly string[];
  /** What the option is when not given. */
  default?: string;
  /** What a value must look like; the CLI and the import route check it alike. */
  pattern?: RegExp;
  /** Why a value that does not match is refused: "a PA-X peace process id". */
  patternMeaning?: string;
  /** The import route's query parameter for it; without one, the API does not take the option. */
  query?: string;
};

export const FORMAT_OPTIONS = {
  actors: {
    value: "MAP.json",
    direction: "import",
    description:
      "a JSON object of the file's actor names to the process's actor ids, tried before the actors' own names",
  },
  "unknown-actors": {
    value: "reject|create",
    direction: "import",
    description: "a side no actor matches rejects its row, or (create) becomes an actor of its own",
    choices: ["reject", "create"],
    default: "reject",
  },
  pp: {
    value: "ID",
    direction: "import",
    description: "only the agreements of this PA-X peace process (PP), e.g. 161",
    pattern: /^[0-9A-Za-z_-]{1,40}$/,
    patternMeaning: "a PA-X peace process id",
    query: "pp",
  },
  kind: {
    value: "KIND",
    direction: "export",
    description: "the kind of record to write: its type (claim) or its path (claims)",
    default: "incident",
  },
  since: {
    value: "N",
    direction: "export",
    description:
      "include a consistency proof from tree size N (where an earlier bundle ended) to now",
  },
} as const satisfies Record<string, FormatOption>;

export type FormatOptionName = keyof typeof FORMAT_OPTIONS;

export type FileFormat = {
  /** The value of `--format` and of the import route's `format`. */
  name: string;
  /** What people call it: "UCDP GED". */
  label: string;
  /** One line: what a file of it holds, and what Truce makes of it or writes into it. */
  description: string;
  imports: boolean;
  exports: boolean;
  /** How an import reads a file: streamed row by row (any size), or whole (JSON is parsed at once). */
  reading?: "streamed" | "whole";
  /** Media types of its files, the one Truce writes first; the import route takes all of them. */
  mediaTypes: readonly string[];
  /** File name extensions, the one Truce writes first. */
  extensions: readonly string[];
  /** The options it takes (`FORMAT_OPTIONS`), on import or export as each option says. */
  options: readonly FormatOptionName[];
  /** The format's own definition, where it has one outside Truce. */
  spec?: { title: string; url: string };
  /** Its section in docs/formats.md (the heading's anchor, as GitHub makes it). */
  docs: string;
};

/** A CSV file: what Truce writes, and what tools that do not know CSV label it as. */
const CSV_TYPES = ["text/csv", "text/plain"] as const;

export const FORMATS = [
  {
    name: "json",
    label: "Truce JSON",
    description:
      "a process and all its records (or a plain array of records), re-imported without loss",
    imports: true,
    exports: true,
    reading: "whole",
    mediaTypes: ["application/json"],
    extensions: [".json"],
    options: [],
    docs: "truce-json---format-json",
  },
  {
    name: "csv",
    label: "CSV",
    description:
      "one kind of record per file, its fields as columns (nested values as JSON), for spreadsheets",
    imports: false,
    exports: true,
    mediaTypes: ["text/csv"],
    extensions: [".csv"],
    options: ["kind"],
    spec: { title: "RFC 4180", url: "https://www.rfc-editor.org/rfc/rfc4180" },
    docs: "csv---format-csv---kind-k",
  },
  {
    name: "geojson",
    label: "GeoJSON",
    description:
      "a FeatureCollection of the records that have a location, each whole in its properties",
    imports: true,
    exports: true,
    reading: "whole",
    mediaTypes: ["application/geo+json", "application/json"],
    extensions: [".geojson", ".json"],
    options: [],
    spec: { title: "RFC 7946", url: "https://www.rfc-editor.org/rfc/rfc7946" },
    docs: "geojson---format-geojson",
  },
  {
    name: "acled",
    label: "ACLED",
    description: "ACLED's event CSV: an incident and a claim of its fatalities per row",
    imports: true,
    exports: true,
    reading: "streamed",
    mediaTypes: CSV_TYPES,
    extensions: [".csv"],
    options: ["actors"],
    spec: { title: "acleddata.com", url: "https://acleddata.com/" },
    docs: "acled---format-acled",
  },
  {
    name: "ucdp",
    label: "UCDP GED",
    description:
      "UCDP's Georeferenced Event Dataset CSV: an incident and a claim of its deaths (low, best, high) per row",
    imports: true,
    exports: true,
    reading: "streamed",
    mediaTypes: CSV_TYPES,
    extensions: [".csv"],
    options: ["actors", "unknown-actors"],
    spec: { title: "UCDP downloads (GED codebook)", url: "https://ucdp.uu.se/downloads/" },
    docs: "ucdp-ged---format-ucdp",
  },
  {
    name: "hxl",
    label: "HXL",
    description:
      "HXL-tagged CSV of events: an incident per row, and a claim of its figures where it has some",
    imports: true,
    exports: true,
    reading: "streamed",
    mediaTypes: CSV_TYPES,
    extensions: [".csv"],
    options: ["actors"],
    spec: { title: "HXL Standard 1.1", url: "https://hxlstandard.org/standard/1-1final/" },
    docs: "hxl---format-hxl",
  },
  {
    name: "pax",
    label: "PA-X",
    description: "the PA-X Peace Agreements Database CSV: each agreement a document",
    imports: true,
    exports: false,
    reading: "streamed",
    mediaTypes: CSV_TYPES,
    extensions: [".csv"],
    options: ["actors", "pp"],
    spec: { title: "peaceagreements.org", url: "https://www.peaceagreements.org/" },
    docs: "pa-x---format-pax-import-only",
  },
  {
    name: "bundle",
    label: "an offline bundle",
    description:
      "the records with every ledger entry, signed head and co-signature, for truce verify --bundle",
    imports: false,
    exports: true,
    mediaTypes: ["application/json"],
    extensions: [".json"],
    options: ["since"],
    docs: "offline-bundle---format-bundle-export-only-truce-verify---bundle",
  },
] as const satisfies readonly FileFormat[];

type Formats = (typeof FORMATS)[number];
export type FormatName = Formats["name"];
export type ImportFormat = Extract<Formats, { imports: true }>;
export type ExportFormat = Extract<Formats, { exports: true }>;
export type ImportFormatName = ImportFormat["name"];
export type ExportFormatName = ExportFormat["name"];
/** Import formats read row by row as the file arrives (CSV). */
export type StreamedFormatName = Extract<ImportFormat, { reading: "streamed" }>["name"];

export const IMPORT_FORMATS: readonly ImportFormat[] = FORMATS.filter(
  (f): f is ImportFormat => f.imports,
);
export const EXPORT_FORMATS: readonly ExportFormat[] = FORMATS.filter(
  (f): f is ExportFormat => f.exports,
);

/** The `--format` values `truce import` and the import route take, in the registry's order. */
export const IMPORT_FORMAT_NAMES = IMPORT_FORMATS.map((f) => f.name) as [
  ImportFormatName,
  ...ImportFormatName[],
];
/** The `--format` values `truce export` takes. */
export const EXPORT_FORMAT_NAMES = EXPORT_FORMATS.map((f) => f.name) as [
  ExportFormatName,
  ...ExportFormatName[],
];

export function isStreamed(name: ImportFormatName): name is StreamedFormatName {
  return IMPORT_FORMATS.some((f) => f.name === name && f.reading === "streamed");
}

/** For a file sent without knowing its type: the import route takes it for any format. */
export const ANY_FILE_MEDIA_TYPE = "application/octet-stream";

/**
 * The content types the import route reads: every import format's, the streamed (CSV) formats'
 * first, then any file.
 */
export const IMPORT_MEDIA_TYPES: readonly string[] = [
  ...new Set([
    ...IMPORT_FORMATS.filter((f) => f.reading === "streamed").flatMap((f) => f.mediaTypes),
    ...IMPORT_FORMATS.filter((f) => f.reading !== "streamed").flatMap((f) => f.mediaTypes),
    ANY_FILE_MEDIA_TYPE,
  ]),
];

/** The options a direction's formats take, each once, in `FORMAT_OPTIONS`' order. */
export function optionsFor(direction: "import" | "export"): FormatOptionName[] {
  const used = new Set<string>(
    FORMATS.filter((f) => (direction === "import" ? f.imports : f.exports)).flatMap(
      (f) => f.options,
    ),
  );
  return (Object.keys(FORMAT_OPTIONS) as FormatOptionName[]).filter(
    (name) => used.has(name) && FORMAT_OPTIONS[name].direction === direction,
  );
}

/** The formats of a direction that take an option: ["acled", "ucdp", "hxl", "pax"]. */
export function formatsTaking(option: FormatOptionName): FormatName[] {
  return FORMATS.filter((f) => (f.options as readonly string[]).includes(option)).map(
    (f) => f.name,
  );
}

/** "a, b or c". */
export function oneOf(items: readonly string[]): string {
  return items.length < 2
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}
