import type { FastifyInstance } from "fastify";
import { createProcess } from "../../core/create-process.ts";
import { getProcess, listAllProcesses } from "../../core/get-process.ts";
import type { Services } from "../../core/services.ts";
import { ProcessSchema } from "../../domain/process.schema.ts";
import { viewerOf } from "../auth.ts";
import { jsonSchema, problemSchema } from "../openapi.ts";

export function registerProcessRoutes(app: FastifyInstance, services: Services): void {
  const process = jsonSchema(ProcessSchema, "output");
  app.get(
    "/api/processes",
    {
      schema: {
        tags: ["processes"],
        summary: "List processes",
        response: {
          200: { type: "object", properties: { items: { type: "array", items: process } } },
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
        summary: "One process, with record counts by kind and its ledger size",
        params: { type: "object", properties: { slug: { type: "string" } }, required: ["slug"] },
        response: { 404: problemSchema },
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
        summary: "Create a process",
        body: jsonSchema(ProcessSchema),
        response: {
          201: process,
          401: problemSchema,
          403: problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const created = await createProcess(services, request.body, request.auth.caller);
      return reply.status(201).send(created);
    },
  );
}
