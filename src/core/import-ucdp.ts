import { type UcdpReadResult, ucdpRowToRecords } from "../ingest/ucdp.ts";
import { resolveActorNames } from "./actor-names.ts";
import {
  type ImportOptions,
  type ImportSummary,
  type IncomingRecord,
  importRecords,
} from "./import-records.ts";
import { requireProcess } from "./require-process.ts";
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

export type UcdpImportSummary = ImportSummary & { rows: number };

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
  await requireProcess(services, slug);
  const actorFor = await resolveActorNames(services, slug, options.actorMapping ?? {});
  const mapOptions = {
    sourceId: UCDP_SOURCE.id,
    actorFor,
    unknownActors: options.unknownActors ?? "reject",
  };
  const rejectedRows: ImportSummary["rejected"] = [];
  // Actors made for unknown sides are sent once per run; there are few of them, so the set is small.
  const madeActors = new Set<string>();
  let rowCount = 0;
  let unreadable = 0;
  async function* records(): AsyncGenerator<IncomingRecord> {
    yield { at: "UCDP source", record: { ...UCDP_SOURCE } };
    for await (const result of rows) {
      if (!result.row) {
        rejectedRows.push({ at: `line ${result.line}`, reason: result.error ?? "unreadable row" });
        unreadable += 1;
        continue;
      }
      rowCount += 1;
      const at = `line ${result.line}`;
      const mapped = ucdpRowToRecords(result.row, mapOptions);
      if ("error" in mapped) {
        rejectedRows.push({ at, id: result.row.id, reason: mapped.error });
        continue;
      }
      for (const actor of mapped.actors) {
        if (madeActors.has(String(actor.id))) continue;
        madeActors.add(String(actor.id));
        yield { at, record: actor };
      }
      yield { at, record: mapped.incident };
      yield { at, record: mapped.claim };
    }
  }
  const summary = await importRecords(services, slug, records(), options);
  return {
    ...summary,
    rejected: [...rejectedRows, ...summary.rejected],
    rows: rowCount + unreadable,
  };
}
