import type { Viewer } from "../domain/access.ts";
import { DAY_WINDOW_MS, type RecentChanges, WEEK_WINDOW_MS } from "../domain/recent-changes.ts";
import { countChangesSince } from "../store/changes.repository.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

/** What changed in the last day and week of a process, of what the viewer may see. */
export async function recentChanges(
  services: Services,
  slug: string,
  viewer: Viewer,
  now = new Date(),
): Promise<RecentChanges> {
  const process = await requireProcess(services, slug);
  const rows = await countChangesSince(services.store.db, process.id, viewer, {
    now,
    day: new Date(now.getTime() - DAY_WINDOW_MS),
    week: new Date(now.getTime() - WEEK_WINDOW_MS),
  });
  return {
    as_of: now.toISOString(),
    changes: rows.map(({ record_type, ...counts }) => ({ type: record_type, ...counts })),
  };
}
