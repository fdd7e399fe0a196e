import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { cube } from "@electric-sql/pglite/contrib/cube";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock.ts";
import { migrate } from "./migrate.ts";
import type { Database } from "./schema.ts";
import { SerializedPGliteDialect } from "./serialized-driver.ts";

export type StoreKind = "pglite" | "postgres";

/** The contrib extensions the migrations create (PostgreSQL ships them; PGlite loads them). */
export const PGLITE_EXTENSIONS = { cube };

export type Store = {
  db: Kysely<Database>;
  /** A streaming replica for public reads (DATABASE_READ_URL), when there is one. */
  readDb?: Kysely<Database>;
  kind: StoreKind;
  /** Where the store lives, for messages: a directory, or the server without its password. */
  location: string;
  /** The embedded engine itself, for what SQL cannot do through Kysely (COPY from a file, dumps). */
  pglite?: PGlite;
  /** Records the serving URL in the data directory's lock, so other commands can point at it. */
  announce: (url: string) => void;
  close: () => Promise<void>;
};

export type StoreOptions =
  | { kind: "postgres"; url: string; readUrl?: string | undefined; poolSize?: number }
  | { kind: "pglite"; dataDir: string; command: string }
  | { kind: "pglite-memory"; template?: Blob };

// bigint (int8) arrives as a string from pg; our bigints (ledger sizes) fit in a double.
pg.types.setTypeParser(20, (value) => Number(value));

/** Chooses the store from the environment, as `truce` documents it. */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv, command: string): StoreOptions {
  if (env.DATABASE_URL)
    return { kind: "postgres", url: env.DATABASE_URL, readUrl: env.DATABASE_READ_URL };
  return { kind: "pglite", dataDir: resolve(env.TRUCE_DATA_DIR ?? "./data"), command };
}

/** Opens the store and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.kind === "postgres") {
    const pool = quietPool(
      new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 }),
    );
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrate(db);
    // Migrations run on the primary only; the replica receives them by streaming replication.
    const readDb = options.readUrl
      ? new Kysely<Database>({
          dialect: new PostgresDialect({
            pool: quietPool(
              new pg.Pool({ connectionString: options.readUrl, max: options.poolSize ?? 10 }),
            ),
          }),
        })
      : undefined;
    return {
      db,
      ...(readDb ? { readDb } : {}),
      kind: "postgres",
      location:
        redactUrl(options.url) + (options.readUrl ? ` (reads: ${redactUrl(options.readUrl)})` : ""),
      announce: () => {},
      close: async () => {
        await readDb?.destroy();
        await db.destroy();
      },
    };
  }
  if (options.kind === "pglite-memory") {
    const pglite = new PGlite({
      extensions: PGLITE_EXTENSIONS,
      ...(options.template ? { loadDataDir: options.template } : {}),
    });
    const db = new Kysely<Database>({ dialect: new SerializedPGliteDialect({ pglite }) });
    await migrate(db);
    return {
      db,
      kind: "pglite",
      location: "memory",
      pglite,
      announce: () => {},
      close: () => db.destroy(),
    };
  }
  const lock = lockDataDir(options.dataDir, { command: options.command });
  try {
    const pglite = new PGlite(join(options.dataDir, "pglite"), { extensions: PGLITE_EXTENSIONS });
    const db = new Kysely<Database>({ dialect: new SerializedPGliteDialect({ pglite }) });
    await migrate(db);
    return {
      db,
      kind: "pglite",
      pglite,
      location: options.dataDir,
      announce: (url) => lock.update({ url }),
      close: async () => {
        try {
          await db.destroy();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * An idle pooled connection that the server closes (a restart, a failover, a dropped database) makes
 * the pool emit "error"; unheard, that would crash the process. The pool drops the connection and
 * opens a new one on next use, so the event only needs a listener and a note.
 */
function quietPool(pool: pg.Pool): pg.Pool {
  pool.on("error", (error) => {
    process.emitWarning(`PostgreSQL closed an idle connection: ${error.message}`);
  });
  return pool;
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres";
  }
}
