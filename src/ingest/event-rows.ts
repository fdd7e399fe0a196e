import { ClaimSchema } from "../domain/kinds/claim.schema.ts";
import { IncidentSchema } from "../domain/kinds/incident.schema.ts";
import { unstorableTextIssues } from "../domain/record.ts";
import { firstIssue, quoted } from "./csv-records.ts";

/**
 * What the event datasets (ACLED, UCDP GED, HXL) share on the way from a row to an incident and
 * a claim of its figures: the header, the coordinates, the columns kept verbatim, the last check.
 */

/** A decimal number as the datasets write coordinates: no exponent, no thousands separator. */
export const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Where each known column stands in a header row (-1 when it is not there), or what is wrong with
 * it. Names are matched trimmed and in lower case (old ACLED spreadsheets wrote them in capitals);
 * unknown names are ignored.
 */
export function readHeader<Column extends string>(
  names: readonly string[],
  format: { columns: readonly Column[]; required: readonly Column[]; name: string },
): { index: Record<Column, number> } | { error: string } {
  const index = Object.fromEntries(format.columns.map((c) => [c, -1])) as Record<Column, number>;
  const known: ReadonlySet<string> = new Set(format.columns);
  for (const [position, written] of names.entries()) {
    const name = written.trim().toLowerCase();
    if (!known.has(name)) continue;
    if (index[name as Column] !== -1)
      return { error: `the header names the column "${name}" twice` };
    index[name as Column] = position;
  }
  const missing = format.required.filter((column) => index[column] === -1);
  if (missing.length > 0) {
    const columns = `column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`;
    return {
      error: `the header lacks the ${columns}: not ${format.name} file, or one that lost columns`,
    };
  }
  return { index };
}

/** A row's fields by column name; a column the header lacks reads as blank. */
export function rowAt<Column extends string>(
  fields: readonly string[],
  columns: readonly Column[],
  index: Record<Column, number>,
): Record<Column, string> {
  const row = {} as Record<Column, string>;
  for (const column of columns) {
    const position = index[column];
    row[column] = position === -1 ? "" : (fields[position] ?? "");
  }
  return row;
}

/** A latitude and a longitude from the columns that hold them, each a number on the globe. */
export function readCoordinates(
  latitude: { column: string; value: string },
  longitude: { column: string; value: string },
): { lat: number; lon: number } | { error: string } {
  const read: number[] = [];
  for (const [{ column, value }, limit] of [
    [latitude, 90],
    [longitude, 180],
  ] as const) {
    if (!DECIMAL.test(value.trim())) return quoted(column, value, "is not a number");
    const number = Number(value);
    if (Math.abs(number) > limit) {
      return quoted(column, value, `is not between -${limit} and ${limit}`);
    }
    read.push(number);
  }
  const [lat = 0, lon = 0] = read;
  return { lat, lon };
}

/** The coded columns no Truce field holds, verbatim, when they hold anything. */
export function filledColumns<Column extends string>(
  row: Record<Column, string>,
  columns: readonly Column[],
): Record<string, string | number> {
  const attributes: Record<string, string | number> = {};
  for (const column of columns) if (row[column] !== "") attributes[column] = row[column];
  return attributes;
}

/**
 * Keeps in the attributes every column that the records' fields do not give back exactly as it
 * was read (`fromFields`, the row written from them), so the export is the row that came in.
 */
export function keepWhatFieldsLose<Column extends string>(
  attributes: Record<string, string | number>,
  row: Record<Column, string>,
  fromFields: Record<Column, string>,
  columns: readonly Column[],
): void {
  for (const column of columns) {
    if (fromFields[column] !== row[column]) attributes[column] = row[column];
  }
}

/**
 * The incident and its claim checked against their schemas. The mappings' own checks name the
 * column at fault; this one guards against a mapping bug or an unusable source id, so that what
 * a mapping returns is always a valid record. Text the store cannot hold (a NUL in a cell) fails
 * the row here, once, rather than its incident in the import and its claim for want of it.
 */
export function checkRecords(
  incident: Record<string, unknown>,
  claim?: Record<string, unknown>,
): { error: string } | undefined {
  for (const [kind, record] of [
    ["incident", incident],
    ["claim", claim],
  ] as const) {
    const [issue] = unstorableTextIssues(record ?? {});
    if (issue) return { error: `${kind}: ${issue.path}: ${issue.message}` };
  }
  const { type: _it, id: _ii, ...incidentFields } = incident;
  const incidentCheck = IncidentSchema.safeParse(incidentFields);
  if (!incidentCheck.success) return firstIssue("incident", incidentCheck.error.issues);
  if (claim === undefined) return undefined;
  const { type: _ct, id: _ci, ...claimFields } = claim;
  const claimCheck = ClaimSchema.safeParse(claimFields);
  if (!claimCheck.success) return firstIssue("claim", claimCheck.error.issues);
  return undefined;
}
