import { createReadStream, openSync, readFileSync, statSync } from "node:fs";
import { importAcled } from "../core/import-acled.ts";
import { importHxl } from "../core/import-hxl.ts";
import { importPax } from "../core/import-pax.ts";
import { type ImportSummary, importBundle } from "../core/import-records.ts";
import { importUcdp } from "../core/import-ucdp.ts";
import { readAcledCsv } from "../ingest/acled.ts";
import {
  FORMAT_OPTIONS,
  type FormatOption,
  type FormatOptionName,
  formatsTaking,
  IMPORT_FORMAT_NAMES,
  IMPORT_FORMATS,
  type ImportFormatName,
  isStreamed,
  oneOf,
  optionsFor,
  type StreamedFormatName,
} from "../ingest/formats.ts";
import { parseGeoJson } from "../ingest/geojson.ts";
import { readHxlCsv } from "../ingest/hxl.ts";
import { readPaxCsv } from "../ingest/pax.ts";
import { parseTruceJson } from "../ingest/truce-json.ts";
import { readUcdpCsv } from "../ingest/ucdp.ts";
import { type Command, chooseOption, flagLines, requireOption, UsageError } from "./command.ts";
import { progressBar } from "./progress.ts";
import { cliPrincipal, withServices } from "./with-services.ts";

const OPTIONS = optionsFor("import");

/** `[--pp ID]`, as the usage line shows an option. */
const optionUsage = (name: FormatOptionName) => `[--${name} ${FORMAT_OPTIONS[name].value}]`;

/** `--format json|geojson|...`, the options the formats take, and a line for each (from the registry). */
export function importUsage(): string {
  const formats = IMPORT_FORMATS.map((f) => [`--format ${f.name}`, f.description] as const);
  const options = OPTIONS.map(
    (name) =>
      [
        `--${name} ${FORMAT_OPTIONS[name].value}`,
        `${formatsTaking(name).join(", ")}: ${FORMAT_OPTIONS[name].description}`,
      ] as const,
  );
  const batch = ["--batch N", "records to a transaction (default 1000)"] as const;
  const lines = [...formats, ...options, batch];
  return [
    `truce import --format ${IMPORT_FORMAT_NAMES.join("|")} --process SLUG`,
    `       ${OPTIONS.map(optionUsage).join(" ")} [--batch N] FILE|-`,
    "",
    ...flagLines(lines),
  ].join("\n");
}

/** A value of an option with a pattern (--pp), checked as the import route checks it. */
function checkedValue(values: Record<string, unknown>, name: FormatOptionName): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  const option: FormatOption = FORMAT_OPTIONS[name];
  if (option.pattern && !option.pattern.test(String(value)))
    throw new UsageError(`--${name} "${value}" is not ${option.patternMeaning ?? "valid"}`);
  return String(value);
}

/** "1 row", "6 rows". */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** "3 rows (UA: 2, VE: 1)", "0 rows". */
function countryCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  const byCountry = entries.map(([country, n]) => `${country}: ${n}`).join(", ");
  return `${counted(total, "row")}${entries.length > 0 ? ` (${byCountry})` : ""}`;
}

export function printImportSummary(summary: ImportSummary, what: string): void {
  process.stdout.write(
    `${what}: records read ${summary.read}, created ${summary.created}, updated ${summary.updated}, ` +
      `already present ${summary.unchanged}, rejected ${summary.rejected.length}` +
      // A rejected row never became records; a rejected record came from a row that was read.
      `${summary.rejected.length > 0 ? " (rows and records, below)" : ""}\n`,
  );
  // Only when there are such rows: the API's summary has {} for "the process lists its
  // countries and every row is in one of them".
  if (
    summary.outside_countries !== undefined &&
    Object.keys(summary.outside_countries).length > 0
  ) {
    process.stdout.write(
      `  outside the process's countries: ${countryCounts(summary.outside_countries)} ` +
        "(imported all the same)\n",
    );
  }
  if (summary.unknown_countries !== undefined) {
    process.stdout.write(
      `  with no ISO country code: ${countryCounts(summary.unknown_countries)} ` +
        "(imported without a country)\n",
    );
  }
  if (summary.places_matched !== undefined) {
    process.stdout.write(
      `  places named after the process's own: ${counted(summary.places_matched, "row")}\n`,
    );
  }
  for (const rejection of summary.rejected.slice(0, 20)) {
    process.stderr.write(
      `  rejected ${rejection.at}${rejection.id ? ` (${rejection.id})` : ""}: ${rejection.reason}\n`,
    );
  }
  if (summary.rejected.length > 20)
    process.stderr.write(`  ... and ${summary.rejected.length - 20} more\n`);
}

