import { describe, expect, it } from "vitest";
import { type Box, splitBoxByCells } from "../domain/tiles.ts";
import { type CellRect, coverBoxByLevels, FINEST_ROLLUP_ZOOM } from "./rollup-cover.ts";

/** Every zoom-12 cell each rectangle holds, as "x,y" keys, counted. */
function finestCells(rects: readonly CellRect[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const rect of rects) {
    const d = FINEST_ROLLUP_ZOOM - rect.zoom;
    for (let x = rect.x0 << d; x < (rect.x1 + 1) << d; x++)
      for (let y = rect.y0 << d; y < (rect.y1 + 1) << d; y++) {
        const key = `${x},${y}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
  }
  return counts;
}

const BOXES: Array<[string, Box]> = [
  ["2° along the border", { west: 45, south: 39.5, east: 47, north: 41.5 }],
  ["a year and a box", { west: 44.8, south: 39.2, east: 46.9, north: 41.3 }],
  ["12°", { west: 38.3, south: 33.1, east: 50.3, north: 45.1 }],
  ["smaller than a zoom-12 cell", { west: 45.95, south: 40.02, east: 45.96, north: 40.03 }],
  [
    "across the equator, by the antimeridian",
    { west: 170.2, south: -3.1, east: 179.9, north: 4.3 },
  ],
];

describe("covering a box with rollup cells of several levels", () => {
  it.each(BOXES)("covers each zoom-12 inner cell of %s exactly once", (_, box) => {
    const rects = coverBoxByLevels(box);
    const inner = splitBoxByCells(box, FINEST_ROLLUP_ZOOM).inner;
    const counts = finestCells(rects);
    if (!inner) {
      expect(rects).toEqual([]);
      return;
    }
    expect(counts.size).toBe((inner.x1 - inner.x0 + 1) * (inner.y1 - inner.y0 + 1));
    for (const [key, count] of counts) {
      expect(count, key).toBe(1);
      const [x = -1, y = -1] = key.split(",").map(Number);
      expect(x >= inner.x0 && x <= inner.x1 && y >= inner.y0 && y <= inner.y1, key).toBe(true);
    }
  });

  it("sums a large box mostly from coarse cells", () => {
    const rects = coverBoxByLevels({ west: 38.3, south: 33.1, east: 50.3, north: 45.1 });
    expect(Math.min(...rects.map((r) => r.zoom))).toBeLessThanOrEqual(6);
    // A ring of at most three cells on each side per level: far fewer cells than zoom 12 alone.
    const cells = rects.reduce((n, r) => n + (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1), 0);
    expect(cells).toBeLessThan(3000);
    expect(finestCells(rects).size).toBeGreaterThan(20_000);
  });
});
