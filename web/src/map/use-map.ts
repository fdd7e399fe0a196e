import * as maplibregl from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import { useQuery } from "@tanstack/react-query";
// MapLibre finds its worker next to its own module, which a bundle does not keep: hand it over.
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url";
import { type RefObject, useEffect, useState } from "react";
import type { BoundingBox } from "../../../src/domain/place.ts";
import { getJson } from "../api.ts";
import { offlineStyle } from "./basemap.ts";

maplibregl.setWorkerUrl(workerUrl);

/** The process's region (Armenia, Azerbaijan and around): where a map opens when it has nothing to fit. */
export const REGION: [number, number, number, number] = [43.4, 38.3, 50.4, 42.0];

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
export function useMap(container: RefObject<HTMLDivElement | null>): maplibregl.Map | null {
  const [loaded, setLoaded] = useState<maplibregl.Map | null>(null);
  const style = useStyleUrl();
  useEffect(() => {
    if (!container.current || !style.isReady) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: style.url ?? offlineStyle(),
      bounds: REGION,
      attributionControl: style.url ? {} : { customAttribution: "Natural Earth" },
    });
    map.addControl(new maplibregl.NavigationControl(), "top-right");
    map.on("load", () => setLoaded(map));
    return () => {
      setLoaded(null);
      map.remove();
    };
  }, [container, style.isReady, style.url]);
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
