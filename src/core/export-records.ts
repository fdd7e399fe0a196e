import type { Viewer } from "../domain/access.ts";
import { KINDS } from "../domain/kinds/index.ts";
import { listRecords } from "../store/record.repository.ts";
import { presentRecord } from "./present.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

/**
 * Every record of a process the viewer may see, kind by kind in load order and in each kind's
 * list order, a page at a time: an export never holds the whole process in memory.
 */
export async function* exportRecords(
  services: Services,
  slug: string,
  viewer: Viewer,
  types?: readonly string[],
): AsyncGenerator<Record<string, unknown>> {
  await requireProcess(services, slug);
  for (const kind of KINDS) {
    if (types && !types.includes(kind.type)) continue;
    let after: { sort_key: string; id: string } | undefined;
    for (;;) {
      const page = await listRecords(services.store.db, slug, viewer, {
        type: kind.type,
        after,
        limit: 1000,
      });
      for (const row of page.slice(0, 1000)) yield presentRecord(row);
      const last = page.at(999);
      if (page.length <= 1000 || !last) break;
      after = { sort_key: last.sort_key, id: last.id };
    }
  }
}
