import { z } from "zod";
import { writeToProcess } from "./process-writer.ts";
import { parseInput } from "./query-params.ts";
import type { Principal, Services } from "./services.ts";

export const ErasureSchema = z
  .object({ reason: z.string().trim().min(1).max(500).describe("why, e.g. the person's request") })
  .strict();

/**
 * Erases the personal data of a record on request (a detainee's name, notes, date of capture).
 * The ledger only ever held hashes of it, so it stays verifiable: `truce verify` reports the
 * erasure as an erasure, not as tampering.
 */
export async function eraseRecord(
  services: Services,
  slug: string,
  type: string,
  id: string,
  input: unknown,
  principal: Principal,
): Promise<Record<string, unknown>> {
  const { reason } = parseInput(ErasureSchema, input);
  return writeToProcess(services, slug, principal, (writer) => writer.erase(type, id, reason));
}
