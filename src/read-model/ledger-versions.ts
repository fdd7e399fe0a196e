import type { Kysely } from "kysely";
import { ledgerSizes } from "../store/process.repository.ts";
import type { Database } from "../store/schema.ts";

/**
 * The size of each process's ledger as this server last saw it. Every write to a process grows its
 * ledger, so the size is a version of everything in the process: caches key on it and are right
 * the moment it changes. This server's own writes update it at commit; writes by other servers
 * sharing the database are picked up by `refresh` (see `truce serve`, which polls every second).
 */
export class LedgerVersions {
  readonly #sizes = new Map<string, number>();
  readonly #listeners = new Set<(slug: string, size: number) => void>();

  get(slug: string): number | undefined {
    return this.#sizes.get(slug);
  }

  /** Records a size; sizes only grow, so a late, smaller reading never wins. */
  set(slug: string, size: number): void {
    if (size <= (this.#sizes.get(slug) ?? -1)) return;
    this.#sizes.set(slug, size);
    for (const listener of this.#listeners) listener(slug, size);
  }

  /**
   * Calls `listener` each time a process's ledger is seen to grow: after this server's own commits
   * and when `refresh` finds another server's. It runs inside the writer's call, so it only
   * schedules work (the alerts do theirs later, outside any transaction). Returns how to stop.
   */
  onGrow(listener: (slug: string, size: number) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async refresh(db: Kysely<Database>): Promise<void> {
    for (const { id, size } of await ledgerSizes(db)) this.set(id, size);
  }
}
