import { writeToProcess } from "./process-writer.ts";
import type { Principal, Services } from "./services.ts";

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
