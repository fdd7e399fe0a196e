import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcess } from "../src/core/create-process.ts";
import { importRecords } from "../src/core/import-records.ts";
import type { Services } from "../src/core/services.ts";
import { OPERATOR, operatorCaller } from "../src/domain/access.ts";
import { listRecords } from "../src/store/record.repository.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

/** A seeded sequence in [0, 1), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const next = random(42);
const INCIDENTS = Array.from({ length: 400 }, (_, i) => {
  const day = 1 + Math.floor(next() * 28);
  const month = 1 + Math.floor(next() * 12);
  const date =
    i % 9 === 0
      ? { value: `2021-${String(month).padStart(2, "0")}`, precision: "month" }
      : i % 13 === 0
        ? { value: "2021", precision: "year" }
        : {
            value: `2021-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
            precision: "day",
          };
  // Some known only to a region: no point, so a box can never find them, a date always can.
  const place =
    i % 11 === 0
      ? { name: "somewhere in the region", precision: "region" }
      : {
          name: "x",
          precision: "exact",
          lon: Number((44.5 + next() * 2).toFixed(4)),
          lat: Number((39.5 + next() * 2).toFixed(4)),
        };
  return {
    type: "incident",
    id: `inc-${String(i).padStart(3, "0")}`,
    title: i % 3 === 0 ? `Shelling near village ${i}` : `Shooting at post ${i}`,
    kind: i % 3 === 0 ? "shelling" : "shooting",
    date,
    place,
  };
});

describe.each(STORE_NAMES)("list filters on %s", (storeName) => {
  let services: Services;
  beforeAll(async () => {
    services = await openTestServices(storeName);
    await createProcess(services, { slug: "f", name: "F" }, operatorCaller("test"));
    const summary = await importRecords(
      services,
      "f",
      INCIDENTS.map((record) => ({ at: record.id, record })),
      { principal: operatorCaller("t"), analyzeFrom: 100 },
    );
    expect(summary.rejected).toEqual([]);
  });
  afterAll(() => services.store.close());

  it("finds with the space-time index exactly what the exact conditions alone find", async () => {
    const pick = random(7);
    let compared = 0;
    for (let i = 0; i < 40; i++) {
      const west = 44.4 + pick() * 2;
      const south = 39.4 + pick() * 2;
      const size = 0.2 + pick() * 1.5;
      const from = new Date(Date.UTC(2021, Math.floor(pick() * 12), 1 + Math.floor(pick() * 28)));
      const to = new Date(from.getTime() + (1 + Math.floor(pick() * 90)) * 86_400_000);
      const bbox =
        i % 4 === 1 ? undefined : { west, south, east: west + size, north: south + size };
      const dates = i % 4 === 2 ? {} : { from: from.toISOString(), to: to.toISOString() };
      const q = i % 5 === 0 ? "shelling" : undefined;
      const page = await listRecords(services.store.db, "f", OPERATOR, {
        type: "incident",
        bbox,
        ...dates,
        q,
        limit: 1000,
      });
      const { rows } = await sql<{ id: string }>`
        SELECT id FROM record WHERE process_id = 'f' AND type = 'incident'
          AND (${dates.from ?? null}::timestamptz IS NULL OR (date_start IS NOT NULL
            AND tstzrange(date_start, date_end) && tstzrange(${dates.from ?? null}::timestamptz, ${dates.to ?? null}::timestamptz)))
          AND (${bbox === undefined} OR box(point(west, south), point(east, north))
            && box(point(${bbox?.west ?? 0}, ${bbox?.south ?? 0}), point(${bbox?.east ?? 0}, ${bbox?.north ?? 0})))
          AND (${q ?? null}::text IS NULL OR search @@ websearch_to_tsquery('simple', ${q ?? ""}))
        ORDER BY sort_key, id`.execute(services.store.db);
      expect(page.map((record) => record.id)).toEqual(rows.map((row) => row.id));
      compared += rows.length;
    }
    // The windows found something: equality over empty pages would prove nothing.
    expect(compared).toBeGreaterThan(200);
  });

  it("reads a date window in slices of time and pages exactly as reading it whole", async () => {
    const pick = random(11);
    let paged = 0;
    for (let i = 0; i < 24; i++) {
      const from = new Date(Date.UTC(2021, Math.floor(pick() * 10), 1 + Math.floor(pick() * 28)));
      const to = new Date(from.getTime() + (3 + Math.floor(pick() * 200)) * 86_400_000);
      const west = 44.4 + pick();
      const base = {
        type: "incident",
        from: from.toISOString(),
        to: to.toISOString(),
        ...(i % 3 === 0 ? { bbox: { west, south: 39.4, east: west + 1.2, north: 41.6 } } : {}),
        ...(i % 4 === 0 ? { q: "shelling" } : {}),
        descending: i % 2 === 1,
        limit: 1 + Math.floor(pick() * 12),
      };
      const all = async (sortsByDate: boolean) => {
        const ids: string[] = [];
        let after: { sort_key: string; id: string } | undefined;
        for (;;) {
          const rows = await listRecords(services.store.db, "f", OPERATOR, {
            ...base,
            sortsByDate,
            ...(after ? { after } : {}),
          });
          const page = rows.slice(0, base.limit);
          ids.push(...page.map((row) => row.id));
          const last = page.at(-1);
          if (rows.length <= base.limit || !last) return ids;
          after = { sort_key: last.sort_key, id: last.id };
        }
      };
      const sliced = await all(true);
      expect(sliced).toEqual(await all(false));
      paged += sliced.length;
    }
    expect(paged).toBeGreaterThan(300);
  });
});
