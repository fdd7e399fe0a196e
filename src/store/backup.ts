import { spawn } from "node:child_process";
import { DomainError } from "../domain/errors.ts";
import type { Store } from "./db.ts";
import { checkpointEmbedded } from "./maintenance.ts";

/**
 * A consistent gzipped tar of an open embedded store's PostgreSQL data directory. The caller holds
 * the data directory's lock (it opened the store), so no other process writes meanwhile; the
 * checkpoint flushes every committed change into the data files first, so the copy needs no WAL
 * replay to be complete. Unpacked into `TRUCE_DATA_DIR/pglite`, it is a store again.
 */
export async function dumpEmbeddedStore(store: Store): Promise<Uint8Array> {
  if (store.kind !== "pglite" || !store.pglite)
    throw new Error("dumpEmbeddedStore needs an embedded store opened from a data directory");
  await checkpointEmbedded(store.db);
  const blob = await store.pglite.dumpDataDir("gzip");
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * Runs `pg_dump` on a PostgreSQL store into `out`, in its custom format (restore with
 * `pg_restore`). pg_dump takes one snapshot, so the copy is consistent while servers keep writing.
 * The URL goes to pg_dump through its environment, never its arguments, so `ps` cannot show a
 * password.
 */
export function runPgDump(url: string, out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("pg_dump", ["--format=custom", "--no-owner", "--file", out], {
      env: { ...process.env, ...pgEnvFromUrl(url) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new DomainError(
              "bad_request",
              "pg_dump is not on PATH: install the PostgreSQL client tools (the same major version as the server, or newer) to back up a PostgreSQL store",
            )
          : error,
      );
    });
    child.on("close", (code) => {
      if (code === 0) resolve();
      else
        reject(new DomainError("bad_request", `pg_dump failed (exit ${code}): ${stderr.trim()}`));
    });
  });
}

/** libpq's environment variables for a postgres:// URL, so no secret appears on a command line. */
function pgEnvFromUrl(url: string): Record<string, string> {
  const parsed = new URL(url);
  const env: Record<string, string> = {};
  if (parsed.hostname) env.PGHOST = decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, ""));
  if (parsed.port) env.PGPORT = parsed.port;
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (database) env.PGDATABASE = database;
  const sslmode = parsed.searchParams.get("sslmode");
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}
