import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError, type FieldIssue } from "../domain/errors.ts";
import { PROBLEM_TYPES, problemTypesPage, problemTypeUri } from "./problem-types.ts";

/** An RFC 9457 problem. `issues` names each failing field (an extension member). */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  issues?: FieldIssue[];
  [extension: string]: unknown;
};

/** The title of a problem with each status. */
export const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  412: "Precondition failed",
  413: "Payload too large",
  414: "URI too long",
  415: "Unsupported media type",
  422: "Unprocessable content",
  428: "Precondition required",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

/** A problem of a known type: its URI, status and title from the type, the detail from the case. */
function problemOf(code: keyof typeof PROBLEM_TYPES, detail: string): Problem {
  const status = PROBLEM_TYPES[code].status;
  return { type: problemTypeUri(code), title: TITLES[status] ?? "Error", status, detail };
}

/** A list of content types as a sentence: "a, b or c". */
function oneOf(types: readonly string[]): string {
  return types.length < 2
    ? (types[0] ?? "")
    : `${types.slice(0, -1).join(", ")} or ${types.at(-1)}`;
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: Problem,
): FastifyReply {
  return reply
    .status(problem.status)
    .type("application/problem+json")
    .send({ ...problem, instance: request.url });
}

function fromFastifyError(error: FastifyError, request: FastifyRequest): Problem | null {
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return {
        ...problemOf("malformed_json", `The request body is not valid JSON: ${error.message}`),
        issues: [{ path: "", message: "not valid JSON" }],
      };
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return problemOf("payload_too_large", "The request body is larger than this server accepts");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE": {
      const sent = request.headers["content-type"] ?? "(none)";
      // A route that reads other bodies than JSON (imports take data files) says which in its
      // schema's `consumes`, which its OpenAPI entry shows too.
      const consumes = (request.routeOptions.schema as { consumes?: readonly string[] } | undefined)
        ?.consumes;
      return problemOf(
        "unsupported_media_type",
        consumes
          ? `Content-Type ${sent} is not one this route reads: send ${oneOf(consumes)}`
          : `Content-Type ${sent} is not JSON: send JSON with Content-Type: application/json`,
      );
    }
    default:
      return error.statusCode === 429 ? problemOf("rate_limited", error.message) : null;
  }
}

/**
 * Fastify's own answers to a request it cannot route, as problems like every other 4xx: a path
 * that is not percent-encoded UTF-8 (`%`, `%E0%A4%A`, an encoded lone surrogate) or a path
 * parameter longer than the router reads.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const status = error.statusCode ?? 400;
  if (status >= 500) request.log.error({ err: error }, "unhandled error");
  const detail =
    error.code === "FST_ERR_BAD_URL"
      ? "The path is not valid percent-encoded UTF-8"
      : error.code === "FST_ERR_MAX_PARAM_LENGTH"
        ? "A part of the path is longer than any name this server has"
        : error.message;
  return sendProblem(reply, request, {
    type: problemTypeUri(status >= 500 ? "internal" : "bad_request"),
    title: TITLES[status] ?? "Bad request",
    status,
    detail,
  });
}

/**
 * One error handler for every route: domain errors become problems that name the failing field and
 * quote the offending value; Fastify's own 4xx errors become problems; anything else is a 500 that
 * says nothing about the inside and is logged in full.
 */
export function registerProblemHandlers(
  app: FastifyInstance,
  options: { pageNotFound?: (reply: FastifyReply) => FastifyReply } = {},
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return sendProblem(reply, request, {
        ...problemOf(error.code, error.message),
        ...error.details,
      });
    }
    const known = fromFastifyError(error, request);
    if (known) return sendProblem(reply, request, known);
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, request, {
        type: problemTypeUri("bad_request"),
        title: TITLES[error.statusCode] ?? "Bad request",
        status: error.statusCode,
        detail: error.message,
      });
    }
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(
      reply,
      request,
      problemOf(
        "internal",
        "Something went wrong on the server. It has been logged; nothing was changed.",
      ),
    );
  });
  const page = problemTypesPage();
  app.get("/api/docs/problems", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("text/html; charset=utf-8").send(page),
  );
  app.setNotFoundHandler((request, reply) => {
    // A mistyped address in a browser gets the web app, which says there is no such page and
    // offers the rest; scripts and the API get the problem.
    if (
      options.pageNotFound &&
      request.method === "GET" &&
      !request.url.startsWith("/api/") &&
      request.headers.accept?.includes("text/html")
    ) {
      return options.pageNotFound(reply.status(404));
    }
    return sendProblem(
      reply,
      request,
      problemOf("not_found", `Nothing at ${request.method} ${request.url.split("?")[0]}`),
    );
  });
}
