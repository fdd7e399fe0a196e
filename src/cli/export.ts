import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { exportBundle } from "../core/export-bundle.ts";
import { exportIncidentsWithClaims } from "../core/export-incident-rows.ts";
import { exportRecords } from "../core/export-records.ts";
import { requireProcess } from "../core/require-process.ts";
import { OPERATOR, parseViewer } from "../domain/access.ts";
import { KINDS, kindByPath, kindByType } from "../domain/kinds/index.ts";
import { recordsToAcledRow, writeAcledCsv } from "../ingest/acled.ts";
import {
  EXPORT_FORMAT_NAMES,
  EXPORT_FORMATS,
  type ExportFormatName,
  FORMAT_OPTIONS,
  type FormatOption,
  formatsTaking,
  oneOf,
  optionsFor,
} from "../ingest/formats.ts";
import { writeGeoJson } from "../ingest/geojson.ts";
import { recordsToHxlRow, writeHxlCsv } from "../ingest/hxl.ts";
import { writeRecordsCsv } from "../ingest/records-csv.ts";
import { writeTruceJson } from "../ingest/truce-json.ts";
import { recordsToUcdpRow, writeUcdpCsv } from "../ingest/ucdp.ts";
import { type Command, chooseOption, flagLines, requireOption, UsageError } from "./command.ts";
import { withServices } from "./with-services.ts";

const OPTIONS = optionsFor("export");

/** `--format json|csv|...`, the options, and a line for each format and option (from the registry). */
export function exportUsage(): string {
  const formats = EXPORT_FORMATS.map((f) => [`--format ${f.name}`, f.description] as const);
  const only = (name: (typeof OPTIONS)[number]) => `${formatsTaking(name).join(", ")} only`;
  const options = OPTIONS.map((name) => {
    const option: FormatOption = FORMAT_OPTIONS[name];
    const fallback = option.default ? ` (default ${option.default})` : "";
    return [
      `--${name} ${option.value}`,
      `${only(name)}: ${option.description}${fallback}`,
    ] as const;
  });
  const as = [
    "--as ROLE",
    "export only what that role may see (default: everything, as the operator); a bundle made " +
      "--as public can be published: hidden entries appear only as leaf hashes",
  ] as const;
  const lines = [...formats, ...options, as];
  return [
    `truce export --format ${EXPORT_FORMAT_NAMES.join("|")} --process SLUG ` +
      `${OPTIONS.map((name) => `[--${name} ${FORMAT_OPTIONS[name].value}]`).join(" ")}`,
    "       [--as public|viewer|monitor|mediator|admin|delegate:PARTY] [--out FILE]",
    "",
    ...flagLines(lines),
  ].join("\n");
}

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
  summary: `Export a process's records as ${oneOf(EXPORT_FORMATS.map((f) => f.label))}`,
  usage: exportUsage(),
  options: {
    format: { type: "string" },
    process: { type: "string" },
    out: { type: "string" },
    as: { type: "string" },
    ...Object.fromEntries(OPTIONS.map((name) => [name, { type: "string" as const }])),
  },
  run: async (values) => {
    const format = chooseOption(values, "format", EXPORT_FORMAT_NAMES);
    const slug = requireOption(values, "process");
    const kindName = (values.kind as string | undefined) ?? FORMAT_OPTIONS.kind.default;
    const kind = kindByType(kindName) ?? kindByPath(kindName);
    if (format === "csv" && !kind)
      throw new UsageError(
        `--kind "${kindName}" is not a kind of record: one of ${KINDS.map((k) => k.type).join(", ")}`,
      );
    const viewer = values.as === undefined ? OPERATOR : parseViewer(String(values.as));
    if (!viewer) throw new UsageError(`--as "${values.as}" is not a role (or delegate:PARTY)`);
    const since = values.since === undefined ? undefined : Number(values.since);
    if (since !== undefined && !(Number.isInteger(since) && since > 0))
      throw new UsageError("--since is a tree size (a whole number above 0)");
    return withServices("export", async (services) => {
      const process = await requireProcess(services, slug);
      const incidents = () => exportIncidentsWithClaims(services, slug, viewer);
      const writers: Record<ExportFormatName, () => AsyncIterable<string>> = {
        acled: () => writeAcledCsv(datasetRows(incidents(), recordsToAcledRow)),
        ucdp: () => writeUcdpCsv(datasetRows(incidents(), recordsToUcdpRow)),
        hxl: () => writeHxlCsv(datasetRows(incidents(), recordsToHxlRow)),
        json: () =>
          writeTruceJson(
            process.body,
            exportRecords(services, slug, viewer),
            services.now().toISOString(),
          ),
        geojson: () => writeGeoJson(exportRecords(services, slug, viewer)),
        csv: () =>
          writeRecordsCsv(
            kind as NonNullable<typeof kind>,
            exportRecords(services, slug, viewer, [kind?.type ?? ""]),
          ),
        bundle: () => exportBundle(services, slug, viewer, { since }),
      };
      const out =
        typeof values.out === "string" ? createWriteStream(values.out) : globalThis.process.stdout;
      await pipeline(Readable.from(writers[format]()), out, {
        end: typeof values.out === "string",
      });
      return 0;
    });
  },
};
