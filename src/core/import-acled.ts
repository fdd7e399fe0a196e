import { type AcledReadResult, acledRowToRecords } from "../ingest/acled.ts";
import { resolveActorNames } from "./actor-names.ts";
import {
  type ImportOptions,
  type ImportSummary,
  type IncomingRecord,
  importRecords,
} from "./import-records.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

/** The source every ACLED-imported figure is attributed to. */
export const ACLED_SOURCE = {
  type: "source",
  id: "src-acled",
  title: "ACLED (Armed Conflict Location & Event Data)",
  kind: "dataset",
  publisher: "ACLED",
} as const;

export type AcledImportSummary = ImportSummary & { rows: number };

/**
 * Imports ACLED rows as incidents, each with a claim of its fatalities attributed to the ACLED
 * dataset. Rows that do not parse or map are rejected with their file line; the rest go through
 * the ordinary import (batches, ledger entries, re-import keyed on event_id_cnty).
 */
export async function importAcled(
  services: Services,
  slug: string,
  rows: AsyncIterable<AcledReadResult>,
  options: ImportOptions & { actorMapping?: Record<string, string> },
): Promise<AcledImportSummary> {
  await requireProcess(services, slug);
  const actorFor = await resolveActorNames(services, slug, options.actorMapping ?? {});
  const rejectedRows: ImportSummary["rejected"] = [];
  let rowCount = 0;
  let unreadable = 0;
  async function* records(): AsyncGenerator<IncomingRecord> {
    yield { at: "ACLED source", record: { ...ACLED_SOURCE } };
    for await (const result of rows) {
      if (!result.row) {
        rejectedRows.push({ at: `line ${result.line}`, reason: result.error ?? "unreadable row" });
        unreadable += 1;
        continue;
      }
      rowCount += 1;
      const mapped = acledRowToRecords(result.row, { sourceId: ACLED_SOURCE.id, actorFor });
      if ("error" in mapped) {
        rejectedRows.push({
          at: `line ${result.line}`,
          id: result.row.event_id_cnty,
          reason: mapped.error,
        });
        continue;
      }
      yield { at: `line ${result.line}`, record: mapped.incident };
      yield { at: `line ${result.line}`, record: mapped.claim };
    }
  }
  const summary = await importRecords(services, slug, records(), options);
  return {
    ...summary,
    rejected: [...rejectedRows, ...summary.rejected],
    rows: rowCount + unreadable,
  };
}