/** A JSON object of dataset actor names to actor ids, checked before anything is imported. */
function readActorMapping(path: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UsageError(`--actors ${path}: ${(error as Error).message}`);
  }
  const isMapping =
    typeof parsed === "object" &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.values(parsed).every((id) => typeof id === "string");
  if (!isMapping) {
    throw new UsageError(`--actors ${path}: not a JSON object of names to actor ids`);
  }
  return parsed as Record<string, string>;
}

export const importCommand: Command = {
  name: "import",
  summary:
    `Import records from a file: ${oneOf(IMPORT_FORMATS.map((f) => f.label))} ` +
    "(the CSV formats streamed, of any size)",
  usage: importUsage(),
  options: {
    format: { type: "string" },
    process: { type: "string" },
    batch: { type: "string" },
    ...Object.fromEntries(OPTIONS.map((name) => [name, { type: "string" as const }])),
  },
  run: async (values, positionals) => {
    const format = chooseOption(values, "format", IMPORT_FORMAT_NAMES);
    const slug = requireOption(values, "process");
    const file = positionals[0];
    if (!file) throw new UsageError("name the FILE to import, or - for standard input");
    const batchSize = values.batch === undefined ? 1000 : Number(values.batch);
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new UsageError("--batch is a whole number of records");
    }
    const pp = checkedValue(values, "pp");
    // Each batch is one transaction: an interrupted import has written whole batches and
    // nothing of the one in progress, and running it again completes it. Say so on the way out.
    process.once("SIGINT", () => {
      process.stderr.write(
        "\nInterrupted: the batches written so far stay and the one in progress is rolled back; " +
          "run the same import again to complete it (what is already there is left as it is).\n",
      );
      process.exit(130);
    });
    const bar = progressBar(`importing into ${slug}`);
    const onProgress = (done: number, total: number | undefined) => bar.update(done, total);
    const actorMapping = values.actors ? readActorMapping(String(values.actors)) : {};
    if (isStreamed(format)) {
      // Dataset files can hold millions of rows: they are streamed, never read whole. The bar
      // shows how much of the file is read, since the number of rows is not known in advance.
      // Opened here, so a missing file is one clear error before anything is read or written.
      const input =
        file === "-" ? process.stdin : createReadStream("", { fd: openSync(file, "r") });
      const size = file === "-" ? undefined : statSync(file).size;
      const onProgress = (done: number) =>
        "bytesRead" in input ? bar.update(input.bytesRead, size) : bar.update(done, undefined);
      const unknownActors =
        values["unknown-actors"] === undefined
          ? FORMAT_OPTIONS["unknown-actors"].default
          : chooseOption(values, "unknown-actors", FORMAT_OPTIONS["unknown-actors"].choices);
      const options = { principal: cliPrincipal(), batchSize, onProgress, actorMapping };
      return withServices("import", async (services) => {
        if (format === "pax") {
          const peaceProcess = pp === undefined ? {} : { peaceProcess: pp };
          const summary = await importPax(services, slug, readPaxCsv(input), {
            ...options,
            ...peaceProcess,
          });
          bar.finish();
          printImportSummary(summary, `${file} (${counted(summary.rows, "agreement")})`);
          process.stdout.write(
            `  matched to documents the process had (PA-X AgtId): ${summary.matched.join(", ") || "none"}; ` +
              `rows of other peace processes left out: ${summary.otherProcesses}\n`,
          );
          return summary.rejected.length === 0 ? 0 : 1;
        }
        const importers = {
          acled: () => importAcled(services, slug, readAcledCsv(input), options),
          ucdp: () => importUcdp(services, slug, readUcdpCsv(input), { ...options, unknownActors }),
          hxl: () => importHxl(services, slug, readHxlCsv(input), options),
        } satisfies Record<Exclude<StreamedFormatName, "pax">, unknown>;
        const summary = await importers[format]();
        bar.finish();
        printImportSummary(summary, `${file} (${counted(summary.rows, "row")})`);
        return summary.rejected.length === 0 ? 0 : 1;
      });
    }
    const text = readFileSync(file === "-" ? 0 : file, "utf8");
    const parsers = {
      json: () => parseTruceJson(text),
      geojson: () => ({ process: undefined, records: parseGeoJson(text) }),
    } satisfies Record<Exclude<ImportFormatName, StreamedFormatName>, unknown>;
    const bundle = parsers[format]();
    return withServices("import", async (services) => {
      const summary = await importBundle(services, slug, bundle, {
        principal: cliPrincipal(),
        batchSize,
        onProgress,
      });
      bar.finish();
      printImportSummary(summary, file);
      return summary.rejected.length === 0 ? 0 : 1;
    });
  },
};
