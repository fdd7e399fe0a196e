import { iterateRecords } from "../store/record.repository.ts";
import { OPERATOR } from "../store/scope.ts";
import type { Services } from "./services.ts";

/**
 * How a dataset's actor names become the process's actors: an explicit mapping (name → actor id)
 * first, then the actor's name, short name or any of its names in other languages, compared without
 * case. Reads the process's actors once; the returned function is pure.
 */
export async function resolveActorNames(
  services: Services,
  slug: string,
  mapping: Record<string, string>,
): Promise<(name: string) => string | undefined> {
  const byName = new Map<string, string>();
  for await (const record of iterateRecords(services.store.db, slug, OPERATOR)) {
    if (record.type !== "actor") continue;
    const body = record.body as {
      name?: string;
      short_name?: string;
      names?: Record<string, string>;
    };
    for (const name of [body.name, body.short_name, ...Object.values(body.names ?? {})]) {
      if (name) byName.set(name.toLowerCase(), record.id);
    }
  }
  return (name: string): string | undefined => mapping[name] ?? byName.get(name.toLowerCase());
}
