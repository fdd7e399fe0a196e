import type { FeatureCollection } from "geojson";
import type { LayerSpecification } from "maplibre-gl";
import type { Geometry, Place } from "../../../src/domain/place.ts";
import type { ApiRecord } from "../api.ts";

/** A hazard's shape on the map: its surveyed area, else its place's point, else nothing. */
export function hazardGeometry(hazard: ApiRecord): Geometry | null {
  if (hazard.area) return hazard.area as Geometry;
  const place = hazard.place as Place | undefined;
  return place?.lat !== undefined && place.lon !== undefined
    ? { type: "Point", coordinates: [place.lon, place.lat] }
    : null;
}

export const HAZARD_COLOURS: Record<string, string> = {
  suspected: "#ef8f00",
  confirmed: "#c62828",
  cleared: "#2e7d32",
  cancelled: "#757575",
};

/** Every hazard with a shape, as features carrying its id and status (the source "hazards"). */
export function hazardFeatures(hazards: ApiRecord[]): FeatureCollection {
  return {
    type: "FeatureCollection",
    features: hazards.flatMap((h) => {
      const geometry = hazardGeometry(h);
      return geometry
        ? [{ type: "Feature" as const, geometry, properties: { id: h.id, status: h.status } }]
        : [];
    }),
  };
}

export const HAZARD_LAYERS = ["hazard-areas", "hazard-outlines", "hazard-points"];

/** The layers drawing the source "hazards": areas filled by status, points where no area is known. */
export function hazardLayers(selected: string): LayerSpecification[] {
  const colour = ["match", ["get", "status"], ...Object.entries(HAZARD_COLOURS).flat(), "#555"];
  const isSelected = ["==", ["get", "id"], selected];
  return [
    {
      id: "hazard-areas",
      type: "fill",
      source: "hazards",
      filter: ["==", ["geometry-type"], "Polygon"],
      paint: { "fill-color": colour, "fill-opacity": ["case", isSelected, 0.6, 0.35] },
    },
    {
      id: "hazard-outlines",
      type: "line",
      source: "hazards",
      filter: ["==", ["geometry-type"], "Polygon"],
      paint: { "line-color": colour, "line-width": ["case", isSelected, 3, 1.5] },
    },
    {
      id: "hazard-points",
      type: "circle",
      source: "hazards",
      filter: ["==", ["geometry-type"], "Point"],
      paint: {
        "circle-color": colour,
        "circle-radius": ["case", isSelected, 9, 6],
        "circle-stroke-color": "#fff",
        "circle-stroke-width": 1,
      },
    },
  ] as never;
}
