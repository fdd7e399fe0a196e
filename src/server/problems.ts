import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError, ERROR_CODES, type FieldIssue } from "../domain/errors.ts";
import { StoreBusyError } from "../store/data-dir-lock.ts";
import { problemTypesPage, problemTypeUri } from "./problem-types.ts";

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

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  412: "Precondition failed",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  428: "Precondition required",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

/** Problem type URIs resolve to the type's entry on /api/docs/problems. */
const typeUri = problemTypeUri;

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
        type: typeUri("malformed_json"),
        title: TITLES[400] as string,
        status: 400,
        detail: `The request body is not valid JSON: ${error.message}`,
        issues: [{ path: "", message: "not valid JSON" }],
      };
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return {
        type: typeUri("payload_too_large"),
        title: TITLES[413] as string,
        status: 413,
        detail: "The request body is larger than this server accepts",
      };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return {
        type: typeUri("unsupported_media_type"),
        title: TITLES[415] as string,
        status: 415,
        detail: request.url.includes("/imports")
          ? `Content-Type ${request.headers["content-type"] ?? "(none)"} is not a data file's: send text/csv, application/json, application/geo+json or application/octet-stream`
          : `Content-Type ${request.headers["content-type"] ?? "(none)"} is not JSON: send JSON with Content-Type: application/json`,
      };
    default:
      if (error.statusCode === 429) {
        return {
          type: typeUri("rate_limited"),
          title: TITLES[429] as string,
          status: 429,
          detail: error.message,
        };
      }
      return null;
  }
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
      const status = ERROR_CODES[error.code];
      return sendProblem(reply, request, {
        type: typeUri(error.code),
        title: TITLES[status] ?? "Error",
        status,
        detail: error.message,
        ...error.details,
      });
    }
    if (error instanceof StoreBusyError) {
      return sendProblem(reply, request, {
        type: typeUri("store_busy"),
        title: TITLES[503] as string,
        status: 503,
        detail: error.message,
      });
    }
    const known = fromFastifyError(error, request);
    if (known) return sendProblem(reply, request, known);
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, request, {
        type: typeUri("bad_request"),
        title: TITLES[error.statusCode] ?? "Bad request",
        status: error.statusCode,
        detail: error.message,
      });
    }
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(reply, request, {
      type: typeUri("internal"),
      title: TITLES[500] as string,
      status: 500,
      detail: "Something went wrong on the server. It has been logged; nothing was changed.",
    });
  });
  app.get("/api/docs/problems", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("text/html; charset=utf-8").send(problemTypesPage()),
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
    return sendProblem(reply, request, {
      type: typeUri("not_found"),
      title: TITLES[404] as string,
      status: 404,
      detail: `Nothing at ${request.method} ${request.url.split("?")[0]}`,
    });
  });
}
