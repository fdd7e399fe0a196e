import type { FastifyRequest } from "fastify";
import { DomainError } from "../domain/errors.ts";

/**
 * The Idempotency-Key header as the route schemas declare it. The IETF draft
 * (draft-ietf-httpapi-idempotency-key-header) makes it a Structured Field string, quoted; a bare
 * token is taken too, as most clients send a UUID without quotes.
 */
export const IDEMPOTENCY_KEY_HEADER = {
  "idempotency-key": {
    type: "string",
    description:
      'a key unique to this change, e.g. "8e03978e-40d5-43e8-bc93-6894a57f9324": sent again ' +
      "with the same request, the first answer comes back and nothing new is stored",
  },
} as const;

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The request's Idempotency-Key, unquoted, or undefined; a malformed one is a 400 naming it. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers["idempotency-key"];
  if (header === undefined) return undefined;
  const raw = Array.isArray(header) ? header.join(",") : header;
  const key = /^"(.*)"$/.test(raw) ? raw.slice(1, -1) : raw;
  if (!KEY.test(key) || key.includes('"') || key.includes("\\")) {
    throw new DomainError("bad_request", "Idempotency-Key is 1 to 255 visible ASCII characters", {
      issues: [
        { path: "Idempotency-Key", message: "1 to 255 visible ASCII characters, quoted or not" },
      ],
    });
  }
  return key;
}
