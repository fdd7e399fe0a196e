import type { FastifyInstance } from "fastify";
import { createProcess } from "../../core/create-process.ts";
import { getProcess, listAllProcesses } from "../../core/get-process.ts";
import type { Services } from "../../core/services.ts";
import { ProcessSchema } from "../../domain/process.schema.ts";
import { viewerOf } from "../auth.ts";
import { ACCESS, BODY_PROBLEMS, jsonSchema, ok, problems, ref } from "../openapi.ts";

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
    async (request) =>
      getProcess(services, request.params.slug, viewerOf(request, request.params.slug)),
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
