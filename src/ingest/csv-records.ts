import { CsvError, parse } from "csv-parse";
import { stringify } from "csv-stringify/sync";
import { isObject } from "../domain/plain-object.ts";

/**
 * One record of a CSV file as csv-parse split it: its fields, the 1-based line of the file where it
 * starts, and whether a line end closes it (only the file's last record can lack one, so a short
 * record without one was cut off). A record that cannot be read is an error instead, and reading
 * stops after it.
 */
export type CsvRecord =
  | { line: number; fields: string[]; hasLineEnd: boolean }
  | { line: number; error: string };

/** Bounds on one record: they stop a damaged or hostile file from making the parser buffer a huge line. */
export type CsvBounds = { maxFields: number; maxFieldChars: number; maxRecordChars: number };

/** A record that breaks one of the bounds on fields. */
class RecordTooLargeError extends Error {}

/**
 * Checks a whole record against the bounds on fields, in field order, as csv-parse delivered it.
 * Checking each field through csv-parse's `cast` cost a context object per field, about a sixth of
 * an import's time in Node; the record is already bounded by `max_record_size`, so checking it
 * once complete holds no more in memory.
 */
function boundsProblem(record: readonly string[], bounds: CsvBounds): RecordTooLargeError | null {
  for (let index = 0; index < record.length; index++) {
    if (index >= bounds.maxFields)
      return new RecordTooLargeError(`the row has more than ${bounds.maxFields} fields`);
    if ((record[index] as string).length > bounds.maxFieldChars)
      return new RecordTooLargeError(
        `field ${index + 1} is longer than ${bounds.maxFieldChars} characters`,
      );
  }
  return null;
}

