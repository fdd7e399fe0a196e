import { DomainError } from "../domain/errors.ts";
import { EXAMPLES, type Example, REFERENCE_PROCESS } from "../reference/index.ts";
import { listProcesses } from "../store/process.repository.ts";
import { ensureProcess } from "./create-process.ts";
import { type ImportSummary, importRecords } from "./import-records.ts";
import type { Principal, Services } from "./services.ts";

/** The example's slug, as the example itself gives it: the loader names no process. */
export const REFERENCE_SLUG = String(REFERENCE_PROCESS.process.slug);

/** The slugs of the built-in examples, the default one first. */
export const EXAMPLE_SLUGS: readonly string[] = EXAMPLES.map((e) => String(e.process.slug));

function exampleOf(slug: string): Example {
  const example = EXAMPLES.find((e) => e.process.slug === slug);
  if (!example) {
    throw new DomainError(
      "not_found",
      `No built-in example "${slug}": the examples are ${EXAMPLE_SLUGS.join(", ")}`,
      { issues: [{ path: "process", message: `one of ${EXAMPLE_SLUGS.join(", ")}` }] },
    );
  }
  return example;
}

/**
 * Loads a built-in example (src/reference/), the default one unless a slug names another. Records
 * already present are left as they are (even if someone has edited them since), so running it
 * twice changes nothing.
 */
export async function loadReferenceProcess(
  services: Services,
  principal: Principal,
  slug: string = REFERENCE_SLUG,
): Promise<ImportSummary> {
  const example = exampleOf(slug);
  await ensureProcess(services, example.process);
  return importRecords(
    services,
    slug,
    example.records.map((record, index) => ({ at: `record ${index + 1}`, record })),
    { principal, onExisting: "keep" },
  );
}

/** On a store with no process at all, loads the example so a first start has something to show. */
export async function loadReferenceIfEmpty(
  services: Services,
  principal: Principal,
): Promise<ImportSummary | null> {
  if ((await listProcesses(services.store.db)).length > 0) return null;
  return loadReferenceProcess(services, principal);
}
