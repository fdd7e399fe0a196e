import type { FastifyInstance } from "fastify";
import { closeProcess, updateProcess } from "../../core/change-process.ts";
import { createProcess } from "../../core/create-process.ts";
import { getProcess, getProcessFields, listAllProcesses } from "../../core/get-process.ts";
import type { Services } from "../../core/services.ts";
import { mergePatch } from "../../domain/merge-patch.ts";
import { ProcessClosingSchema, ProcessSchema } from "../../domain/process.schema.ts";
import { viewerOf } from "../auth.ts";
import { ACCESS, BODY_PROBLEMS, jsonSchema, ok, problems, ref } from "../openapi.ts";
import { etagOf, requireIfMatch } from "../preconditions.ts";
import { markWritten } from "../read-routing.ts";

export function registerProcessRoutes(app: FastifyInstance, services: Services): void {
  app.get(
    "/api/processes",
    {
      schema: {
        tags: ["processes"],
        operationId: "listProcesses",
        summary: "List processes",
        security: ACCESS.read,
        response: {
          200: ok("Every process, with its ledger size", {
            type: "object",
            properties: { items: { type: "array", items: ref("ProcessSummary") } },
            required: ["items"],
          }),
          ...problems(),
        },
      },
    },
    async () => ({ items: await listAllProcesses(services) }),
  );
  app.get<{ Params: { slug: string } }>(
    "/api/processes/:slug",
    {
      schema: {
        tags: ["processes"],
        operationId: "getProcess",
        summary: "One process, with record counts by kind and its ledger size",
        security: ACCESS.read,
        params: { type: "object", properties: { slug: { type: "string" } }, required: ["slug"] },
        response: {
          200: ok("The process; its counts are of the records you may see", ref("ProcessDetail")),
          ...problems(404),
        },
      },
    },
    async (request, reply) => {
      const process = await getProcess(
        services,
        request.params.slug,
        viewerOf(request, request.params.slug),
      );
      // The version a PATCH names in If-Match.
      return reply.header("etag", etagOf(process.version)).send(process);
    },
  );
  app.patch<{ Params: { slug: string }; Body: unknown }>(
    "/api/processes/:slug",
    {
      schema: {
        tags: ["processes"],
        operationId: "updateProcess",
        summary: "Change a process's own fields (admins)",
        description:
          "A JSON Merge Patch (RFC 7396) of the process's fields: members given replace the " +
          "stored ones, null removes one, the slug cannot change. Needs If-Match with the version " +
          "of your GET (its ETag). The change is an entry in the process's ledger. A closed " +
          "process is refused with a 409.",
        security: ACCESS.write,
        params: { type: "object", properties: { slug: { type: "string" } }, required: ["slug"] },
        body: { type: "object", description: "the fields to change" },
        response: {
          200: ok("The process's fields as stored now", ref("Process")),
          ...problems(...BODY_PROBLEMS, 403, 404, 409, 412, 428),
        },
      },
    },
    async (request, reply) => {
      const slug = request.params.slug;
      const expected = requireIfMatch(request.headers["if-match"]);
      const stored = await getProcessFields(services, slug);
      const changed = await updateProcess(
        services,
        slug,
        mergePatch(stored, request.body),
        expected,
        request.auth.caller,
      );
      markWritten(reply, services, slug);
      return reply.header("etag", etagOf(changed.version)).send(changed.process);
    },
  );
  app.post<{ Params: { slug: string }; Body: { on: unknown; reason: string } }>(
    "/api/processes/:slug/close",
    {
      schema: {
        tags: ["processes"],
        operationId: "closeProcess",
        summary: "Close a process on a date, for a reason (admins)",
        description:
          "The process stays readable, exportable and verifiable; every later change to it gets " +
          "a 409 saying it is closed (the erasure of personal data aside). One ledger entry.",
        security: ACCESS.write,
        params: { type: "object", properties: { slug: { type: "string" } }, required: ["slug"] },
        body: jsonSchema(ProcessClosingSchema),
        response: {
          200: ok("The process's fields, closed", ref("Process")),
          ...problems(...BODY_PROBLEMS, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const slug = request.params.slug;
      const body = (request.body ?? {}) as { on?: unknown; reason?: unknown };
      const closed = await closeProcess(
        services,
        slug,
        { on: body.on, reason: typeof body.reason === "string" ? body.reason : "" },
        request.auth.caller,
      );
      markWritten(reply, services, slug);
      return reply.header("etag", etagOf(closed.version)).send(closed.process);
    },
  );
  app.post(
    "/api/processes",
    {
      schema: {
        tags: ["processes"],
        operationId: "createProcess",
        summary: "Create a process",
        security: ACCESS.write,
        body: jsonSchema(ProcessSchema),
        response: {
          201: ok("The process as stored", ref("Process")),
          ...problems(...BODY_PROBLEMS, 403, 409),
        },
      },
    },
    async (request, reply) => {
      const created = await createProcess(services, request.body, request.auth.caller);
      return reply.status(201).send(created);
    },
  );
}
