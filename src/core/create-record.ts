import { writeToProcess } from "./process-writer.ts";
import type { Principal, Services } from "./services.ts";
import { type OnceOutcome, writeOnce } from "./write-once.ts";

/** Creates a record of `type` in a process, with its ledger entry, in one transaction. */
export function createRecord(
  services: Services,
  slug: string,
  type: string,
  input: unknown,
  principal: Principal,
): Promise<Record<string, unknown>> {
  return writeToProcess(services, slug, principal, (writer) => writer.create(type, input));
}

/**
 * Creates a record once per Idempotency-Key (`writeOnce`): a report sent again over a flaky link
 * is stored once, and the repeat is answered as the first was. Without a key, as `createRecord`.
 */
export async function createRecordOnce(
  services: Services,
  slug: string,
  type: string,
  input: unknown,
  principal: Principal,
  key: string | undefined,
): Promise<OnceOutcome> {
  if (key === undefined) {
    const record = await createRecord(services, slug, type, input, principal);
    return { status: 201, record, replayed: false };
  }
  return writeOnce(
    services,
    slug,
    principal,
    { key, target: `POST ${type}`, body: input },
    async (writer) => ({ status: 201, record: await writer.create(type, input) }),
  );
}
