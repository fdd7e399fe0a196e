import { readFileSync } from "node:fs";
import { type ImportSummary, importBundle } from "../core/import-records.ts";
import { parseGeoJson } from "../ingest/geojson.ts";
import { parseTruceJson } from "../ingest/truce-json.ts";
import { type Command, chooseOption, requireOption, UsageError } from "./command.ts";
import { progressBar } from "./progress.ts";
import { cliPrincipal, withServices } from "./with-services.ts";

const FORMATS = ["json", "geojson"] as const;
const LATER = ["acled", "ucdp", "hxl", "pax"];

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
    "Import records from a file (json: a Truce export; geojson: features with Truce records)",
  usage: "truce import --format json|geojson --process SLUG [--batch N] FILE|-",
  options: { format: { type: "string" }, process: { type: "string" }, batch: { type: "string" } },
  run: async (values, positionals) => {
    if (LATER.includes(String(values.format))) {
      throw new UsageError(
        `--format ${values.format} is not available yet; this version imports ${FORMATS.join(" and ")}`,
      );
    }
    const format = chooseOption(values, "format", FORMATS);
    const slug = requireOption(values, "process");
    const file = positionals[0];
    if (!file) throw new UsageError("name the FILE to import, or - for standard input");
    const batchSize = values.batch === undefined ? 500 : Number(values.batch);
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new UsageError("--batch is a whole number of records");
    const text = readFileSync(file === "-" ? 0 : file, "utf8");
    const bundle =
      format === "json"
        ? parseTruceJson(text)
        : { process: undefined, records: parseGeoJson(text) };
    return withServices("import", async (services) => {
      const bar = progressBar(`importing into ${slug}`);
      const summary = await importBundle(services, slug, bundle, {
        principal: cliPrincipal(),
        batchSize,
        onProgress: (done, total) => bar.update(done, total),
      });
      bar.finish();
      printImportSummary(summary, file);
      return summary.rejected.length === 0 ? 0 : 1;
    });
  },
};
