import { DomainError } from "../domain/errors.ts";
import {
  type ImportOptions,
  type ImportSummary,
  type IncomingRecord,
  importRecords,
} from "./import-records.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

/** A row of a dataset file as its reader gives it: the row, or why it could not be read. */
export type DatasetRow<Row> = { line: number; row?: Row; error?: string };

export type DatasetImportSummary = ImportSummary & { rows: number };

/** What one dataset (ACLED, UCDP GED, HXL) brings to the shared import. */
export type Dataset<Row> = {
  /** The source record every imported figure is attributed to; written with the first row. */
  source: Record<string, unknown>;
  /** The records one row becomes, or why it cannot be mapped (with the dataset's id for it). */
  toRecords: (row: Row) => Record<string, unknown>[] | { error: string; id?: string };
};

/**
 * Imports a dataset's rows: each row's records, and the dataset's source with the first of them.
 * A row that cannot be read or mapped is rejected with its file line and never stops the others;
 * the records go through the ordinary import (batches in transactions, ledger entries, re-import
 * keyed on their ids).
 */
export async function importDatasetRows<Row>(
  services: Services,
  slug: string,
  rows: AsyncIterable<DatasetRow<Row>>,
  options: ImportOptions,
  dataset: Dataset<Row>,
): Promise<DatasetImportSummary> {
  await requireProcess(services, slug);
  const rejectedRows: ImportSummary["rejected"] = [];
  let rowCount = 0;
  let readableRows = 0;
  // The source goes in with the first row it attributes: a file whose every row is rejected
  // writes nothing at all, not even a ledger entry for its source.
  let hasSource = false;
  async function* records(): AsyncGenerator<IncomingRecord> {
    for await (const result of rows) {
      rowCount += 1;
      const at = `line ${result.line}`;
      if (!result.row) {
        rejectedRows.push({ at, reason: result.error ?? "unreadable row" });
        continue;
      }
      readableRows += 1;
      const mapped = dataset.toRecords(result.row);
      if (!Array.isArray(mapped)) {
        rejectedRows.push({ at, ...(mapped.id ? { id: mapped.id } : {}), reason: mapped.error });
        continue;
      }
      if (!hasSource) {
        hasSource = true;
        yield { at: "the dataset's source", record: { ...dataset.source } };
      }
      for (const record of mapped) yield { at, record };
    }
  }
  const summary = await importRecords(services, slug, records(), options);
  // Not one row could be read (no header, an empty file, a stray quote on the first line): the
  // file as a whole is refused, which a script should tell from a file with some bad rows.
  if (readableRows === 0 && rejectedRows.length > 0) {
    const issues = rejectedRows.map(({ at, reason }) => ({ path: at, message: reason }));
    throw new DomainError(
      "validation_failed",
      `Nothing imported: no row of the file could be read (${issues[0]?.path}: ${issues[0]?.message})`,
      { issues },
    );
  }
  return { ...summary, rejected: [...rejectedRows, ...summary.rejected], rows: rowCount };
}
