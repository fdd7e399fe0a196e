import { renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dumpEmbeddedStore, runPgDump } from "../store/backup.ts";
import { openStore, redactUrl, storeOptionsFromEnv } from "../store/db.ts";

export type BackupResult = {
  store: "pglite" | "postgres";
  out: string;
  bytes: number;
  from: string;
};

/** The file name a backup gets when none is given: the store kind and the time, sortable. */
export function defaultBackupName(kind: "pglite" | "postgres", now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return kind === "pglite" ? `truce-backup-${stamp}.tar.gz` : `truce-backup-${stamp}.pgdump`;
}

/**
 * Backs up the store the environment names into `out` (or a file named for the time). The
 * embedded store is opened, which takes its lock (so it fails while `truce serve` holds it) and
 * dumped whole; a PostgreSQL store is handed to `pg_dump`. The file is written beside `out` and
 * renamed into place, so a failed backup never leaves a truncated file under the final name.
 */
export async function backupStore(
  env: NodeJS.ProcessEnv,
  out: string | undefined,
  now: Date,
): Promise<BackupResult> {
  const options = storeOptionsFromEnv(env, "backup");
  const target = out ?? defaultBackupName(options.kind === "postgres" ? "postgres" : "pglite", now);
  const partial = `${target}.partial`;
  try {
    if (options.kind === "postgres") {
      await runPgDump(options.url, partial);
      renameSync(partial, target);
      return {
        store: "postgres",
        out: target,
        bytes: statSync(target).size,
        from: redactUrl(options.url),
      };
    }
    const store = await openStore(options);
    try {
      const bytes = await dumpEmbeddedStore(store);
      writeFileSync(partial, bytes, { mode: 0o600 });
      renameSync(partial, target);
      return { store: "pglite", out: target, bytes: bytes.byteLength, from: store.location };
    } finally {
      await store.close();
    }
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
