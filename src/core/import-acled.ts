import { type AcledReadResult, acledRowToRecords, keepResolvedActors } from "../ingest/acled.ts";
import { resolveActorNames } from "./actor-names.ts";
import { type DatasetImportSummary, importDatasetRows } from "./import-dataset.ts";
import type { ImportOptions } from "./import-records.ts";
import type { Services } from "./services.ts";

/** The source every ACLED-imported figure is attributed to. */
export const ACLED_SOURCE = {
  type: "source",
  id: "src-acled",
  title: "ACLED (Armed Conflict Location & Event Data)",
  kind: "dataset",
  publisher: "ACLED",
} as const;

export type AcledImportSummary = DatasetImportSummary;

/**
 * Imports ACLED rows as incidents, each with a claim of its fatalities attributed to the ACLED
 * dataset. Rows that do not parse or map are rejected with their file line; the rest go through
 * the ordinary import (batches, ledger entries, re-import keyed on event_id_cnty); a re-import
 * keeps the actors an earlier one resolved that this one's names do not.
 */
export async function importAcled(
  services: Services,
  slug: string,
  rows: AsyncIterable<AcledReadResult>,
  options: ImportOptions & { actorMapping?: Record<string, string> },
): Promise<AcledImportSummary> {
  const actorFor = await resolveActorNames(services, slug, options.actorMapping ?? {});
  return importDatasetRows(
    services,
    slug,
    rows,
    { keepFromStored: keepResolvedActors, ...options },
    {
      source: ACLED_SOURCE,
      toRecords: (row) => {
        const mapped = acledRowToRecords(row, { sourceId: ACLED_SOURCE.id, actorFor });
        return "error" in mapped
          ? { error: mapped.error, id: row.event_id_cnty }
          : [mapped.incident, mapped.claim];
      },
      countryText: (row) => row.country.trim() || row.iso.trim(),
    },
  );
}