/** How many lines a record's raw text spans: CRLF, LF and a lone CR each end one line. */
function lineBreaks(raw: string): number {
  return raw.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function describeParseError(error: unknown, bounds: CsvBounds): string {
  const stop = "reading stops here";
  if (error instanceof RecordTooLargeError) return `${error.message}; ${stop}`;
  if (error instanceof CsvError) {
    switch (error.code) {
      case "CSV_MAX_RECORD_SIZE":
        return `the row is longer than ${bounds.maxRecordChars} characters; ${stop}`;
      case "CSV_QUOTE_NOT_CLOSED":
        return "the file ends inside a quoted field: its last row is cut short";
      // After a stray quote the line ends that follow may be inside or outside a field, so where
      // the next row starts would be a guess.
      case "INVALID_OPENING_QUOTE":
        return `a quote appears inside a field that does not start with one; ${stop}`;
      case "CSV_INVALID_CLOSING_QUOTE":
      case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
        return `a closing quote is followed by something other than a comma or line end; ${stop}`;
      default:
        return `not valid CSV (${error.message}); ${stop}`;
    }
  }
  throw error;
}

function writeTo(parser: ReturnType<typeof parse>, chunk: string | Buffer): Promise<unknown> {
  return new Promise((resolve) => parser.write(chunk, (error) => resolve(error ?? undefined)));
}

function endOf(parser: ReturnType<typeof parse>): Promise<unknown> {
  return new Promise((resolve) =>
    parser.end((error?: Error | null) => resolve(error ?? undefined)),
  );
}

/**
 * Reads CSV records one by one without holding the file in memory: a UTF-8 byte order mark is
 * dropped, CRLF, LF and CR line ends are accepted, blank lines are skipped (but counted), records
 * may have any number of fields. A stray quote or a record beyond the bounds is reported once and
 * reading stops: after a stray quote where the next record starts is a guess, and csv-parse cannot
 * skip an over-long record without buffering it.
 */
export async function* readCsvRecords(
  input: NodeJS.ReadableStream | AsyncIterable<string | Buffer>,
  bounds: CsvBounds,
): AsyncGenerator<CsvRecord> {
  // csv-parse hands over each record synchronously through on_record, so the records it finished
  // before an error are kept here even though the stream is destroyed by that error.
  const parsed: Array<{ record: string[]; raw: string }> = [];
  const parser = parse({
    bom: true,
    raw: true,
    relax_column_count: true,
    max_record_size: bounds.maxRecordChars,
    // With raw: true csv-parse passes { record, raw }, which its typings do not model.
    on_record: (entry: unknown) => {
      parsed.push(entry as { record: string[]; raw: string });
      return null;
    },
  });
  // Errors arrive through the write and end callbacks; without a listener the stream would also
  // throw them as unhandled 'error' events.
  parser.on("error", () => {});

  let nextLine = 1;
  function* drain(error: unknown): Generator<CsvRecord, boolean> {
    for (const { record, raw } of parsed.splice(0)) {
      const line = nextLine;
      nextLine += lineBreaks(raw);
      if (record.length === 1 && record[0] === "") continue; // a blank line
      const tooLarge = boundsProblem(record, bounds);
      if (tooLarge) {
        yield { line, error: describeParseError(tooLarge, bounds) };
        return true;
      }
      yield { line, fields: record, hasLineEnd: /[\r\n]$/.test(raw) };
    }
    if (error !== undefined) {
      yield { line: nextLine, error: describeParseError(error, bounds) };
      return true;
    }
    return false;
  }

  const text = new Utf8Check();
  try {
    for await (const chunk of input) {
      const checked = text.decode(chunk);
      if (typeof checked !== "string" && !Buffer.isBuffer(checked)) {
        yield* drain(undefined);
        yield checked;
        return;
      }
      if (yield* drain(await writeTo(parser, checked))) return;
    }
    yield* drain(await endOf(parser));
  } finally {
    parser.destroy();
  }
}

/**
 * Decodes a file's bytes as UTF-8 and says where they are not, instead of letting a Latin-1 or
 * Windows-1252 export in as replacement characters. A file that starts with a UTF-16 byte order
 * mark goes to csv-parse as it is, which reads it.
 */
class Utf8Check {
  #decoder = new TextDecoder("utf-8", { fatal: true });
  #lines = 1;
  #passThrough: boolean | undefined;

  decode(chunk: string | Buffer): string | Buffer | { line: number; error: string } {
    if (typeof chunk === "string") return chunk;
    this.#passThrough ??= chunk[0] === 0xff && chunk[1] === 0xfe;
    if (this.#passThrough) return chunk;
    try {
      const text = this.#decoder.decode(chunk, { stream: true });
      this.#lines += lineFeeds(chunk, chunk.length);
      return text;
    } catch {
      const at = firstInvalidUtf8(chunk);
      const line = this.#lines + lineFeeds(chunk, at);
      const byte = (chunk[at] ?? 0).toString(16).toUpperCase().padStart(2, "0");
      return {
        line,
        error:
          `the file is not UTF-8 text (byte 0x${byte} here is not UTF-8; perhaps Latin-1 or ` +
          'Windows-1252): save it as UTF-8 (a spreadsheet\'s "CSV UTF-8") and import it again',
      };
    }
  }
}

/** The line feeds in a chunk's first `end` bytes, counted without copying them. */
function lineFeeds(chunk: Buffer, end: number): number {
  let count = 0;
  for (let at = chunk.indexOf(0x0a); at !== -1 && at < end; at = chunk.indexOf(0x0a, at + 1)) {
    count += 1;
  }
  return count;
}

/** Where the first byte that cannot start or continue a UTF-8 sequence is (0 when unsure). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead < 0xe0
          ? 2
          : lead >= 0xe0 && lead < 0xf0
            ? 3
            : lead >= 0xf0 && lead < 0xf5
              ? 4
              : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      // A sequence cut by the chunk's end: the decoder threw on something, and this is the last
      // place it can be.
      if (i + k >= bytes.length) return i;
      if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return 0;
}

/**
 * The error for a record whose field count differs from the header's, saying so plainly when the
 * file's last line was cut off in the middle of it.
 */
export function fieldCountError(found: number, expected: number, hasLineEnd: boolean): string {
  const counts = `expected ${expected} fields as in the header, found ${found}`;
  return found < expected && !hasLineEnd
    ? `the file ends in the middle of this row: ${counts}`
    : counts;
}

/** `column: "value" problem`, with long values cut to 80 characters. */
export function quoted(column: string, value: string, problem: string): { error: string } {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return { error: `${column}: ${JSON.stringify(shown)} ${problem}` };
}

/** The first issue zod found, as `kind: path: message`. */
export function firstIssue(
  kind: string,
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): { error: string } {
  const issue = issues[0];
  return { error: `${kind}: ${issue?.path.join(".") || "(record)"}: ${issue?.message}` };
}

export function text(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

/**
 * A dataset row for a record: the row built from the record's fields, with every column its
 * attributes kept from the file put back as it was read, so a file goes out as it came in.
 */
export function withKeptColumns<Column extends string>(
  row: Record<Column, string>,
  columns: readonly Column[],
  attributes: unknown,
): Record<Column, string> {
  const kept = isObject(attributes) ? attributes : {};
  for (const column of columns) {
    const value = kept[column];
    if (typeof value === "string") row[column] = value;
    else if (typeof value === "number") row[column] = String(value);
  }
  return row;
}

/** Writes rows as CSV text: the header lines first, then a line per row in the columns' order. */
export async function* writeCsvRows<Row>(
  header: readonly (readonly string[])[],
  cells: (row: Row) => readonly string[],
  rows: AsyncIterable<Row>,
): AsyncGenerator<string> {
  yield stringify(header.map((line) => [...line]));
  for await (const row of rows) yield stringify([[...cells(row)]]);
}
