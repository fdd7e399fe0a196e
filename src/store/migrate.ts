import { readdirSync, readFileSync } from "node:fs";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "./schema.ts";

const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);

/** The plain SQL migrations in order: 001_*.sql, 002_*.sql... */
export function listMigrations(): Array<{ name: string; sql: string }> {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{3}_.+\.sql$/.test(file))
    .sort()
    .map((file) => ({ name: file, sql: readFileSync(new URL(file, MIGRATIONS_DIR), "utf8") }));
}

/** Held for one transaction: several servers starting at once on one database take turns. */
const lockMigrations = (tx: Transaction<Database>) =>
  sql`SELECT pg_advisory_xact_lock(727001)`.execute(tx);

/**
 * Applies the migrations not yet applied, each in its own transaction. On PostgreSQL an advisory
 * lock keeps several servers starting at once from applying the same migration twice, and from
 * creating the table of applied migrations twice: two concurrent CREATE TABLE IF NOT EXISTS can
 * both pass the check, and the second fails on the catalog's unique index.
 */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction().execute(async (tx) => {
    await lockMigrations(tx);
    await sql`CREATE TABLE IF NOT EXISTS schema_migration (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(tx);
  });
  const migrations = listMigrations();
  for (const migration of migrations) {
    await db.transaction().execute(async (tx) => {
      await lockMigrations(tx);
      const done = await tx
        .selectFrom("schema_migration")
        .select("name")
        .where("name", "=", migration.name)
        .executeTakeFirst();
      if (done) return;
      // One statement per call: PGlite's extended protocol, like pg's, takes no multi-statement text.
      for (const statement of splitStatements(migration.sql)) await sql.raw(statement).execute(tx);
      await tx.insertInto("schema_migration").values({ name: migration.name }).execute();
      applied.push(migration.name);
    });
  }
  // An upgraded store (not a new one) may hold tables the migrations filled or rebuilt: vacuumed,
  // their pages are all-visible, so reads answered from an index need not visit them (decision
  // 0019), and analyzed, they are planned for their size. Migrations run in transactions, where
  // VACUUM cannot.
  if (applied.length > 0 && applied.length < migrations.length)
    await sql`VACUUM (ANALYZE)`.execute(db);
  return applied;
}

/**
 * Splits a migration into statements. Migrations end every statement with ";" at the end of a line
 * and use no dollar-quoted bodies, which keeps this split exact.
 */
export function splitStatements(text: string): string[] {
  return text
    .split(/;\s*$/m)
    .map((statement) =>
      statement
        .split("\n")
        .filter((line) => !line.trim().startsWith("--"))
        .join("\n")
        .trim(),
    )
    .filter((statement) => statement !== "");
}
