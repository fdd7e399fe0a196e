import { describe, expect, it } from "vitest";
import { OPERATOR, PUBLIC } from "../domain/access.ts";
import { type OverviewFigure, type OverviewIncident, OverviewIndex } from "./overview-index.ts";

const DAY = 86_400_000;
const at = (day: string) => Date.parse(`${day}T00:00:00Z`);

function incident(id: string, fields: Partial<OverviewIncident> = {}): OverviewIncident {
  return {
    id,
    west: 46,
    south: 40,
    east: 46,
    north: 40,
    start: at("2021-05-05"),
    end: at("2021-05-05") + DAY,
    kind: "shelling",
    verification: "unverified",
    visibility: "public",
    restricted_to: null,
    refs: [],
    ...fields,
  };
}

function figure(claim: string, incidentId: string, fields: Partial<OverviewFigure> = {}) {
  return {
    claim_id: claim,
    incident_id: incidentId,
    claimant: "PA",
    category: "killed",
    side: "PB",
    low: 1,
    high: 1,
    visibility: "public",
    restricted_to: null,
    ...fields,
  } satisfies OverviewFigure;
}

describe("the overview's index", () => {
  it("places an incident in the week of its start, and a longer span in no week", () => {
    const index = new OverviewIndex();
    index.putIncident(incident("a")); // a Wednesday
    index.putIncident(incident("b", { start: at("2021-05-01"), end: at("2021-06-01") }));
    index.putIncident(incident("c", { start: null, end: null }));
    // Before 1970: days counted back from a Thursday.
    index.putIncident(incident("d", { start: at("1969-12-31"), end: at("1970-01-01") }));
    const { counts } = index.query(OPERATOR, {});
    expect(counts.totals).toEqual({ total: 4, not_weekly: 1 });
    expect(counts.byWeek).toEqual([
      { week: "1969-12-29", count: 1 },
      { week: "2021-05-03", count: 1 },
    ]);
  });

  it("meets a window as overlapping half-open spans, and a box as closed boxes", () => {
    const index = new OverviewIndex();
    index.putIncident(incident("a"));
    // A line along the border, known to a month.
    index.putIncident(
      incident("b", {
        west: 44,
        east: 45,
        south: 41,
        north: 41.5,
        start: at("2021-05-01"),
        end: at("2021-06-01"),
      }),
    );
    index.putIncident(incident("c", { start: at("2021-05-06"), end: at("2021-05-06") }));
    index.putIncident(incident("d", { west: null, east: null, south: null, north: null }));
    const total = (filters: Parameters<OverviewIndex["query"]>[1]) =>
      index.query(OPERATOR, filters).counts.totals.total;
    // a ends at midnight of the 6th: a window from then on misses it; c is an empty span.
    expect(total({ from: "2021-05-06T00:00:00.000Z" })).toBe(1);
    expect(total({ from: "2021-05-05T23:59:59.999Z", to: "2021-05-07T00:00:00.000Z" })).toBe(3);
    expect(total({ to: "2021-05-05T00:00:00.000Z" })).toBe(1);
    // The box touches the line's end and the point's corner: both meet it.
    expect(total({ bbox: { west: 45, south: 40, east: 45.5, north: 41 } })).toBe(1);
    expect(total({ bbox: { west: 45, south: 39, east: 46, north: 40 } })).toBe(2);
    expect(total({ bbox: { west: -180, south: -90, east: 180, north: 90 } })).toBe(3);
    expect(total({})).toBe(4);
  });

  it("counts what the viewer may see, and figures per claimant with distinct claims", () => {
    const index = new OverviewIndex();
    index.putIncident(incident("a", { refs: ["PA", "doc-1"] }));
    index.putIncident(incident("b", { visibility: "restricted", restricted_to: "PA" }));
    index.setActor("PA", true);
    // Two figures of one claim in one group count one claim; lows and highs sum apart.
    index.setClaimFigures("c1", [
      figure("c1", "a", { low: 2, high: null }),
      figure("c1", "a", { side: "PA", low: 1, high: 3 }),
    ]);
    index.setClaimFigures("c2", [figure("c2", "b", { low: 5, high: 7 })]);
    index.setClaimFigures("c3", [figure("c3", "a", { visibility: "members", low: 10, high: 10 })]);
    const forPublic = index.query(PUBLIC, {});
    expect(forPublic.counts.totals.total).toBe(1);
    expect(forPublic.byActor).toEqual([{ actor: "PA", count: 1 }]);
    expect(forPublic.figures.byClaimant).toEqual([
      { claimant: "PA", category: "killed", side: "PA", low: 1, high: 3, claims: 1 },
      { claimant: "PA", category: "killed", side: "PB", low: 2, high: null, claims: 1 },
    ]);
    expect(forPublic.figures.byWeek).toEqual([
      { week: "2021-05-03", claimant: "PA", category: "killed", low: 3, high: 3 },
    ]);
    const forDelegate = index.query({ role: "delegate", party: "PA" }, {});
    expect(forDelegate.counts.totals.total).toBe(2);
    expect(forDelegate.figures.byClaimant.find((row) => row.side === "PB")).toEqual({
      claimant: "PA",
      category: "killed",
      side: "PB",
      low: 17,
      high: 17,
      claims: 3,
    });
  });

  it("follows records as they change: moved, removed, claims replaced, actors added", () => {
    const index = new OverviewIndex();
    // A claim about an incident not held yet.
    index.setClaimFigures("c1", [figure("c1", "a", { low: 4, high: 4 })]);
    expect(index.query(OPERATOR, {}).figures.byClaimant).toEqual([]);
    index.putIncident(incident("a", { refs: ["PB"] }));
    expect(index.query(OPERATOR, {}).figures.byClaimant[0]?.low).toBe(4);
    expect(index.query(OPERATOR, {}).byActor).toEqual([]);
    index.setActor("PB", true);
    expect(index.query(OPERATOR, { actor: "PB" }).byActor).toEqual([{ actor: "PB", count: 1 }]);
    index.putIncident(incident("a", { kind: "drone_strike", refs: [] }));
    expect(index.query(OPERATOR, { kind: "shelling" }).counts.totals.total).toBe(0);
    expect(index.query(OPERATOR, { kind: "drone_strike" }).counts.totals.total).toBe(1);
    expect(index.query(OPERATOR, { actor: "PB" }).counts.totals.total).toBe(0);
    // Figures sorted by incident, then replaced: those after the sort are read too.
    index.setClaimFigures("c0", [figure("c0", "z", { low: 1 }), figure("c0", "z", { side: "PA" })]);
    index.putIncident(incident("z", { start: at("2021-06-01"), end: at("2021-06-02") }));
    index.optimize();
    expect(index.query(OPERATOR, {}).figures.byClaimant.map((row) => row.claims)).toEqual([1, 2]);
    // Moved after the blocks were bounded: found at its new place and time, not at the old.
    index.putIncident(
      incident("z", {
        west: 10,
        east: 10,
        south: 10,
        north: 10,
        start: at("2024-01-01"),
        end: at("2024-01-02"),
      }),
    );
    const there = {
      bbox: { west: 9, south: 9, east: 11, north: 11 },
      from: "2023-12-31T00:00:00.000Z",
    };
    expect(index.query(OPERATOR, there).counts.totals.total).toBe(1);
    expect(index.query(OPERATOR, { to: "2021-07-01T00:00:00.000Z" }).counts.totals.total).toBe(1);
    index.setClaimFigures("c0", []);
    index.setClaimFigures("c1", [figure("c1", "a", { category: "wounded", low: 2, high: 2 })]);
    expect(index.query(OPERATOR, {}).figures.byClaimant).toEqual([
      { claimant: "PA", category: "wounded", side: "PB", low: 2, high: 2, claims: 1 },
    ]);
    index.setClaimFigures("c1", []);
    expect(index.query(OPERATOR, {}).figures.byClaimant).toEqual([]);
    index.removeIncident("a");
    index.removeIncident("z");
    expect(index.query(OPERATOR, {}).counts.totals.total).toBe(0);
    expect(index.incidents).toBe(0);
  });
});

