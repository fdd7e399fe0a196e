import type { SwaggerOptions } from "@fastify/swagger";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { KindDefinition } from "../domain/kind.ts";
import { EnvelopeInputSchema, EnvelopeOutputSchema } from "../domain/record.ts";
import { ReportFieldsSchema } from "../domain/report-fields.ts";
import { VERSION } from "../version.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "./cookies.ts";
import { PROBLEM_TYPES, problemTypeUri } from "./problem-types.ts";
import { TITLES } from "./problems.ts";

/**
 * The OpenAPI document's shared pieces: the document itself, who may call an operation, the
 * responses operations declare, and the named schemas they refer to. Routes carry schemas for
 * documentation only; validation happens once, in core, for every caller (decision 0005).
 */

/** JSON Schema for the docs, from the same zod schemas that validate input in core. */
export function jsonSchema(
  schema: z.ZodType,
  io: "input" | "output" = "input",
): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return rest;
}

/** How a caller proves who it is (src/server/auth.ts); neither is the public. */
const SECURITY_SCHEMES = {
  bearerToken: {
    type: "http",
    scheme: "bearer",
    description:
      "An API token, for scripts: printed once by `truce user add --token`, sent as " +
      "`Authorization: Bearer TOKEN`.",
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description:
      "The web app's session: an HttpOnly cookie set by `POST /api/session`. Changes made with " +
      "it also need the session's CSRF token (csrfToken).",
  },
  csrfToken: {
    type: "apiKey",
    in: "header",
    name: CSRF_HEADER,
    description:
      "The session's CSRF token (`csrf_token` from `GET` or `POST /api/session`), which every " +
      "change made with the session cookie echoes; a page on another site cannot read it.",
  },
} as const;

type Requirement = { [scheme in keyof typeof SECURITY_SCHEMES]?: string[] };

/**
 * Who may call an operation, as OpenAPI security requirements (any one of them will do; `{}` is
 * the public). Credentials that are sent are always checked: a bad token is a 401 on any route.
 */
export const ACCESS = {
  /** Needs no credentials, and answers everyone alike. */
  anyone: [{}],
  /** Anyone may read; a token or session also shows what the caller's roles may see. */
  read: [{}, { bearerToken: [] }, { sessionCookie: [] }],
  /** A change: a token, or the session cookie with its CSRF token. docs/access.md says whose. */
  write: [{ bearerToken: [] }, { sessionCookie: [], csrfToken: [] }],
} satisfies Record<string, Requirement[]>;

/** A named schema, one of the document's components, as an operation refers to it. */
export function ref(name: string): { $ref: string } {
  return { $ref: `${name}#` };
}

/** Adds named schemas to the app; the document lists them under components.schemas. */
export function addSchemas(app: FastifyInstance, schemas: Record<string, object>): void {
  for (const [name, schema] of Object.entries(schemas)) app.addSchema({ $id: name, ...schema });
}

/** The @fastify/swagger options: the document's header; its paths come from the routes. */
export const SWAGGER_OPTIONS: SwaggerOptions = {
  openapi: {
    openapi: "3.1.0",
    info: {
      title: "Truce API",
      version: VERSION,
      description:
        "The shared, verifiable record of a peace process. Errors are RFC 9457 problem details " +
        "(application/problem+json) naming the failing field in `issues`; their `type` links to " +
        "/api/docs/problems.",
      license: { name: "AGPL-3.0-or-later", identifier: "AGPL-3.0-or-later" },
    },
    // Relative: the API is described at whatever address its server answers on.
    servers: [{ url: "/", description: "This server" }],
    components: { securitySchemes: SECURITY_SCHEMES },
  },
  // Named schemas keep their names in components.schemas (instead of def-0, def-1...).
  refResolver: {
    buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`),
  },
};

/** A successful answer: what it is, and its body's schema. */
export function ok(description: string, schema: object, mediaType = "application/json"): object {
  return { description, content: { [mediaType]: { schema } } };
}

/** A successful answer without a body. */
export function noContent(description: string): object {
  return { description, type: "null" };
}

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429;

/** What a JSON body can be refused for: not JSON, too large, another content type, invalid. */
export const BODY_PROBLEMS = [400, 413, 415, 422] as const satisfies ProblemStatus[];

/** A problem response's description: its title and what each problem type with its status means. */
function problemDescription(status: ProblemStatus): string {
  const meanings = Object.values(PROBLEM_TYPES)
    .filter((type) => type.status === status)
    .map((type) => type.meaning);
  return [`${TITLES[status]}.`, ...meanings].join(" ");
}

/**
 * The problems an operation answers with, as application/problem+json. Every /api/ operation may
 * also answer 401 (credentials that are not valid) and 429 (too many requests), so those are
 * always included.
 */
export function problems(...statuses: ProblemStatus[]): Record<number, object> {
  const all = [...new Set<ProblemStatus>([...statuses, 401, 429])].sort((a, b) => a - b);
  return Object.fromEntries(
    all.map((status) => [
      status,
      {
        description: problemDescription(status),
        content: { "application/problem+json": { schema: ref("Problem") } },
      },
    ]),
  );
}

/** RFC 9457 problem details, as every error is answered (src/server/problems.ts). */
export const PROBLEM_SCHEMA = {
  type: "object",
  description: "RFC 9457 problem details; `issues` names each failing field",
  properties: {
    type: {
      type: "string",
      description: `where the problem type is explained, e.g. ${problemTypeUri("not_found")}`,
    },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string", description: "what went wrong in this case" },
    instance: { type: "string", description: "the request's path" },
    issues: {
      type: "array",
      items: {
        type: "object",
        properties: {
          path: { type: "string", description: "the field, parameter or file line" },
          message: { type: "string" },
          value: { description: "the value refused, when it helps" },
        },
        required: ["path", "message"],
      },
    },
  },
  required: ["type", "title", "status", "detail"],
} as const;

function fieldsOf(kind: KindDefinition): z.ZodRawShape {
  return (kind.schema as unknown as z.ZodObject).shape;
}

function pascalCase(name: string): string {
  return name
    .split(/[-_]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/**
 * A kind's names in the document: `Incident`, its plural `Incidents`, from which its operationIds
 * (`listIncidents`, `getIncident`...) and its schemas (`Incident`, `IncidentInput`) are named.
 */
export function kindNames(kind: KindDefinition): { one: string; many: string } {
  return { one: pascalCase(kind.type), many: pascalCase(kind.path) };
}

/** A kind's record as clients send it (`IncidentInput`) and as the API answers it (`Incident`). */
export function addRecordSchemas(
  app: FastifyInstance,
  kind: KindDefinition,
): { input: { $ref: string }; output: { $ref: string } } {
  const { one } = kindNames(kind);
  const fields = fieldsOf(kind);
  addSchemas(app, {
    [`${one}Input`]: jsonSchema(
      z.object({ ...EnvelopeInputSchema.shape, ...ReportFieldsSchema.shape, ...fields }).strict(),
    ),
    [one]: jsonSchema(
      z.object({ ...EnvelopeOutputSchema.shape, ...ReportFieldsSchema.shape, ...fields }),
      "output",
    ),
  });
  return { input: ref(`${one}Input`), output: ref(one) };
}
