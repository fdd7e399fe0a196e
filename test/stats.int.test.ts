import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcess } from "../src/core/create-process.ts";
import { getStats } from "../src/core/get-stats.ts";
import { importRecords } from "../src/core/import-records.ts";
import type { Services } from "../src/core/services.ts";
import { OPERATOR, operatorCaller, PUBLIC, type Viewer } from "../src/domain/access.ts";
import { dateBounds, type FuzzyDate } from "../src/domain/fuzzy-date.ts";
import { OverviewMemory } from "../src/read-model/overview-memory.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

/** A small process whose overview we can also compute by hand, the plain way. */
function smallProcess() {
  const records: Array<Record<string, unknown>> = [
    { type: "actor", id: "ARM", name: "Armenia", roles: ["party"] },
    { type: "actor", id: "AZE", name: "Azerbaijan", roles: ["party"] },
    { type: "actor", id: "MON", name: "Monitors", roles: ["monitor"] },
  ];
  const incidents: Array<{
    id: string;
    date: FuzzyDate;
    kind: string;
    lon: number;
    lat: number;
    actors: string[];
    visibility: string;
  }> = [];
  const claims: Array<{
    incident: string;
    claimant: string;
    killed: Record<string, number>;
    visibility: string;
  }> = [];
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const kinds = ["shelling", "shooting", "armed_clash"];
  for (let i = 0; i < 40; i++) {
    const day = 1 + Math.floor(random() * 60);
    const when = new Date(Date.UTC(2021, 10, day));
    const iso = when.toISOString().slice(0, 10);
    const date: FuzzyDate =
      i % 7 === 0
        ? { value: iso.slice(0, 7), precision: "month" }
        : { value: iso, precision: "day" };
    const incident = {
      id: `inc-${i}`,
      date,
      kind: kinds[i % 3] as string,
      lon: 45 + random(),
      lat: 40 + random(),
      actors: i % 2 ? ["ARM", "AZE"] : ["AZE"],
      visibility: i % 10 === 3 ? "members" : "public",
    };
    incidents.push(incident);
    records.push({
      type: "incident",
      id: incident.id,
      title: `Incident ${i}`,
      kind: incident.kind,
      date,
      place: { name: `Place ${i}`, precision: "settlement", lat: incident.lat, lon: incident.lon },
      actors: incident.actors,
      visibility: incident.visibility,
    });
    for (const claimant of i % 3 === 0 ? ["ARM", "AZE"] : ["MON"]) {
      const killed = { ARM: Math.floor(random() * 4), AZE: Math.floor(random() * 4) };
      const visibility = i % 5 === 1 && claimant === "MON" ? "confidential" : "public";
      claims.push({ incident: incident.id, claimant, killed, visibility });
      records.push({
        type: "claim",
        id: `cla-${i}-${claimant}`,
        claimant,
        subject: "incident",
        incident_id: incident.id,
        statement: "x",
        figures: { killed },
        visibility,
      });
    }
  }
  return { records, incidents, claims };
}

function mondayOf(start: string): string {
  const date = new Date(start);
  const shift = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - shift * 86_400_000).toISOString().slice(0, 10);
}

