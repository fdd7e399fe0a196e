import { type UcdpReadResult, ucdpRowToRecords } from "../ingest/ucdp.ts";
import { resolveActorNames } from "./actor-names.ts";
import { type DatasetImportSummary, importDatasetRows } from "./import-dataset.ts";
import type { ImportOptions } from "./import-records.ts";
import type { Services } from "./services.ts";

/** The source every UCDP-imported figure is attributed to. */
export const UCDP_SOURCE = {
  type: "source",
  id: "src-ucdp-ged",
  title: "UCDP Georeferenced Event Dataset (GED)",
  kind: "dataset",
  publisher: "Uppsala Conflict Data Program, Uppsala University",
  url: "https://ucdp.uu.se/downloads/",
} as const;

export type UcdpImportSummary = DatasetImportSummary;

export type UcdpImportOptions = ImportOptions & {
  /** UCDP side names → actor ids, for names the process's actors do not carry. */
  actorMapping?: Record<string, string>;
  /** Reject rows whose sides the process has no actor for (default), or make actors for them. */
  unknownActors?: "reject" | "create";
};

/**
 * Imports UCDP GED rows as incidents, each with one claim of its deaths attributed to the UCDP
 * dataset. Rows that do not parse or map are rejected with their file line; the rest go through
 * the ordinary import (batches, ledger entries, re-import keyed on UCDP's id).
 */
export async function importUcdp(
  services: Services,
  slug: string,
  rows: AsyncIterable<UcdpReadResult>,
  options: UcdpImportOptions,
): Promise<UcdpImportSummary> {
  const actorFor = await resolveActorNames(services, slug, options.actorMapping ?? {});
  const mapOptions = {
    sourceId: UCDP_SOURCE.id,
    actorFor,
    unknownActors: options.unknownActors ?? "reject",
  };
  // Actors made for unknown sides are sent once per run; there are few of them, so the set is small.
  const madeActors = new Set<string>();
  return importDatasetRows(services, slug, rows, options, {
    source: UCDP_SOURCE,
    toRecords: (row) => {
      const mapped = ucdpRowToRecords(row, mapOptions);
      if ("error" in mapped) return { error: mapped.error, id: row.id };
      const actors = mapped.actors.filter((actor) => !madeActors.has(String(actor.id)));
      for (const actor of actors) madeActors.add(String(actor.id));
      return [...actors, mapped.incident, mapped.claim];
    },
    countryText: (row) => row.country.trim() || row.country_id.trim(),
  });
}
