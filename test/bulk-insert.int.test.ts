import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcess } from "../src/core/create-process.ts";
import type { Services } from "../src/core/services.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { kindByType } from "../src/domain/kinds/index.ts";
import { indexColumns } from "../src/domain/record-index.ts";
import { insertRecords, type RecordWrite, updateRecord } from "../src/store/record.repository.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const AT = "2026-11-27T08:00:00.123Z";

function writeOf(id: string, body: Record<string, unknown>, visibility = "public"): RecordWrite {
  const kind = kindByType("incident");
  if (!kind) throw new Error("no incident kind");
  return {
    process_id: "bulk",
    id,
    type: "incident",
    version: 1,
    visibility,
    restricted_to: visibility === "restricted" ? "PA" : null,
    body: kind.schema.parse(body) as Record<string, unknown>,
    index: indexColumns(kind, kind.schema.parse(body)),
    refs: ["PA", "PB"],
    at: AT,
  };
}

const BODIES: Array<Record<string, unknown>> = [
  {
    title: 'Shelling near Berd: «тяжёлый» обстрел, "quoted", back\\slash, tab\tand ünïcode 🕊',
    date: { value: "2021-05-12", precision: "day" },
    place: { name: "Berd", lon: 45.123456789012, lat: 40.98765432109876, precision: "exact" },
    kind: "shelling",
    actors: ["PA", "PB"],
  },
  {
    title: "A month only, no place",
    date: { value: "2021-05", precision: "month" },
    kind: "other",
    place: { name: "Somewhere in Tavush", precision: "region" },
  },
  {
    title: "A time with an offset at the antimeridian",
    date: { value: "2021-05-12T23:59:30+04:00", precision: "time" },
    kind: "shelling",
    place: { name: "Edge", lon: -180, lat: -84.9, precision: "settlement" },
  },
];

describe.each(STORE_NAMES)("bulk insert on %s", (storeName) => {
  let services: Services;
  beforeAll(async () => {
    services = await openTestServices(storeName);
    await createProcess(services, { slug: "bulk", name: "Bulk" }, operatorCaller("test"));
  });
  afterAll(() => services.store.close());

  it("stores every column exactly as an update through the query builder does", async () => {
    const db = services.store.db;
    await insertRecords(
      db,
      BODIES.map((body, i) => writeOf(`bulk-${i}`, body, i === 1 ? "restricted" : "public")),
    );
    // The same records reached by an update: the other way the store writes a record's columns.
    const placeholder = {
      title: "placeholder",
      date: { value: "2020", precision: "year" },
      kind: "other",
      place: { name: "x", precision: "country" },
    };
    for (const [i, body] of BODIES.entries()) {
      await insertRecords(db, [writeOf(`one-${i}`, placeholder)]);
      const updated = {
        ...writeOf(`one-${i}`, body, i === 1 ? "restricted" : "public"),
        version: 2,
      };
      expect(await updateRecord(db, updated, 1)).toBe(true);
    }
    const { rows } = await sql<Record<string, unknown>>`
      SELECT id, type, version, visibility, restricted_to, body::text AS body, kind, date_start,
        date_end, west, south, east, north, verification, cell::text AS cell, sort_key, refs,
        search::text AS search, created_at, updated_at
      FROM record WHERE process_id = 'bulk' ORDER BY id`.execute(db);
    const bulk = rows.filter((row) => String(row.id).startsWith("bulk-"));
    const one = rows.filter((row) => String(row.id).startsWith("one-"));
    expect(bulk).toHaveLength(BODIES.length);
    const same = (row: Record<string, unknown>) => {
      const { id: _id, version: _version, ...rest } = row;
      return rest;
    };
    expect(bulk.map(same)).toEqual(one.map(same));
    // The values themselves, not only their agreement: a bug in both paths would pass above.
    const first = bulk[0] as Record<string, unknown>;
    expect(JSON.parse(String(first.body))).toMatchObject(BODIES[0] as object);
    expect(first.west).toBe(45.123456789012);
    expect(first.south).toBe(40.98765432109876);
    expect(String(first.search)).toContain("'berd'");
    expect(first.refs).toEqual(["PA", "PB"]);
  });
});
