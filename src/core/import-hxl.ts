import { type HxlReadResult, hxlRowToRecords } from "../ingest/hxl.ts";
import { resolveActorNames } from "./actor-names.ts";
import { type DatasetImportSummary, importDatasetRows } from "./import-dataset.ts";
import type { ImportOptions } from "./import-records.ts";
import type { Services } from "./services.ts";

/**
 * The source HXL-imported figures are attributed to. HXL says how data is tagged, not who gathered
 * it, so this stands for "the HXL files imported"; an operator can retitle it to the real origin.
 */
export const HXL_SOURCE = {
  type: "source",
  id: "src-hxl",
  title: "HXL-tagged data (imported)",
  kind: "dataset",
} as const;

export type HxlImportSummary = DatasetImportSummary;

/**
 * Imports HXL rows as incidents, each with a claim of its counts when the row gives any. Rows that
 * do not parse or map are rejected with their file line; the rest go through the ordinary import
 * (batches, ledger entries, re-import keyed on `#event+id`).
 */
export async function importHxl(
  services: Services,
  slug: string,
  rows: AsyncIterable<HxlReadResult>,
  options: ImportOptions & { actorMapping?: Record<string, string> },
): Promise<HxlImportSummary> {
  const actorFor = await resolveActorNames(services, slug, options.actorMapping ?? {});
  return importDatasetRows(services, slug, rows, options, {
    source: HXL_SOURCE,
    toRecords: (row) => {
      const mapped = hxlRowToRecords(row, { sourceId: HXL_SOURCE.id, actorFor });
      if ("error" in mapped) return { error: mapped.error, id: row.event_id };
      return mapped.claim ? [mapped.incident, mapped.claim] : [mapped.incident];
    },
  });
}
