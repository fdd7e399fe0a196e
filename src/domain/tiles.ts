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
