import { OPERATOR } from "../domain/access.ts";
import { iterateRecords } from "../store/record.repository.ts";
import type { Services } from "./services.ts";

/** An actor of the process with every name it goes by (name, short name, names in other languages). */
export type ActorNames = { id: string; names: string[] };

/** The process's actors with their names, read once for a whole import. */
export async function listActorNames(services: Services, slug: string): Promise<ActorNames[]> {
  const actors: ActorNames[] = [];
  for await (const record of iterateRecords(services.store.db, slug, OPERATOR)) {
    if (record.type !== "actor") continue;
    const body = record.body as {
      name?: string;
      short_name?: string;
      names?: Record<string, string>;
    };
    const names = [body.name, body.short_name, ...Object.values(body.names ?? {})];
    actors.push({ id: record.id, names: names.filter((n): n is string => Boolean(n)) });
  }
  return actors;
}

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
  for (const actor of await listActorNames(services, slug)) {
    for (const name of actor.names) byName.set(name.toLowerCase(), actor.id);
  }
  return (name: string): string | undefined => mapping[name] ?? byName.get(name.toLowerCase());
}
