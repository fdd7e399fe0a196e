import { ERROR_CODES, type ErrorCode } from "../domain/errors.ts";
import { IMPORT_MEDIA_TYPES, oneOf } from "../ingest/formats.ts";

/** A problem type as `/api/docs/problems` explains it: what happened and what to do about it. */
export type ProblemType = { status: number; meaning: string; remedy: string };

/** What each domain error means; its status is the one `ERROR_CODES` gives it. */
const DOMAIN_TYPES: Record<ErrorCode, Omit<ProblemType, "status">> = {
  validation_failed: {
    meaning: "The input does not match the kind's schema, or a data file could not be read.",
    remedy:
      "Each entry of `issues` names a field (or a file's line) and says what is wrong with it.",
  },
  reference_invalid: {
    meaning: "A field names a record that does not exist in this process, or one of another kind.",
    remedy: "Create the record referred to first, or correct the id `issues` names.",
  },
  bad_request: {
    meaning: "The request itself is malformed: a query parameter or a cursor that is not valid.",
    remedy: "`issues` names the parameter; /api/docs lists what each route takes.",
  },
  unauthorized: {
    meaning: "The request has no valid session or token, and the change needs one.",
    remedy:
      "Sign in (POST /api/session) or send Authorization: Bearer with a token from `truce user add --token`.",
  },
  forbidden: {
    meaning: "You may see this record but your role does not allow this change.",
    remedy: "docs/access.md says which role writes what; ask an admin or mediator.",
  },
  not_found: {
    meaning: "No such process, record or route, or one you may not see.",
    remedy: "Check the slug and the id; a record shared with members only shows once you sign in.",
  },
  conflict: {
    meaning: "The id is taken, or other records still refer to the one you would delete.",
    remedy: "Choose another id, or change the records that refer to it first.",
  },
  precondition_failed: {
    meaning: "Someone changed the record after the version your If-Match names.",
    remedy:
      "Read the record again, apply your change to the new version and send it with its version.",
  },
  precondition_required: {
    meaning: "An update or a delete came without If-Match.",
    remedy:
      'Send If-Match with the version you read ("3"), so you never overwrite what you have not seen.',
  },
  too_many_requests: {
    meaning: "Too many failed sign-ins for this account or address.",
    remedy: "Wait the minutes the detail says, then try again.",
  },
  store_busy: {
    meaning: "The embedded store is held by another process.",
    remedy: "Stop the other `truce` process, or send the change to the running server's API.",
  },
};

/** The problems the server raises itself, for what Fastify or a bug stopped. */
const OWN_TYPES = {
  malformed_json: {
    status: 400,
    meaning: "The body is not valid JSON.",
    remedy: "Send one JSON object with Content-Type: application/json.",
  },
  rate_limited: {
    status: 429,
    meaning: "More requests than this server takes from one address in a minute.",
    remedy: "Slow down; lists page with `cursor`, and exports are cheaper than many reads.",
  },
  payload_too_large: {
    status: 413,
    meaning: "The body is larger than this server accepts (100 MiB for imports).",
    remedy: "Split the file, or import it with `truce import` on the server.",
  },
  unsupported_media_type: {
    status: 415,
    meaning: "The body's Content-Type is not one this route reads.",
    remedy: `Records take application/json; imports take ${oneOf(IMPORT_MEDIA_TYPES)}.`,
  },
  internal: {
    status: 500,
    meaning: "Something went wrong on the server. It is logged, and nothing was changed.",
    remedy: "Try again; if it persists, tell the operator the time and the `instance`.",
  },
} satisfies Record<string, ProblemType>;

/** Every problem `type` the API answers with, by its code (the URI's fragment, with dashes). */
export const PROBLEM_TYPES: Record<ErrorCode | keyof typeof OWN_TYPES, ProblemType> = {
  ...(Object.fromEntries(
    Object.entries(DOMAIN_TYPES).map(([code, type]) => [
      code,
      { status: ERROR_CODES[code as ErrorCode], ...type },
    ]),
  ) as Record<ErrorCode, ProblemType>),
  ...OWN_TYPES,
};

/** The URI a problem's `type` gives: the fragment of its entry on the problems page. */
export function problemTypeUri(code: keyof typeof PROBLEM_TYPES): string {
  return `/api/docs/problems#${code.replaceAll("_", "-")}`;
}

/** The page a problem's `type` URI resolves to: every type with its status, meaning and remedy. */
export function problemTypesPage(): string {
  const escapeHtml = (text: string) =>
    text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  const code = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
  const entries = Object.entries(PROBLEM_TYPES)
    .sort(([, a], [, b]) => a.status - b.status)
    .map(
      ([name, type]) =>
        `<section id="${name.replaceAll("_", "-")}"><h2>${type.status} ${name.replaceAll("_", "-")}</h2>` +
        `<p>${code(type.meaning)}</p><p><strong>What to do:</strong> ${code(type.remedy)}</p></section>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Truce API: problem types</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Truce API: problem types</h1>
<p>Errors are RFC 9457 problem details (<code>application/problem+json</code>). Their <code>type</code>
links here; <code>issues</code> names each failing field. The API itself is described at
<a href="/api/docs">/api/docs</a>.</p>
${entries}
</main></body></html>
`;
}
