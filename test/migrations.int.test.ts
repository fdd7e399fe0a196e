import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcess } from "../src/core/create-process.ts";
import { importRecords } from "../src/core/import-records.ts";
import type { Services } from "../src/core/services.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { cellOf } from "../src/domain/tiles.ts";
import { listMigrations, migrate, splitStatements } from "../src/store/migrate.ts";
import type { Database } from "../src/store/schema.ts";
import { createTestDatabase, openTestServices, STORE_NAMES } from "./support/stores.ts";

describe.each(STORE_NAMES)("migrations on %s", (storeName) => {
  let services: Services;
  beforeAll(async () => {
    services = await openTestServices(storeName);
  });
  afterAll(() => services.store.close());

  it("backfills map cells exactly as the application computes them", async () => {
    await createProcess(services, { slug: "m", name: "M" }, operatorCaller("test"));
    const points = [
      [45.9312, 40.2101],
      [-73.98, 40.75],
      [179.999, -84.9],
      [-180, 85.2],
      [0, 0],
    ] as const;
    await importRecords(
      services,
      "m",
      [{ at: "a", record: { type: "actor", id: "X", name: "X", roles: ["monitor"] } }],
      {
        principal: operatorCaller("t"),
      },
    );
    const summary = await importRecords(
      services,
      "m",
      points.map(([lon, lat], i) => ({
        at: String(i),
        record: {
          type: "post",
          id: `p${i}`,
          name: `P${i}`,
          operated_by: "X",
          place: { name: "x", precision: "exact", lat, lon },
        },
      })),
      { principal: operatorCaller("t") },
    );
    expect(summary.rejected).toEqual([]);
    await sql`UPDATE record SET cell = NULL`.execute(services.store.db);
    const migration = listMigrations().find((m) => m.name.startsWith("003_"));
    const backfill = splitStatements(migration?.sql ?? "").find((s) =>
      s.startsWith("UPDATE record SET cell"),
    );
    expect(backfill).toMatch(/^UPDATE record SET cell = \(/);
    const cleared = await services.store.db.selectFrom("record").select("cell").execute();
    expect(cleared.every((row) => row.cell === null)).toBe(true);
    await sql.raw(backfill as string).execute(services.store.db);
    const rows = await services.store.db
      .selectFrom("record")
      .select(["id", "cell"])
      .where("type", "=", "post")
      .orderBy("id")
      .execute();
    expect(rows.map((row) => Number(row.cell))).toEqual(
      points.map(([lon, lat]) => cellOf(lon, lat)),
    );
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("migrations from servers starting at once", () => {
  it("apply each migration once, however many servers migrate an empty database together", async () => {
    const migrations = listMigrations().map((m) => m.name);
    for (let round = 0; round < 3; round++) {
      const database = await createTestDatabase();
      const dbs = Array.from({ length: 6 }, () => {
        const pool = new pg.Pool({ connectionString: database.url, max: 2 });
        // Dropping the database ends connections a closing pool may still hold: expected here.
        pool.on("error", () => {});
        return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      });
      try {
        const applied = await Promise.all(dbs.map((db) => migrate(db)));
        // Each migration applied by exactly one of them, none failing.
        expect(applied.flat().sort()).toEqual(migrations);
        const rows = await dbs[0]?.selectFrom("schema_migration").select("name").execute();
        expect(rows?.map((row) => row.name).sort()).toEqual(migrations);
      } finally {
        await Promise.all(dbs.map((db) => db.destroy()));
        await database.drop();
      }
    }
  });
});
