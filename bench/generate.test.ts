import { describe, expect, it } from "vitest";
import { kindByType } from "../src/domain/kinds/index.ts";
import { ProcessSchema } from "../src/domain/process.schema.ts";
import { parseRecordInput } from "../src/domain/record-input.ts";
import {
  ACLED_COLUMNS,
  BORDER_LINE,
  generateAcledRows,
  generateProcess,
  mulberry32,
  SYNTHETIC_PROCESS,
  type SyntheticOptions,
} from "./generate.ts";

type GeneratedRecord = { type: string } & Record<string, unknown>;
type DateField = { value: string; precision: string };
type PlaceField = { lat: number; lon: number; precision: string };

function take<T>(items: Iterable<T>, count: number): T[] {
  const taken: T[] = [];
  if (count <= 0) return taken;
  for (const item of items) {
    taken.push(item);
    if (taken.length === count) break;
  }
  return taken;
}

function incidentsOf(options: SyntheticOptions): GeneratedRecord[] {
  return [...generateProcess(options)].filter((r) => r.type === "incident");
}

/** Distance in degrees (longitude scaled to latitude) from a point to the border line. */
function distanceToLine(lon: number, lat: number): number {
  const scale = Math.cos((40.1 * Math.PI) / 180);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < BORDER_LINE.length; i++) {
    const [ax, ay] = BORDER_LINE[i - 1] as readonly [number, number];
    const [bx, by] = BORDER_LINE[i] as readonly [number, number];
    const dx = (bx - ax) * scale;
    const dy = by - ay;
    const px = (lon - ax) * scale;
    const py = lat - ay;
    const u = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(px - u * dx, py - u * dy));
  }
  return best;
}

describe("mulberry32", () => {
  it("repeats a seed's sequence and stays in [0, 1)", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(8)()).not.toBe(first[0]);
  });
});

