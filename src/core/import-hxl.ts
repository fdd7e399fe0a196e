import { type HxlReadResult, hxlRowToRecords } from "../ingest/hxl.ts";
import { resolveActorNames } from "./actor-names.ts";
import {
  type ImportOptions,
  type ImportSummary,
  type IncomingRecord,
  importRecords,
} from "./import-records.ts";
import { requireProcess } from "./require-process.ts";
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

export type HxlImportSummary = ImportSummary & { rows: number };

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
  await requireProcess(services, slug);
  const actorFor = await resolveActorNames(services, slug, options.actorMapping ?? {});
  const rejectedRows: ImportSummary["rejected"] = [];
  let rowCount = 0;
  let unreadable = 0;
  async function* records(): AsyncGenerator<IncomingRecord> {
    yield { at: "HXL source", record: { ...HXL_SOURCE } };
    for await (const result of rows) {
      if (!result.row) {
        rejectedRows.push({ at: `line ${result.line}`, reason: result.error ?? "unreadable row" });
        unreadable += 1;
        continue;
      }
      rowCount += 1;
      const at = `line ${result.line}`;
      const mapped = hxlRowToRecords(result.row, { sourceId: HXL_SOURCE.id, actorFor });
      if ("error" in mapped) {
        rejectedRows.push({ at, id: result.row.event_id, reason: mapped.error });
        continue;
      }
      yield { at, record: mapped.incident };
      if (mapped.claim) yield { at, record: mapped.claim };
    }
  }
  const summary = await importRecords(services, slug, records(), options);
  return {
    ...summary,
    rejected: [...rejectedRows, ...summary.rejected],
    rows: rowCount + unreadable,
  };
}
