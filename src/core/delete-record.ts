import { writeToProcess } from "./process-writer.ts";
import type { Principal, Services } from "./services.ts";

/** Deletes a record nobody refers to; the ledger keeps its history. */
export function deleteRecord(
  services: Services,
  slug: string,
  type: string,
  id: string,
  expectedVersion: number | undefined,
  principal: Principal,
): Promise<void> {
  return writeToProcess(services, slug, principal, (writer) =>
    writer.remove(type, id, expectedVersion),
  );
}
