import * as maplibregl from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import { useQuery } from "@tanstack/react-query";
// MapLibre finds its worker next to its own module, which a bundle does not keep: hand it over.
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url";
import { type RefObject, useEffect, useState } from "react";
import type { BoundingBox } from "../../../src/domain/place.ts";
import { getJson } from "../api.ts";
import { useChosenProcess } from "../process.tsx";
import { offlineStyle } from "./basemap.ts";

maplibregl.setWorkerUrl(workerUrl);

/** Where a map opens for a process that names no region: the whole world MapLibre draws. */
const WORLD: [number, number, number, number] = [-180, -60, 180, 75];

/**
 * The region a map of the chosen process opens on: its `bbox` ([west, south, east, north]), the
 * world when it has none. Records outside it are drawn all the same.
 */
export function useOpeningBounds(): [number, number, number, number] {
  return useChosenProcess()?.bbox ?? WORLD;
}

/** The view's bounds, "west,south,east,north" in degrees: on the map's element, for tests and tools. */
function markBounds(map: maplibregl.Map, element: HTMLElement): void {
  const view = map.getBounds();
  element.dataset.bounds = [view.getWest(), view.getSouth(), view.getEast(), view.getNorth()]
    .map((degrees) => degrees.toFixed(3))
    .join(",");
}

/**
 * The server's online map style URL (TRUCE_MAP_STYLE_URL), asked once per visit; null keeps the
 * offline basemap, and so does a failed request: a map without network must still draw.
 */
function useStyleUrl(): { isReady: boolean; url: string | null } {
  const config = useQuery({
    queryKey: ["config"],
    queryFn: () => getJson<{ map_style_url: string | null }>("/api/config"),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  return { isReady: !config.isPending, url: config.data?.map_style_url ?? null };
}

/**
 * A MapLibre map in the given element on the configured style (the offline basemap unless the
 * server names an online one), created once; returns it after its style has loaded, so callers add
 * their sources and layers to a map that is ready for them.
 */
export function useMap(
  container: RefObject<HTMLDivElement | null>,
  /** Where it opens: the chosen process's region unless given. */
  opening?: readonly [number, number, number, number],
): maplibregl.Map | null {
  const [loaded, setLoaded] = useState<maplibregl.Map | null>(null);
  const style = useStyleUrl();
  const processBounds = useOpeningBounds();
  const [west, south, east, north] = opening ?? processBounds;
  useEffect(() => {
    const element = container.current;
    if (!element || !style.isReady) return;
    const map = new maplibregl.Map({
      container: element,
      style: style.url ?? offlineStyle(),
      bounds: [west, south, east, north],
      attributionControl: style.url ? {} : { customAttribution: "Natural Earth" },
      // Keep the drawn frame: printing the page (or saving it as PDF) copies the canvas after
      // WebGL has presented it, which would otherwise print an empty box.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    map.addControl(new maplibregl.NavigationControl(), "top-right");
    map.on("load", () => {
      markBounds(map, element);
      setLoaded(map);
    });
    map.on("moveend", () => markBounds(map, element));
    return () => {
      setLoaded(null);
      map.remove();
    };
  }, [container, style.isReady, style.url, west, south, east, north]);
  return loaded;
}

/** Fits the map to a box, padded; a point-sized box gets a sensible zoom instead of the maximum. */
export function fitTo(map: maplibregl.Map, box: BoundingBox): void {
  map.fitBounds(
    [
      [box.west, box.south],
      [box.east, box.north],
    ],
    { padding: 40, maxZoom: 8, duration: 0 },
  );
}

/** Sets a GeoJSON source's data, adding the source the first time. */
export function setSourceData(
  map: maplibregl.Map,
  id: string,
  data: GeoJSON.FeatureCollection,
): void {
  const source = map.getSource(id) as maplibregl.GeoJSONSource | undefined;
  if (source) source.setData(data);
  else map.addSource(id, { type: "geojson", data });
}
