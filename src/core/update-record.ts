import { writeToProcess } from "./process-writer.ts";
import type { Principal, Services } from "./services.ts";

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
