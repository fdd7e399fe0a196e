import { createHash } from "node:crypto";
import { DomainError } from "../domain/errors.ts";
import { canonicalJson } from "../ledger/canonical-json.ts";
import { type ProcessWriter, writeToProcess } from "./process-writer.ts";
import type { Principal, Services } from "./services.ts";

/** A change sent with an Idempotency-Key: the key and what identifies the request it was sent with. */
export type IdempotentRequest = {
  key: string;
  /** The method and the record it changes ("POST incidents", "PUT incidents/inc-1"). */
  target: string;
  body: unknown;
  /** The version an update was made against (If-Match), if any. */
  expectedVersion?: number | undefined;
};

/** A change's answer: its status and the record as it was stored, and whether it is a repeat's. */
export type OnceOutcome = {
  status: number;
  record: Record<string, unknown>;
  /** True when the key had been seen: nothing was written, this is the first answer again. */
  replayed: boolean;
};

/**
 * Runs a change to one record at most once per Idempotency-Key (IETF draft
 * draft-ietf-httpapi-idempotency-key-header): a repeat of the same request, however often it is sent
 * and whatever changed since, is answered with the first answer and writes nothing; the same key
 * with another request is refused (422), as the draft says. The key is stored in the change's own
 * transaction, under the process's lock, so two copies sent at once are one change.
 */
export async function writeOnce(
  services: Services,
  slug: string,
  principal: Principal,
  request: IdempotentRequest,
  change: (writer: ProcessWriter) => Promise<{ status: number; record: Record<string, unknown> }>,
): Promise<OnceOutcome> {
  const requestHash = createHash("sha256")
    .update(
      canonicalJson({
        target: request.target,
        body: request.body ?? null,
        expected_version: request.expectedVersion ?? null,
      }),
    )
    .digest("hex");
  return writeToProcess(services, slug, principal, async (writer) => {
    const first = await writer.requests.recall(request.key);
    if (first) {
      if (first.request_hash !== requestHash) {
        throw new DomainError(
          "validation_failed",
          "This Idempotency-Key was sent before with another request: a new request needs a new key",
          { issues: [{ path: "Idempotency-Key", message: "already used for another request" }] },
        );
      }
      return { status: first.status, record: first.response, replayed: true };
    }
    const { status, record } = await change(writer);
    await writer.requests.remember(request.key, {
      request_hash: requestHash,
      status,
      response: record,
      record_id: String(record.id),
    });
    return { status, record, replayed: false };
  });
}
