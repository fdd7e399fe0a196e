import { describe, expect, it } from "vitest";
import { cellOf, groupShift, isTile, tileBounds, tileCellRange } from "./tiles.ts";

describe("tiles and cells", () => {
  it("puts every point of a tile inside the tile's cell range, and no point outside it", () => {
    const points = Array.from(
      { length: 500 },
      (_, i) => [-179 + ((i * 7.31) % 358), -80 + ((i * 3.17) % 160)] as const,
    );
    for (const z of [0, 1, 4, 9, 13]) {
      for (const [lon, lat] of points) {
        const n = 2 ** z;
        const x = Math.floor(((lon + 180) / 360) * n);
        const rad = (lat * Math.PI) / 180;
        const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
        const { first, last } = tileCellRange(z, x, y);
        const cell = cellOf(lon, lat);
        expect(cell).toBeGreaterThanOrEqual(first);
        expect(cell).toBeLessThanOrEqual(last);
        const other = tileCellRange(z, (x + 1) % n, y);
        if (n > 1) expect(cell < other.first || cell > other.last).toBe(true);
      }
    }
  });

  it("gives tile bounds that contain the tile's points", () => {
    expect(tileBounds(0, 0, 0)).toMatchObject({ west: -180, east: 180 });
    const b = tileBounds(8, 160, 96);
    expect(b.west).toBeLessThan(b.east);
    expect(b.south).toBeLessThan(b.north);
  });

  it("groups each tile into an 8 × 8 grid until cells run out", () => {
    expect(groupShift(0)).toBe(34);
    expect(groupShift(17)).toBe(0);
    expect(groupShift(20)).toBe(0);
    expect(isTile(2, 3, 3)).toBe(true);
    expect(isTile(2, 4, 0)).toBe(false);
    expect(isTile(21, 0, 0)).toBe(false);
  });
});
