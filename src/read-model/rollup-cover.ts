import { type Box, splitBoxByCells } from "../domain/tiles.ts";

/** The map levels of the overview's rollups (migration 013), coarsest first. */
export const ROLLUP_ZOOMS = [0, 2, 4, 6, 8, 10, 12] as const;
/** The finest level: what is not in its cells inside a box is read one incident at a time. */
export const FINEST_ROLLUP_ZOOM = 12;

/** Cells x0..x1 by y0..y1 (inclusive) of one level. */
export type CellRect = { zoom: number; x0: number; x1: number; y0: number; y1: number };

/**
 * The zoom-12 cells wholly inside a box, as rectangles of the coarsest cells that fit: each level's
 * inner cells less those a coarser level already covers (at most four strips around them). No two
 * rectangles share a point, and together they are exactly the zoom-12 inner cells, so summing
 * them counts every rolled-up incident inside those cells once. The box's rim, outside the
 * zoom-12 inner cells, is `splitBoxByCells(box, 12).edges`.
 */
export function coverBoxByLevels(box: Box, zooms: readonly number[] = ROLLUP_ZOOMS): CellRect[] {
  const rects: CellRect[] = [];
  let coarser: CellRect | null = null;
  for (const zoom of zooms) {
    const inner = splitBoxByCells(box, zoom).inner;
    if (!inner) continue;
    const here: CellRect = { zoom, ...inner };
    if (!coarser) {
      rects.push(here);
    } else {
      // A coarser cell inside the box has all its finer cells inside it: the coarser rectangle,
      // in this level's cells, lies within this one. Clamped all the same.
      const d = zoom - coarser.zoom;
      const px0 = Math.max(here.x0, coarser.x0 << d);
      const px1 = Math.min(here.x1, ((coarser.x1 + 1) << d) - 1);
      const py0 = Math.max(here.y0, coarser.y0 << d);
      const py1 = Math.min(here.y1, ((coarser.y1 + 1) << d) - 1);
      const strips: CellRect[] = [
        { zoom, x0: here.x0, x1: here.x1, y0: here.y0, y1: py0 - 1 },
        { zoom, x0: here.x0, x1: here.x1, y0: py1 + 1, y1: here.y1 },
        { zoom, x0: here.x0, x1: px0 - 1, y0: py0, y1: py1 },
        { zoom, x0: px1 + 1, x1: here.x1, y0: py0, y1: py1 },
      ];
      for (const strip of strips)
        if (strip.x0 <= strip.x1 && strip.y0 <= strip.y1) rects.push(strip);
    }
    coarser = here;
  }
  return rects;
}

/** The whole world at the coarsest level: one cell holding every rolled-up incident. */
export const WHOLE_WORLD: readonly CellRect[] = [{ zoom: 0, x0: 0, x1: 0, y0: 0, y1: 0 }];
