import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import pg from "pg";
import type { Services } from "../../src/core/services.ts";
import { generatePrivateKeyPem, signerFromPem } from "../../src/ledger/signer.ts";
import { LedgerVersions } from "../../src/read-model/ledger-versions.ts";
import { openStore, type Store } from "../../src/store/db.ts";
import { registerSigningKey } from "../../src/store/ledger.repository.ts";

export type StoreName = "pglite" | "postgres";

/** The stores integration tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const STORE_NAMES: StoreName[] = process.env.TEST_DATABASE_URL
  ? ["pglite", "postgres"]
  : ["pglite"];

let template: Promise<Blob> | undefined;

/**
 * A migrated empty PGlite, dumped so each test starts from a copy: making a database (initdb) and
 * migrating it costs seconds of CPU, loading a copy a fraction of that. The dump is kept on disk,
 * named by the PGlite version and the migrations it holds, so a test run makes it once for all its
 * files (the global setup makes it before the workers start) and the next run reuses it.
 */
export function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => new Blob([readFileSync(await pgliteTemplateFile())]))();
  return template;
}

/** The file of the migrated empty PGlite's dump, made when it is not there yet. */
export async function pgliteTemplateFile(): Promise<string> {
  const { listMigrations } = await import("../../src/store/migrate.ts");
  const { PGLITE_EXTENSIONS } = await import("../../src/store/db.ts");
  const require = createRequire(import.meta.url);
  const pglitePackage = join(
    dirname(require.resolve("@electric-sql/pglite")),
    "..",
    "package.json",
  );
  const hash = createHash("sha256");
  hash.update(JSON.parse(readFileSync(pglitePackage, "utf8")).version);
  hash.update(Object.keys(PGLITE_EXTENSIONS).join(","));
  for (const migration of listMigrations()) hash.update(`${migration.name}\n${migration.sql}`);
  const dir = fileURLToPath(new URL("../../node_modules/.cache/truce-test/", import.meta.url));
  const file = join(dir, `pglite-template-${hash.digest("hex").slice(0, 16)}.tar`);
  if (existsSync(file)) return file;
  const { PGlite } = await import("@electric-sql/pglite");
  const { Kysely } = await import("kysely");
  const { SerializedPGliteDialect } = await import("../../src/store/serialized-driver.ts");
  const { migrate } = await import("../../src/store/migrate.ts");
  const pglite = new PGlite({ extensions: PGLITE_EXTENSIONS });
  const db = new Kysely<never>({ dialect: new SerializedPGliteDialect({ pglite }) });
  await migrate(db as never);
  const dump = await pglite.dumpDataDir("none");
  await db.destroy();
  // Written aside and renamed: workers and other runs making it at once never read half a file.
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return file;
}

let counter = 0;

/**
 * A new PostgreSQL database on the TEST_DATABASE_URL server, and how to drop it: empty, or a copy
 * of the database at `template` (a URL on the same server that nothing is connected to).
 */
export async function createTestDatabase(
  serverUrl = process.env.TEST_DATABASE_URL,
  { template }: { template?: string | undefined } = {},
): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = serverUrl;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  const database = `truce_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const from = template
    ? ` TEMPLATE ${pg.escapeIdentifier(new URL(template).pathname.slice(1))}`
    : "";
  await admin.query(`CREATE DATABASE ${database}${from}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${database}`;
  return {
    url: dbUrl.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** A fresh, empty, migrated store of the named kind; `close` removes it. */
export async function openTestStore(name: StoreName): Promise<Store> {
  if (name === "pglite")
    return openStore({ kind: "pglite-memory", template: await pgliteTemplate() });
  const database = await createTestDatabase();
  const store = await openStore({ kind: "postgres", url: database.url, poolSize: 4 });
  return {
    ...store,
    close: async () => {
      await store.close();
      await database.drop();
    },
  };
}

const signer = signerFromPem(generatePrivateKeyPem());

/** Services over a fresh store, with a throwaway signing key registered. */
export async function openTestServices(name: StoreName): Promise<Services> {
  const store = await openTestStore(name);
  await registerSigningKey(store.db, { key_id: signer.keyId, public_key: signer.publicKeyPem });
  return { store, signer, now: () => new Date(), versions: new LedgerVersions() };
}

/**
 * Services over a fresh PostgreSQL database with a streaming replica for reads: the database is
 * made on the primary and read through TEST_READ_DATABASE_URL's server once replication brings it.
 */
export async function openReplicatedServices(): Promise<Services & { drop: () => Promise<void> }> {
  const readServer = process.env.TEST_READ_DATABASE_URL;
  if (!readServer) throw new Error("TEST_READ_DATABASE_URL is not set");
  const database = await createTestDatabase();
  const readUrl = new URL(readServer);
  readUrl.pathname = new URL(database.url).pathname;
  for (let attempt = 0; ; attempt++) {
    const probe = new pg.Client({ connectionString: readUrl.toString() });
    try {
      await probe.connect();
      await probe.query("SELECT 1 FROM schema_migration LIMIT 1").catch(() => undefined);
      await probe.end();
      break;
    } catch (error) {
      await probe.end().catch(() => undefined);
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const store = await openStore({
    kind: "postgres",
    url: database.url,
    readUrl: readUrl.toString(),
    poolSize: 4,
  });
  await registerSigningKey(store.db, { key_id: signer.keyId, public_key: signer.publicKeyPem });
  return {
    store,
    signer,
    now: () => new Date(),
    versions: new LedgerVersions(),
    replicaVersions: new LedgerVersions(),
    drop: async () => {
      await store.close();
      await database.drop();
    },
  };
}

/** Where the store's last checkpoint starts its redo: it moves each time a checkpoint is taken. */
export async function checkpointLsn(services: Services): Promise<string> {
  const { rows } = await sql<{
    lsn: string;
  }>`SELECT redo_lsn::text AS lsn FROM pg_control_checkpoint()`.execute(services.store.db);
  return String(rows[0]?.lsn);
}
