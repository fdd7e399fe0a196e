import { z } from "zod";
import type { KindDefinition } from "../domain/kind.ts";
import { EnvelopeInputSchema, EnvelopeOutputSchema } from "../domain/record.ts";

/**
 * JSON Schemas for the API docs, derived from the same zod schemas that validate input in core.
 * Routes carry them for documentation only; validation happens once, in core, for every caller.
 */
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

function fieldsOf(kind: KindDefinition): z.ZodRawShape {
  return (kind.schema as unknown as z.ZodObject).shape;
}

export function recordInputSchema(kind: KindDefinition): Record<string, unknown> {
  return jsonSchema(z.object({ ...EnvelopeInputSchema.shape, ...fieldsOf(kind) }).strict());
}

export function recordOutputSchema(kind: KindDefinition): Record<string, unknown> {
  return jsonSchema(z.object({ ...EnvelopeOutputSchema.shape, ...fieldsOf(kind) }), "output");
}

export const problemSchema = {
  type: "object",
  description: "RFC 9457 problem details; issues names each failing field",
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    instance: { type: "string" },
    issues: {
      type: "array",
      items: {
        type: "object",
        properties: { path: { type: "string" }, message: { type: "string" }, value: {} },
      },
    },
  },
} as const;