describe("the synthetic process", () => {
  it("is a valid process", () => {
    const parsed = ProcessSchema.parse(SYNTHETIC_PROCESS);
    expect(parsed.slug).toBe("synthetic");
    expect(parsed.countries).toEqual(["AM", "AZ"]);
  });

  it("passes every kind's schema, with every reference pointing back at an earlier record", () => {
    const seen = new Map<string, string>();
    const order: string[] = [];
    // Problems are collected rather than asserted one by one: thousands of expect calls would
    // make the test slow without making a failure clearer.
    const problems: string[] = [];
    for (const record of generateProcess({ seed: 1, incidents: 2000 })) {
      const { type, ...rest } = record;
      const kind = kindByType(type);
      if (kind === undefined) {
        problems.push(`unknown type ${type}`);
        continue;
      }
      const parsed = parseRecordInput(kind, rest);
      const id = parsed.id ?? "(no id)";
      if (seen.has(id)) problems.push(`duplicate id ${id}`);
      for (const ref of kind.references(parsed.body as never)) {
        const target = seen.get(ref.to_id);
        if (target === undefined || !ref.to_types.includes(target)) {
          problems.push(`${id} ${ref.field} → ${ref.to_id} (${target ?? "not earlier"})`);
        }
      }
      const restrictedTo = parsed.restricted_to;
      if (restrictedTo !== undefined && seen.get(restrictedTo) !== "actor") {
        problems.push(`${id} restricted_to ${restrictedTo}`);
      }
      seen.set(id, type);
      if (order[order.length - 1] !== type) order.push(type);
    }
    expect(problems).toEqual([]);
    expect(order.slice(0, 5)).toEqual(["actor", "source", "document", "provision", "meeting"]);
    // After the fixed part, incidents and their claims alternate.
    expect(new Set(order.slice(5))).toEqual(new Set(["incident", "claim"]));
  });

  it("has the promised cast and fixed-size records", () => {
    const counts = new Map<string, number>();
    const actors: string[] = [];
    const meetingStatuses = new Set<unknown>();
    for (const record of generateProcess({ seed: 3, incidents: 0 })) {
      counts.set(record.type, (counts.get(record.type) ?? 0) + 1);
      if (record.type === "actor") actors.push(String(record.id));
      if (record.type === "meeting") meetingStatuses.add(record.status);
    }
    expect(actors).toEqual(["PA", "PB", "MED", "MON", "NEWS"]);
    expect(counts.get("document")).toBeGreaterThanOrEqual(18);
    expect(counts.get("document")).toBeLessThanOrEqual(22);
    expect(counts.get("meeting")).toBeGreaterThanOrEqual(190);
    expect(counts.get("meeting")).toBeLessThanOrEqual(210);
    expect(counts.get("source")).toBeGreaterThan(52 * 4);
    expect([...meetingStatuses].sort()).toEqual(["cancelled", "held", "planned", "postponed"]);
    expect(counts.has("incident")).toBe(false);
  });

  it("keeps the fixed-size part the same whatever the number of incidents", () => {
    const fixed = (incidents: number) =>
      [...generateProcess({ seed: 5, incidents })].filter(
        (r) => r.type !== "incident" && r.type !== "claim",
      );
    expect(fixed(10)).toEqual(fixed(300));
  });

  it("numbers incidents in time order, each followed by its claims", () => {
    const records = [...generateProcess({ seed: 2, incidents: 3000 })];
    const firstIncident = records.findIndex((r) => r.type === "incident");
    let number = 0;
    let lastMonth = "";
    let lastDay = "";
    let incidentId = "";
    for (const record of records.slice(firstIncident)) {
      const date = record.date as DateField;
      if (record.type === "incident") {
        number++;
        incidentId = `syn-inc-${String(number).padStart(6, "0")}`;
        expect(record.id).toBe(incidentId);
        expect(date.value.slice(0, 7) >= lastMonth).toBe(true);
        lastMonth = date.value.slice(0, 7);
        if (date.precision === "day") {
          expect(date.value >= lastDay).toBe(true);
          lastDay = date.value;
        }
      } else {
        expect(record.type).toBe("claim");
        expect(record.incident_id).toBe(incidentId);
        expect(String(record.id).startsWith(`syn-cla-${incidentId.slice(8)}-`)).toBe(true);
      }
    }
    expect(number).toBe(3000);
    expect(lastMonth <= "2024-12").toBe(true);
  });

  it("widens ids past six digits only when there are a million incidents or more", () => {
    const [first] = take(
      (function* () {
        for (const r of generateProcess({ seed: 1, incidents: 1_000_000 })) {
          if (r.type === "incident") yield r;
        }
      })(),
      1,
    );
    expect(first?.id).toBe("syn-inc-0000001");
  });

  it("clusters incidents along the line and in bursts, with the promised mix", () => {
    const incidents = incidentsOf({ seed: 11, incidents: 10_000 });
    const places = incidents.map((i) => i.place as PlaceField);
    const dates = incidents.map((i) => i.date as DateField);
    const share = (count: number) => count / incidents.length;

    const near = places.filter((p) => distanceToLine(p.lon, p.lat) < 0.2).length;
    expect(share(near)).toBeGreaterThan(0.85);
    expect(share(near)).toBeLessThan(0.98);
    for (const p of places) {
      expect(Math.round(p.lat * 10_000) / 10_000).toBe(p.lat);
      expect(Math.round(p.lon * 10_000) / 10_000).toBe(p.lon);
    }
    expect(share(places.filter((p) => p.precision === "district").length)).toBeCloseTo(0.15, 1);

    const monthOnly = dates.filter((d) => d.precision === "month").length;
    expect(share(monthOnly)).toBeGreaterThan(0.07);
    expect(share(monthOnly)).toBeLessThan(0.13);

    // A flat rate would put about 5% of incidents on the busiest 5% of days; bursts put far more.
    const perDay = new Map<string, number>();
    for (const d of dates.filter((d) => d.precision === "day")) {
      perDay.set(d.value, (perDay.get(d.value) ?? 0) + 1);
    }
    const busiest = [...perDay.values()].sort((a, b) => b - a).slice(0, Math.round(1583 * 0.05));
    const dayCount = incidents.length - monthOnly;
    expect(busiest.reduce((sum, n) => sum + n, 0) / dayCount).toBeGreaterThan(0.3);

    const kinds = new Set(incidents.map((i) => i.kind));
    expect([...kinds].sort()).toEqual([
      "armed_clash",
      "ceasefire_violation",
      "drone_strike",
      "mine_explosion",
      "shelling",
      "shooting",
    ]);
  });

  it("gives each incident one to three claims by PA, PB or MON, with small figures", () => {
    const claimsPer = new Map<string, number>();
    const counts: number[] = [];
    for (const record of generateProcess({ seed: 4, incidents: 5000 })) {
      if (record.type !== "claim") continue;
      const incident = String(record.incident_id);
      claimsPer.set(incident, (claimsPer.get(incident) ?? 0) + 1);
      expect(["PA", "PB", "MON"]).toContain(record.claimant);
      const blamed = record.blamed as string[];
      if (record.claimant === "PA") expect(blamed).toEqual(["PB"]);
      if (record.claimant === "PB") expect(blamed).toEqual(["PA"]);
      expect((record.source_ids as string[]).length).toBeGreaterThan(0);
      const figures = record.figures as Record<string, Record<string, number>>;
      for (const perSide of Object.values(figures)) counts.push(...Object.values(perSide));
    }
    expect(claimsPer.size).toBe(5000);
    expect(Math.min(...claimsPer.values())).toBe(1);
    expect(Math.max(...claimsPer.values())).toBe(3);
    const small = counts.filter((n) => n <= 3).length / counts.length;
    expect(small).toBeGreaterThan(0.85);
    expect(Math.max(...counts)).toBeGreaterThan(10);
  });

  it("honours claimsPerIncident and rejects bad options", () => {
    const records = [...generateProcess({ seed: 1, incidents: 50, claimsPerIncident: [2, 2] })];
    expect(records.filter((r) => r.type === "claim")).toHaveLength(100);
    const none = [...generateProcess({ seed: 1, incidents: 50, claimsPerIncident: [0, 0] })];
    expect(none.filter((r) => r.type === "claim")).toHaveLength(0);
    expect(() => [...generateProcess({ seed: 1, incidents: -1 })]).toThrow(RangeError);
    expect(() => [...generateProcess({ seed: 1.5, incidents: 1 })]).toThrow(RangeError);
    expect(() => [
      ...generateProcess({ seed: 1, incidents: 1, claimsPerIncident: [3, 1] }),
    ]).toThrow(RangeError);
  });

  it("repeats itself for a seed and changes with the seed", () => {
    const a = JSON.stringify([...generateProcess({ seed: 99, incidents: 500 })]);
    const b = JSON.stringify([...generateProcess({ seed: 99, incidents: 500 })]);
    const c = JSON.stringify([...generateProcess({ seed: 100, incidents: 500 })]);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    const rows = JSON.stringify([...generateAcledRows({ seed: 99, incidents: 500 })]);
    expect(JSON.stringify([...generateAcledRows({ seed: 99, incidents: 500 })])).toBe(rows);
    expect(JSON.stringify([...generateAcledRows({ seed: 100, incidents: 500 })])).not.toBe(rows);
  });

  it("generates 10^4 incidents with their claims", () => {
    // Its speed is the bench's to measure (generate.records in npm run bench), not a test's.
    let count = 0;
    for (const _ of generateProcess({ seed: 1, incidents: 10_000 })) count++;
    expect(count).toBeGreaterThan(10_000);
  });
});

