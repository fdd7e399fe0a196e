import type * as maplibregl from "maplibre-gl";

/** The tiles covering the map's view at its zoom, as z/x/y (at most 64: a wide view at a deep zoom). */
export function visibleTiles(map: maplibregl.Map): string[] {
  const z = Math.max(0, Math.min(20, Math.floor(map.getZoom())));
  const n = 2 ** z;
  const bounds = map.getBounds();
  const tx = (lon: number) => Math.max(0, Math.min(n - 1, Math.floor(((lon + 180) / 360) * n)));
  const ty = (lat: number) => {
    const rad = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
    return Math.max(
      0,
      Math.min(
        n - 1,
        Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
      ),
    );
  };
  const tiles: string[] = [];
  for (let x = tx(bounds.getWest()); x <= tx(bounds.getEast()); x++) {
    for (let y = ty(bounds.getNorth()); y <= ty(bounds.getSouth()); y++)
      tiles.push(`${z}/${x}/${y}`);
  }
  return tiles.slice(0, 64);
}
