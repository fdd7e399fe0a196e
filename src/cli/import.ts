import { createReadStream, readFileSync } from "node:fs";
import { importAcled } from "../core/import-acled.ts";
import { type ImportSummary, importBundle } from "../core/import-records.ts";
import { readAcledCsv } from "../ingest/acled.ts";
import { parseGeoJson } from "../ingest/geojson.ts";
import { parseTruceJson } from "../ingest/truce-json.ts";
import { type Command, chooseOption, requireOption, UsageError } from "./command.ts";
import { progressBar } from "./progress.ts";
import { cliPrincipal, withServices } from "./with-services.ts";

const FORMATS = ["json", "geojson", "acled"] as const;
const LATER = ["ucdp", "hxl", "pax"];

export function printImportSummary(summary: ImportSummary, what: string): void {
  process.stdout.write(
    `${what}: read ${summary.read}, created ${summary.created}, updated ${summary.updated}, ` +
      `already present ${summary.unchanged}, rejected ${summary.rejected.length}\n`,
  );
  for (const rejection of summary.rejected.slice(0, 20)) {
    process.stderr.write(
      `  rejected ${rejection.at}${rejection.id ? ` (${rejection.id})` : ""}: ${rejection.reason}\n`,
    );
  }
  if (summary.rejected.length > 20)
    process.stderr.write(`  ... and ${summary.rejected.length - 20} more\n`);
}

export const importCommand: Command = {
  name: "import",
  summary:
    "Import records from a file (json: a Truce export; geojson: features with Truce records; " +
    "acled: ACLED's CSV, streamed)",
  usage:
    "truce import --format json|geojson|acled --process SLUG [--actors MAP.json] [--batch N] FILE|-",
  options: {
    format: { type: "string" },
    process: { type: "string" },
    batch: { type: "string" },
    actors: { type: "string" },
  },
  run: async (values, positionals) => {
    if (LATER.includes(String(values.format))) {
      throw new UsageError(
        `--format ${values.format} is not available yet; this version imports ${FORMATS.join(", ")}`,
      );
    }
    const format = chooseOption(values, "format", FORMATS);
    const slug = requireOption(values, "process");
    const file = positionals[0];
    if (!file) throw new UsageError("name the FILE to import, or - for standard input");
    const batchSize = values.batch === undefined ? 1000 : Number(values.batch);
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new UsageError("--batch is a whole number of records");
    }
    const bar = progressBar(`importing into ${slug}`);
    const onProgress = (done: number, total: number | undefined) => bar.update(done, total);
    if (format === "acled") {
      // ACLED files can hold millions of rows: they are streamed, never read whole.
      const actorMapping = values.actors
        ? (JSON.parse(readFileSync(String(values.actors), "utf8")) as Record<string, string>)
        : {};
      const input = file === "-" ? process.stdin : createReadStream(file);
      return withServices("import", async (services) => {
        const summary = await importAcled(services, slug, readAcledCsv(input), {
          principal: cliPrincipal(),
          batchSize,
          onProgress,
          actorMapping,
        });
        bar.finish();
        printImportSummary(summary, `${file} (${summary.rows} rows)`);
        return summary.rejected.length === 0 ? 0 : 1;
      });
    }
    const text = readFileSync(file === "-" ? 0 : file, "utf8");
    const bundle =
      format === "json"
        ? parseTruceJson(text)
        : { process: undefined, records: parseGeoJson(text) };
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
