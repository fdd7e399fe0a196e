import { stringify } from "csv-stringify/sync";
import type { z } from "zod";
import type { KindDefinition } from "../domain/kind.ts";

const ENVELOPE_COLUMNS = [
  "id",
  "type",
  "version",
  "visibility",
  "restricted_to",
  "created_at",
  "updated_at",
];

/** The CSV columns of a kind: the envelope, then the kind's own fields in schema order. */
export function csvColumns(kind: KindDefinition): string[] {
  return [...ENVELOPE_COLUMNS, ...Object.keys((kind.schema as unknown as z.ZodObject).shape)];
}

/**
 * Writes records of one kind as CSV for spreadsheets: one row per record, one column per field;
 * nested values (dates with precision, places, figures) are JSON in their cell, so nothing is lost.
 */
export async function* writeRecordsCsv(
  kind: KindDefinition,
  records: AsyncIterable<Record<string, unknown>>,
): AsyncGenerator<string> {
  const columns = csvColumns(kind);
  yield stringify([columns]);
  for await (const record of records) {
    const row = columns.map((column) => {
      const value = record[column];
      if (value === undefined || value === null) return "";
      return typeof value === "object" ? JSON.stringify(value) : String(value);
    });
    yield stringify([row]);
  }
}
