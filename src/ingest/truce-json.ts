import { DomainError } from "../domain/errors.ts";

/** Identifies Truce's own process bundle (`truce export --format json`). */
export const BUNDLE_FORMAT = "truce-process";

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
  const bundle = value as { format?: unknown; process?: unknown; records?: unknown };
  const list = Array.isArray(value) ? value : bundle.records;
  if (!Array.isArray(list)) {
    throw new DomainError(
      "bad_request",
      `Expected a "${BUNDLE_FORMAT}" bundle with a records array, or an array of records`,
    );
  }
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

/** Writes a bundle as JSON text, one record per line so that diffs of two exports read well. */
export async function* writeTruceJson(
  process: Record<string, unknown>,
  records: AsyncIterable<Record<string, unknown>>,
  exportedAt: string,
): AsyncGenerator<string> {
  yield `{"format":"${BUNDLE_FORMAT}","version":1,"exported_at":${JSON.stringify(exportedAt)},\n`;
  yield `"process":${JSON.stringify(process)},\n"records":[`;
  let isFirst = true;
  for await (const record of records) {
    yield `${isFirst ? "\n" : ",\n"}${JSON.stringify(record)}`;
    isFirst = false;
  }
  yield "\n]}\n";
}
