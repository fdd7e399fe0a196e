import { DomainError } from "../domain/errors.ts";

/** The strong ETag of a record version. */
export function etagOf(version: unknown): string {
  return `"${String(version)}"`;
}

/**
 * The version an If-Match header names. Accepts "3", W/"3" and a bare 3; undefined when absent.
 */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === "") return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new DomainError("bad_request", `If-Match must name a version, like "3"; got ${header}`, {
      issues: [{ path: "If-Match", message: "a version in quotes", value: header }],
    });
  }
  return Number(match[1]);
}

export function requireIfMatch(header: string | undefined): number {
  const version = versionFromIfMatch(header);
  if (version === undefined) {
    throw new DomainError(
      "precondition_required",
      'Updates need If-Match with the version you edited (the ETag of your GET, e.g. "3"), so that nobody overwrites a change they have not seen',
      { issues: [{ path: "If-Match", message: "required" }] },
    );
  }
  return version;
}
