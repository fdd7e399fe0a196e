import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { exportIncidentsWithClaims } from "../core/export-incident-rows.ts";
import { exportRecords } from "../core/export-records.ts";
import { requireProcess } from "../core/require-process.ts";
import { OPERATOR } from "../domain/access.ts";
import { kindByPath, kindByType } from "../domain/kinds/index.ts";
import { recordsToAcledRow, writeAcledCsv } from "../ingest/acled.ts";
import { writeGeoJson } from "../ingest/geojson.ts";
import { recordsToHxlRow, writeHxlCsv } from "../ingest/hxl.ts";
import { writeRecordsCsv } from "../ingest/records-csv.ts";
import { writeTruceJson } from "../ingest/truce-json.ts";
import { recordsToUcdpRow, writeUcdpCsv } from "../ingest/ucdp.ts";
import { type Command, chooseOption, requireOption, UsageError } from "./command.ts";
import { withServices } from "./with-services.ts";

const FORMATS = ["json", "csv", "geojson", "acled", "ucdp", "hxl"] as const;

/** A process's incidents as rows of a dataset's CSV, each with its dataset claim's figures. */
async function* datasetRows<Row>(
  rows: AsyncIterable<{
    incident: Record<string, unknown>;
    claim?: Record<string, unknown> | undefined;
  }>,
  toRow: (incident: Record<string, unknown>, claim: Record<string, unknown> | undefined) => Row,
): AsyncGenerator<Row> {
  for await (const { incident, claim } of rows) yield toRow(incident, claim);
}

export const exportCommand: Command = {
  name: "export",
  summary:
    "Export a process's records (json: everything, re-importable; geojson: mapped records; csv: " +
    "one kind; acled, ucdp, hxl: incidents as ACLED, UCDP GED or HXL-tagged rows)",
  usage:
    "truce export --format json|csv|geojson|acled|ucdp|hxl --process SLUG [--kind incident] [--out FILE]",
  options: {
    format: { type: "string" },
    process: { type: "string" },
    out: { type: "string" },
    kind: { type: "string" },
  },
  run: async (values) => {
    const format = chooseOption(values, "format", FORMATS);
    const slug = requireOption(values, "process");
    const kindName = (values.kind as string | undefined) ?? "incident";
    const kind = kindByType(kindName) ?? kindByPath(kindName);
    if (format === "csv" && !kind)
      throw new UsageError(`--kind "${kindName}" is not a kind of record`);
    return withServices("export", async (services) => {
      const process = await requireProcess(services, slug);
      const chunks =
        format === "acled"
          ? writeAcledCsv(
              datasetRows(exportIncidentsWithClaims(services, slug, OPERATOR), recordsToAcledRow),
            )
          : format === "ucdp"
            ? writeUcdpCsv(
                datasetRows(exportIncidentsWithClaims(services, slug, OPERATOR), recordsToUcdpRow),
              )
            : format === "hxl"
              ? writeHxlCsv(
                  datasetRows(exportIncidentsWithClaims(services, slug, OPERATOR), recordsToHxlRow),
                )
              : format === "json"
                ? writeTruceJson(
                    process.body,
                    exportRecords(services, slug, OPERATOR),
                    services.now().toISOString(),
                  )
                : format === "geojson"
                  ? writeGeoJson(exportRecords(services, slug, OPERATOR))
                  : writeRecordsCsv(
                      kind as NonNullable<typeof kind>,
                      exportRecords(services, slug, OPERATOR, [kind?.type ?? ""]),
                    );
      const out =
        typeof values.out === "string" ? createWriteStream(values.out) : globalThis.process.stdout;
      await pipeline(Readable.from(chunks), out, { end: typeof values.out === "string" });
      return 0;
    });
  },
};
