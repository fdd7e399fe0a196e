import type { GeoJSONSource, MapLayerMouseEvent } from "maplibre-gl";
import * as maplibregl from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
// MapLibre finds its worker next to its own module, which a bundle does not keep: hand it over.
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { getJson, PROCESS } from "../api.ts";
import { DateRangeFilter } from "../components/date-range.tsx";
import { RecordEditor } from "../components/record-editor.tsx";
import { offlineStyle } from "../map/basemap.ts";
import { navigate, useLocation } from "../router.tsx";

maplibregl.setWorkerUrl(workerUrl);

type Collection = {
  type: "FeatureCollection";
  features: Array<{ properties: Record<string, unknown> }>;
};

/** The tiles covering the map's view at its zoom, as z/x/y. */
function visibleTiles(map: maplibregl.Map): string[] {
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

export function MapPage() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const container = useRef<HTMLDivElement>(null);
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const kind = params.get("kind") ?? "";

  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: offlineStyle(),
      bounds: [43.4, 38.3, 50.4, 42.0],
      attributionControl: { customAttribution: "Natural Earth" },
    });
    map.addControl(new maplibregl.NavigationControl(), "top-right");
    const query = new URLSearchParams(
      Object.entries({ from, to, kind }).filter(([, v]) => v !== ""),
    );
    const refresh = async () => {
      const collections = await Promise.all(
        visibleTiles(map).map((tile) =>
          getJson<Collection>(
            `/api/processes/${PROCESS}/tiles/${tile}${query.size ? `?${query}` : ""}`,
          ),
        ),
      );
      const source = map.getSource("incidents") as GeoJSONSource | undefined;
      source?.setData({
        type: "FeatureCollection",
        features: collections.flatMap((c) => c.features) as never,
      });
    };
    map.on("load", () => {
      map.addSource("incidents", {
        type: "geojson",
        data: { type: "FeatureCollection", features: [] },
      });
      map.addLayer({
        id: "incidents",
        type: "circle",
        source: "incidents",
        paint: {
          "circle-color": ["case", ["get", "cluster"], "#b3541e", "#1f3a5f"],
          "circle-radius": ["interpolate", ["linear"], ["sqrt", ["get", "count"]], 1, 5, 30, 28],
          "circle-opacity": 0.8,
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 1,
        },
      });
      void refresh();
    });
    map.on("moveend", () => void refresh());
    map.on("click", "incidents", (event: MapLayerMouseEvent) => {
      const feature = event.features?.[0];
      if (!feature) return;
      const props = feature.properties as {
        id?: string;
        label?: string;
        count: number;
        cluster?: boolean;
      };
      if (props.cluster) {
        map.easeTo({ center: event.lngLat, zoom: map.getZoom() + 2 });
        return;
      }
      if (props.id) navigate(`/incidents?id=${encodeURIComponent(props.id)}`);
    });
    map.on("mouseenter", "incidents", () => {
      map.getCanvas().style.cursor = "pointer";
    });
    map.on("mouseleave", "incidents", () => {
      map.getCanvas().style.cursor = "";
    });
    return () => map.remove();
  }, [from, to, kind]);

  return (
    <div className="map-page">
      <h1>{t("map.title")}</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <DateRangeFilter />
      </form>
      <div ref={container} className="map" role="application" aria-label={t("map.title")} />
      <p className="muted">{t("map.basemapNote")}</p>
      {/* Observation posts, patrols and transport links have no page of their own yet: they are added here. */}
      <RecordEditor types={["post", "patrol", "link"]} />
    </div>
  );
}
