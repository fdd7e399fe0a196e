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
import { writeGeoJson } from "../ingest/geojson.ts";
import { recordsToHxlRow, writeHxlCsv } from "../ingest/hxl.ts";
import { writeRecordsCsv } from "../ingest/records-csv.ts";
import { writeTruceJson } from "../ingest/truce-json.ts";
import { recordsToUcdpRow, writeUcdpCsv } from "../ingest/ucdp.ts";
import { type Command, chooseOption, requireOption, UsageError } from "./command.ts";
import { withServices } from "./with-services.ts";

const FORMATS = ["json", "csv", "geojson", "acled", "ucdp", "hxl", "bundle"] as const;

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
    "one kind; acled, ucdp, hxl: incidents as ACLED, UCDP GED or HXL-tagged rows; bundle: the " +
    "records with the ledger, signed heads and co-signatures, for truce verify --bundle)",
  usage: `truce export --format json|csv|geojson|acled|ucdp|hxl|bundle --process SLUG [--kind incident]
       [--as public|viewer|monitor|mediator|admin|delegate:PARTY] [--since N] [--out FILE]

  --as      export only what that role may see (default: everything, as the operator); a bundle
            made --as public can be published: hidden entries appear only as leaf hashes
  --since   bundle only: include a consistency proof from tree size N (where an earlier bundle
            ended) to now`,
  options: {
    format: { type: "string" },
    process: { type: "string" },
    out: { type: "string" },
    kind: { type: "string" },
    as: { type: "string" },
    since: { type: "string" },
  },
  run: async (values) => {
    const format = chooseOption(values, "format", FORMATS);
    const slug = requireOption(values, "process");
    const kindName = (values.kind as string | undefined) ?? "incident";
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
      const writers: Record<(typeof FORMATS)[number], () => AsyncIterable<string>> = {
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
