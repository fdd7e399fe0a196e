import type { StyleSpecification } from "maplibre-gl";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countries from "world-atlas/countries-50m.json";

/**
 * The offline basemap: Natural Earth land and country borders (world-atlas, 1:50m), drawn by
 * MapLibre with no tile server and no font download, so the map works in the field without network.
 */
export function offlineStyle(): StyleSpecification {
  const topology = countries as unknown as Topology<{
    countries: GeometryCollection;
    land: GeometryCollection;
  }>;
  const land = feature(topology, topology.objects.land);
  const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b);
  return {
    version: 8,
    sources: {
      land: { type: "geojson", data: land },
      borders: { type: "geojson", data: { type: "Feature", properties: {}, geometry: borders } },
    },
    layers: [
      { id: "sea", type: "background", paint: { "background-color": "#dce9f2" } },
      { id: "land", type: "fill", source: "land", paint: { "fill-color": "#f4f1ea" } },
      {
        id: "borders",
        type: "line",
        source: "borders",
        paint: { "line-color": "#8a8a8a", "line-width": 0.8 },
      },
    ],
  };
}
