import { writeToProcess } from "./process-writer.ts";
import type { Principal, Services } from "./services.ts";
import { type OnceOutcome, writeOnce } from "./write-once.ts";

/**
 * Replaces a record's fields if it is still at `expectedVersion` (optimistic concurrency: two
 * editors never silently overwrite each other).
 */
export function updateRecord(
  services: Services,
  slug: string,
  type: string,
  id: string,
  input: unknown,
  expectedVersion: number,
  principal: Principal,
): Promise<Record<string, unknown>> {
  return writeToProcess(services, slug, principal, (writer) =>
    writer.update(type, id, input, expectedVersion),
  );
}

/**
 * Updates a record once per Idempotency-Key (`writeOnce`): an update whose answer was lost on the
 * way is answered again as it was, not refused as stale by its own first copy. A record someone
 * else changed meanwhile is still a 412, so the sender sees the conflict.
 */
export async function updateRecordOnce(
  services: Services,
  slug: string,
  change: { type: string; id: string; input: unknown; expectedVersion: number },
  principal: Principal,
  key: string | undefined,
): Promise<OnceOutcome> {
  const { type, id, input, expectedVersion } = change;
  if (key === undefined) {
    const record = await updateRecord(services, slug, type, id, input, expectedVersion, principal);
    return { status: 200, record, replayed: false };
  }
  return writeOnce(
    services,
    slug,
    principal,
    { key, target: `PUT ${type}/${id}`, body: input, expectedVersion },
    async (writer) => ({
      status: 200,
      record: await writer.update(type, id, input, expectedVersion),
    }),
  );
}