describe("ACLED rows", () => {
  it("describe the same incidents as the process, in ACLED's columns", () => {
    const options = { seed: 21, incidents: 1000 };
    const incidents = take(incidentsOf(options), 100);
    const rows = take(generateAcledRows(options), 100);
    expect(rows).toHaveLength(100);
    for (const [i, row] of rows.entries()) {
      const incident = incidents[i] as GeneratedRecord;
      const date = incident.date as DateField;
      const place = incident.place as PlaceField;
      expect(Object.keys(row)).toEqual([...ACLED_COLUMNS]);
      expect(Object.values(row).every((v) => typeof v === "string")).toBe(true);
      if (date.precision === "day") {
        expect(row.event_date).toBe(date.value);
        expect(row.time_precision).toBe("1");
      } else {
        expect(row.event_date?.slice(0, 7)).toBe(date.value);
        expect(row.time_precision).toBe("3");
      }
      expect(Number(row.latitude)).toBe(place.lat);
      expect(Number(row.longitude)).toBe(place.lon);
      expect(row.geo_precision).toBe(place.precision === "settlement" ? "1" : "2");
      expect(row.location).toBe((incident.place as { name: string }).name);
    }
  });

  it("gives each row a unique event id and a whole number of fatalities", () => {
    const ids = new Set<string>();
    for (const row of generateAcledRows({ seed: 8, incidents: 2000 })) {
      expect(ids.has(row.event_id_cnty ?? "")).toBe(false);
      ids.add(row.event_id_cnty ?? "");
      expect(row.fatalities).toMatch(/^\d+$/);
      expect(["Armenia", "Azerbaijan"]).toContain(row.country);
    }
    expect(ids.size).toBe(2000);
  });
});
