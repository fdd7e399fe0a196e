import { checkpointEmbedded } from "../store/maintenance.ts";
import type { Services } from "./services.ts";

/**
 * On an embedded store, a checkpoint every `everyMs` (five minutes by default): PGlite has no
 * checkpointer of its own, so a long-running server's WAL would otherwise hold every write since
 * it started. Returns how to stop; does nothing on PostgreSQL, which checkpoints by itself.
 */
export function keepCheckpointing(
  services: Services,
  onError: (error: unknown) => void,
  everyMs = 5 * 60_000,
): () => void {
  if (services.store.kind !== "pglite") return () => {};
  const timer = setInterval(() => {
    checkpointEmbedded(services.store.db).catch(onError);
  }, everyMs);
  return () => clearInterval(timer);
}