describe("the overview's index summing whole blocks", () => {
  it("answers as it does incident by incident, for any viewer, window and box, before and after changes", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)] as T;
    const withSums = new OverviewIndex();
    const without = new OverviewIndex({ blockSums: false });
    const both = (change: (index: OverviewIndex) => void) => {
      change(withSums);
      change(without);
    };
    const scopes = [
      { visibility: "public", restricted_to: null },
      { visibility: "members", restricted_to: null },
      { visibility: "restricted", restricted_to: "PA" },
    ];
    const makeIncident = (id: string): OverviewIncident => {
      const lon = 45 + random() * 2;
      const lat = 40 + random() * 1.5;
      const day = Math.floor(random() * 800);
      const start = at("2021-01-01") + day * DAY;
      const odd = random();
      return incident(id, {
        west: odd < 0.02 ? null : lon,
        east: odd < 0.02 ? null : odd < 0.05 ? lon + 0.3 : lon,
        south: odd < 0.02 ? null : lat,
        north: odd < 0.02 ? null : lat,
        start: odd > 0.98 ? null : start,
        end: odd > 0.98 ? null : odd > 0.97 ? start : start + pick([1, 1, 1, 3, 31, 365]) * DAY,
        kind: pick(["shelling", "shooting", null]),
        verification: pick(["unverified", "confirmed"]),
        refs: random() < 0.5 ? ["PA"] : ["PA", "PB", "doc-1"],
        ...pick(scopes),
      });
    };
    both((index) => {
      index.setActor("PA", true);
      index.setActor("PB", true);
    });
    const incidents: OverviewIncident[] = [];
    for (let i = 0; i < 3000; i++) incidents.push(makeIncident(`i${i}`));
    const claims = incidents.flatMap((inc, i) =>
      random() < 0.7
        ? [
            [
              figure(`c${i}`, inc.id, { claimant: pick(["PA", "PB"]), low: 2, high: null }),
              figure(`c${i}`, inc.id, { side: "PA", low: 1, high: 3, ...pick(scopes) }),
            ],
          ]
        : [],
    );
    both((index) => {
      for (const inc of incidents) index.putIncident(inc);
      for (const list of claims) index.setClaimFigures(list[0]?.claim_id as string, list);
      index.optimize();
    });
    // What the indexes hold, to build a third from: one never reordered, which locates every
    // record afresh (the two above would agree if reordering lost track of an id in both).
    const held = new Map(incidents.map((inc) => [inc.id, inc]));
    const heldClaims = new Map(claims.map((list) => [list[0]?.claim_id as string, list]));
    const actors = ["PA", "PB"];
    const fresh = () => {
      const index = new OverviewIndex({ blockSums: false });
      for (const actor of actors) index.setActor(actor, true);
      for (const inc of held.values()) index.putIncident(inc);
      for (const [id, list] of heldClaims) index.setClaimFigures(id, list);
      return index;
    };
    const viewers = [OPERATOR, PUBLIC, { role: "delegate", party: "PA" } as const];
    const compare = (stage: string) => {
      const reference = fresh();
      for (let q = 0; q < 60; q++) {
        const from = at("2021-01-01") + Math.floor(random() * 700) * DAY;
        const west = 45 + random() * 1.5;
        const south = 40 + random();
        const size = pick([0.1, 0.5, 1, 3]);
        const filters = {
          ...(random() < 0.8
            ? {
                from: new Date(from).toISOString(),
                to: new Date(from + pick([7, 90, 365]) * DAY).toISOString(),
              }
            : {}),
          ...(random() < 0.7
            ? { bbox: { west, south, east: west + size, north: south + size } }
            : {}),
        };
        const viewer = pick(viewers);
        const expected = reference.query(viewer, filters);
        expect(withSums.query(viewer, filters), `${stage}: ${JSON.stringify(filters)}`).toEqual(
          expected,
        );
        expect(without.query(viewer, filters), `${stage}: ${JSON.stringify(filters)}`).toEqual(
          expected,
        );
      }
    };
    compare("after a build");
    // Some blocks are summed whole: the year-long window over a wide box finds some.
    const edits = Array.from({ length: 40 }, () => {
      const c = Math.floor(random() * 3000);
      return {
        moved: makeIncident(`i${Math.floor(random() * 3000)}`),
        removed: `i${Math.floor(random() * 3000)}`,
        claim: [figure(`c${c}`, `i${(c + 7) % 3000}`, { low: 9 })],
      };
    });
    both((index) => {
      for (const { moved, removed, claim } of edits) {
        index.putIncident(moved);
        index.removeIncident(removed);
        index.setClaimFigures(claim[0]?.claim_id as string, claim);
      }
    });
    for (const { moved, removed, claim } of edits) {
      held.set(moved.id, moved);
      held.delete(removed);
      heldClaims.set(claim[0]?.claim_id as string, claim);
    }
    compare("after changes");
    both((index) => index.setActor("doc-1", true));
    actors.push("doc-1");
    compare("after an actor is added");
    both((index) => index.optimize());
    compare("after optimizing again");
  });
});
