/**
 * Every failure a user can cause, with when it fires. The HTTP layer maps each code to a status
 * and an RFC 9457 problem; the CLI prints the message. Internal faults are not DomainErrors.
 */
export const ERROR_CODES = {
  /** Input does not match the schema: details.issues names each field. */
  validation_failed: 422,
  /** The request itself is malformed (not JSON, bad query parameter). */
  bad_request: 400,
  /** No valid session or token: the caller must sign in (or the one it sent is forged or expired). */
  unauthorized: 401,
  /** The caller may see the record but not make this change (its role does not allow it). */
  forbidden: 403,
  /** Too many failed sign-ins: wait and try again. */
  too_many_requests: 429,
  /** No such process or record, or one the caller may not see. */
  not_found: 404,
  /** The id is taken, or the record is still referenced by others. */
  conflict: 409,
  /** A reference names a record that does not exist or is of the wrong kind. */
  reference_invalid: 422,
  /** If-Match names a version that is no longer current. */
  precondition_failed: 412,
  /** An update came without If-Match. */
  precondition_required: 428,
  /** The embedded store is held by another process. */
  store_busy: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export type FieldIssue = { path: string; message: string; value?: unknown };

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { issues?: FieldIssue[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Turns zod issues into field issues with dotted paths under `prefix`. */
export function fieldIssues(
  issues: ReadonlyArray<{
    path: ReadonlyArray<PropertyKey>;
    message: string;
    code?: string;
    keys?: string[];
  }>,
  prefix = "",
): FieldIssue[] {
  const join = (parts: PropertyKey[]) =>
    [prefix, ...parts.map(String)].filter((part) => part !== "").join(".");
  // An unknown field is reported at the field itself, so a client can point at what to remove.
  return issues.flatMap((issue) =>
    issue.code === "unrecognized_keys" && issue.keys
      ? issue.keys.map((key) => ({ path: join([...issue.path, key]), message: "unknown field" }))
      : [{ path: join([...issue.path]), message: issue.message }],
  );
}
