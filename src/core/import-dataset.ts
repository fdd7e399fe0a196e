import { OPERATOR } from "../domain/access.ts";
import { DomainError } from "../domain/errors.ts";
import { isObject } from "../domain/plain-object.ts";
import {
  type ImportOptions,
  type ImportSummary,
  type IncomingRecord,
  importRecords,
} from "./import-records.ts";
import { processPlaceMatcher } from "./process-gazetteer.ts";
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
  /** How the row names its country (its name, else its code), blank when it names none. */
  countryText?: (row: Row) => string;
};

/** The country code of the first incident among a row's records, when it has one. */
function countryOfIncident(records: readonly Record<string, unknown>[]): string | undefined {
  const incident = records.find((r) => r.type === "incident");
  const place = isObject(incident?.place) ? incident.place : undefined;
  return typeof place?.country === "string" ? place.country : undefined;
}

function countIn(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Counts by key in order of key, so a summary reads the same whatever order the rows came in. */
function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Imports a dataset's rows: each row's records, and the dataset's source with the first of them.
 * A row that cannot be read or mapped is rejected with its file line and never stops the others;
 * the records go through the ordinary import (batches in transactions, ledger entries, re-import
 * keyed on their ids). A row whose incident lies in a country the process does not list is
 * imported all the same and counted by country in `outside_countries` (when the process lists
 * countries); one whose country has no ISO code is imported without one and counted by the
 * file's text for it in `unknown_countries`.
 */
export async function importDatasetRows<Row>(
  services: Services,
  slug: string,
  rows: AsyncIterable<DatasetRow<Row>>,
  options: ImportOptions,
  dataset: Dataset<Row>,
): Promise<DatasetImportSummary> {
  const process = await requireProcess(services, slug);
  const listed = Array.isArray(process.body.countries)
    ? process.body.countries.filter((c): c is string => typeof c === "string")
    : [];
  // Rows' places are matched to the process's own gazetteer, all of it: the import writes as the
  // operator would, and a place record hidden from the caller still is that place.
  const places = await processPlaceMatcher(services, slug, OPERATOR);
  const outside: Record<string, number> = {};
  const unknown: Record<string, number> = {};
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
      const country = countryOfIncident(mapped);
      if (country === undefined) {
        const named = dataset.countryText?.(result.row).trim() ?? "";
        if (named !== "") countIn(unknown, named);
      } else if (listed.length > 0 && !listed.includes(country)) countIn(outside, country);
      if (!hasSource) {
        hasSource = true;
        yield { at: "the dataset's source", record: { ...dataset.source } };
      }
      for (const record of mapped) yield { at, record: places.match(record) };
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
  return {
    ...summary,
    rejected: [...rejectedRows, ...summary.rejected],
    rows: rowCount,
    ...(places.matched() > 0 ? { places_matched: places.matched() } : {}),
    ...(listed.length > 0 ? { outside_countries: sorted(outside) } : {}),
    ...(Object.keys(unknown).length > 0 ? { unknown_countries: sorted(unknown) } : {}),
  };
}