describe.each(STORE_NAMES)("the overview's aggregations on %s", (storeName) => {
  let services: Services;
  const data = smallProcess();
  beforeAll(async () => {
    services = await openTestServices(storeName);
    await createProcess(services, { slug: "t", name: "Test" }, operatorCaller("test"));
    await importRecords(
      services,
      "t",
      data.records.map((record, i) => ({ at: String(i), record })),
      { principal: operatorCaller("test") },
    );
    expect(await memory.warm(services.store.db, "t")).toBe(true);
  });
  afterAll(() => services.store.close());

  const memory = new OverviewMemory();
  /** The overview as the API gives it, from the rollups and from the in-memory index: the same. */
  async function getStatsBothWays(query: Record<string, string>, viewer: Viewer) {
    const fromStore = await getStats(services, "t", query, viewer);
    const fromMemory = await getStats({ ...services, overviews: memory }, "t", query, viewer);
    expect(fromMemory).toEqual(fromStore);
    return fromStore;
  }

  /** The same numbers computed from the records themselves. */
  function expected(
    filter: (i: (typeof data.incidents)[number]) => boolean,
    canSee: (visibility: string) => boolean,
  ) {
    const chosen = data.incidents.filter((i) => canSee(i.visibility) && filter(i));
    const weeks = new Map<string, number>();
    for (const i of chosen) {
      if (i.date.precision !== "day") continue;
      const week = mondayOf(dateBounds(i.date).start);
      weeks.set(week, (weeks.get(week) ?? 0) + 1);
    }
    const sums = new Map<string, number>();
    const ids = new Set(chosen.map((i) => i.id));
    for (const claim of data.claims) {
      if (!ids.has(claim.incident) || !canSee(claim.visibility)) continue;
      for (const [side, count] of Object.entries(claim.killed)) {
        const key = `${claim.claimant}/${side}`;
        sums.set(key, (sums.get(key) ?? 0) + count);
      }
    }
    return {
      total: chosen.length,
      notWeekly: chosen.filter((i) => i.date.precision !== "day").length,
      weeks: [...weeks.entries()].sort().map(([week, count]) => ({ week, count })),
      sums: Object.fromEntries([...sums.entries()].sort()),
    };
  }

  const summed = (stats: Awaited<ReturnType<typeof getStats>>) =>
    Object.fromEntries(
      stats.figures.by_claimant
        .filter((f) => f.category === "killed")
        .map((f) => [`${f.claimant}/${f.side}`, f.low])
        .sort(),
    );

  it("matches the plain computation for the whole process", async () => {
    const stats = await getStatsBothWays({}, OPERATOR);
    const want = expected(
      () => true,
      () => true,
    );
    expect(stats.incidents.total).toBe(want.total);
    expect(stats.incidents.not_weekly).toBe(want.notWeekly);
    expect(stats.incidents.by_week).toEqual(want.weeks);
    expect(summed(stats)).toEqual(want.sums);
    expect(stats.incidents.by_kind.map((k) => k.count).reduce((a, b) => a + b, 0)).toBe(want.total);
    expect(stats.incidents.by_actor.find((a) => a.actor === "AZE")?.count).toBe(want.total);
  });

  it("matches it inside a date range and a bbox", async () => {
    const stats = await getStatsBothWays(
      { from: "2021-11-10", to: "2021-12-05", bbox: "45,40,45.5,40.6" },
      OPERATOR,
    );
    const from = Date.parse("2021-11-10");
    const to = Date.parse("2021-12-06");
    const want = expected(
      (i) => {
        const b = dateBounds(i.date);
        return (
          Date.parse(b.end) > from && Date.parse(b.start) < to && i.lon <= 45.5 && i.lat <= 40.6
        );
      },
      () => true,
    );
    expect(want.total).toBeGreaterThan(3);
    expect(stats.incidents.total).toBe(want.total);
    expect(stats.incidents.by_week).toEqual(want.weeks);
    expect(summed(stats)).toEqual(want.sums);
  });

  it("counts only what the viewer may see, incidents and claims alike", async () => {
    const stats = await getStatsBothWays({}, PUBLIC);
    const want = expected(
      () => true,
      (visibility) => visibility === "public",
    );
    expect(stats.incidents.total).toBe(want.total);
    expect(summed(stats)).toEqual(want.sums);
  });

  it("keeps each claimant's figures apart", async () => {
    const stats = await getStatsBothWays({}, OPERATOR);
    const claimants = new Set(stats.figures.by_claimant.map((f) => f.claimant));
    expect([...claimants].sort()).toEqual(["ARM", "AZE", "MON"]);
  });
});
