/**
 * Web Mercator tiles and the cell index that lets one indexed range scan find every point in a
 * tile. A point's cell is its position at zoom 20 (tile x, y at that zoom) with the bits of x and y
 * interleaved (a Morton code): all the cells of a tile at any zoom are then one contiguous range.
 */
export const CELL_ZOOM = 20;
/** Each tile is clustered on a grid of 2^3 × 2^3 = 64 cells. */
export const GRID_BITS = 3;
const MAX_LAT = 85.05112878;

/** x, y of a lon/lat at `zoom` (fractional), in Web Mercator. */
function project(lon: number, lat: number, zoom: number): { x: number; y: number } {
  const n = 2 ** zoom;
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const rad = (clamped * Math.PI) / 180;
  const x = ((lon + 180) / 360) * n;
  const y = ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n;
  return {
    x: Math.min(n - 1, Math.max(0, Math.floor(x))),
    y: Math.min(n - 1, Math.max(0, Math.floor(y))),
  };
}

/** Interleaves the bits of x (even positions) and y (odd positions). */
function interleave(x: number, y: number, bits: number): number {
  let code = 0;
  for (let i = bits - 1; i >= 0; i--) {
    code = code * 4 + ((y >> i) & 1) * 2 + ((x >> i) & 1);
  }
  return code;
}

/** The cell of a point: Morton code of its zoom-20 tile coordinates (fits in 40 bits). */
export function cellOf(lon: number, lat: number): number {
  const { x, y } = project(lon, lat, CELL_ZOOM);
  return interleave(x, y, CELL_ZOOM);
}

/** Whether z/x/y names a tile. */
export function isTile(z: number, x: number, y: number): boolean {
  const n = 2 ** z;
  return (
    [z, x, y].every(Number.isInteger) &&
    z >= 0 &&
    z <= CELL_ZOOM &&
    x >= 0 &&
    x < n &&
    y >= 0 &&
    y < n
  );
}

/** The first and last cell inside tile z/x/y. */
export function tileCellRange(z: number, x: number, y: number): { first: number; last: number } {
  const span = 4 ** (CELL_ZOOM - z);
  const first = interleave(x, y, z) * span;
  return { first, last: first + span - 1 };
}

/** How many low bits of a cell to drop so that cells group into the tile's clustering grid. */
export function groupShift(z: number): number {
  return 2 * Math.max(0, CELL_ZOOM - Math.min(CELL_ZOOM, z + GRID_BITS));
}

/** The tile's bounds in degrees. */
export function tileBounds(
  z: number,
  x: number,
  y: number,
): { west: number; south: number; east: number; north: number } {
  const n = 2 ** z;
  const lat = (row: number) =>
    (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI;
  return {
    west: (x / n) * 360 - 180,
    east: ((x + 1) / n) * 360 - 180,
    north: lat(y),
    south: lat(y + 1),
  };
}

export type Box = { west: number; south: number; east: number; north: number };

/**
 * Splits a box for summing a per-cell rollup: the zoom-`zoom` cells lying wholly inside it, as a
 * range of tile x and y (null when none does), and boxes covering the rest of it (the rim), where
 * points must be looked at one by one. A cell counts as inside only with `margin` degrees to
 * spare on every side, so a point that rounding put in it still lies in the box; the rim boxes
 * reach `margin` into the inner cells for the same reason. The top and bottom rows of the world
 * are never inside: points beyond ±85.05° are clamped into them, outside their bounds.
 */
export function splitBoxByCells(
  box: Box,
  zoom: number,
  margin = 1e-6,
): { inner: { x0: number; x1: number; y0: number; y1: number } | null; edges: Box[] } {
  const n = 2 ** zoom;
  const westOf = (x: number) => (x / n) * 360 - 180;
  const northOf = (y: number) =>
    (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
  let x0 = Math.max(0, Math.floor(((box.west + 180) / 360) * n));
  while (x0 < n && westOf(x0) <= box.west + margin) x0++;
  let x1 = Math.min(n - 1, Math.floor(((box.east + 180) / 360) * n));
  while (x1 >= 0 && westOf(x1 + 1) >= box.east - margin) x1--;
  let y0 = 1;
  let y1 = n - 2;
  const rows = project(0, box.north, zoom).y;
  y0 = Math.max(1, rows);
  while (y0 <= n - 2 && northOf(y0) >= box.north - margin) y0++;
  y1 = Math.min(n - 2, project(0, box.south, zoom).y);
  while (y1 >= 1 && northOf(y1 + 1) <= box.south + margin) y1--;
  if (x0 > x1 || y0 > y1) return { inner: null, edges: [box] };
  const inner = {
    west: westOf(x0),
    east: westOf(x1 + 1),
    north: northOf(y0),
    south: northOf(y1 + 1),
  };
  return {
    inner: { x0, x1, y0, y1 },
    edges: [
      { west: box.west, south: box.south, east: box.east, north: inner.south + margin },
      { west: box.west, south: inner.north - margin, east: box.east, north: box.north },
      { west: box.west, south: inner.south, east: inner.west + margin, north: inner.north },
      { west: inner.east - margin, south: inner.south, east: box.east, north: inner.north },
    ],
  };
}
