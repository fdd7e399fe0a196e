import { DomainError } from "../domain/errors.ts";

/** Identifies Truce's own process bundle (`truce export --format json`). */
export const BUNDLE_FORMAT = "truce-process";
/** The version of that format this Truce writes and reads. */
export const BUNDLE_VERSION = 1;

export type Bundle = {
  process: Record<string, unknown> | undefined;
  records: Array<{ at: string; record: Record<string, unknown> }>;
};

/**
 * Reads a Truce JSON bundle, or a plain array of records. Each record must say its kind in `type`.
 */
export function parseTruceJson(text: string): Bundle {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new DomainError("bad_request", `The file is not valid JSON: ${(error as Error).message}`);
  }
  // null, a number or a string is neither a bundle nor a list of records: refused as one.
  if (typeof value !== "object" || value === null) throw notABundle(value);
  const bundle = value as {
    format?: unknown;
    version?: unknown;
    process?: unknown;
    records?: unknown;
  };
  // A bundle says what it is; one that says something else, or a later version, is not read
  // as if it were this one.
  if (!Array.isArray(value) && bundle.format !== undefined && bundle.format !== BUNDLE_FORMAT) {
    throw new DomainError(
      "bad_request",
      `format: ${JSON.stringify(bundle.format)} is not a Truce bundle ("${BUNDLE_FORMAT}")`,
      { issues: [{ path: "format", message: `not "${BUNDLE_FORMAT}"`, value: bundle.format }] },
    );
  }
  if (!Array.isArray(value) && bundle.version !== undefined && bundle.version !== BUNDLE_VERSION) {
    throw new DomainError(
      "bad_request",
      `version: this Truce reads bundles of version ${BUNDLE_VERSION}, not ${JSON.stringify(bundle.version)}`,
      { issues: [{ path: "version", message: `not ${BUNDLE_VERSION}`, value: bundle.version }] },
    );
  }
  const list = Array.isArray(value) ? value : bundle.records;
  if (!Array.isArray(list)) throw notABundle(bundle.records, "records");
  const process =
    !Array.isArray(value) && typeof bundle.process === "object" && bundle.process !== null
      ? (bundle.process as Record<string, unknown>)
      : undefined;
  return {
    process,
    records: list.map((record, index) => ({
      at: `record ${index + 1}`,
      record:
        typeof record === "object" && record !== null
          ? (record as Record<string, unknown>)
          : { value: record },
    })),
  };
}

function notABundle(value: unknown, path = ""): DomainError {
  return new DomainError(
    "bad_request",
    `Expected a "${BUNDLE_FORMAT}" bundle with a records array, or an array of records`,
    {
      issues: [
        {
          path,
          message: `${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}, not ${path ? "an array of records" : "a bundle or an array of records"}`,
        },
      ],
    },
  );
}

/** Writes a bundle as JSON text, one record per line so that diffs of two exports read well. */
export async function* writeTruceJson(
  process: Record<string, unknown>,
  records: AsyncIterable<Record<string, unknown>>,
  exportedAt: string,
): AsyncGenerator<string> {
  yield `{"format":"${BUNDLE_FORMAT}","version":${BUNDLE_VERSION},"exported_at":${JSON.stringify(exportedAt)},\n`;
  yield `"process":${JSON.stringify(process)},\n"records":[`;
  let isFirst = true;
  for await (const record of records) {
    yield `${isFirst ? "\n" : ",\n"}${JSON.stringify(record)}`;
    isFirst = false;
  }
  yield "\n]}\n";
}
