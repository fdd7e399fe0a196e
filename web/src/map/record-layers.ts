import type { Feature, FeatureCollection, Position } from "geojson";
import type { LayerSpecification } from "maplibre-gl";
import type { Place } from "../../../src/domain/place.ts";
import type { ApiRecord } from "../api.ts";

/** The map's switchable layers, in drawing order from bottom to top; the URL's `layers` names them. */
export const MAP_LAYERS = ["hazards", "border", "links", "posts", "incidents"] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];

const positionOf = (place: Pick<Place, "lat" | "lon"> | undefined): Position[] =>
  place?.lat !== undefined && place.lon !== undefined ? [[place.lon, place.lat]] : [];

export const POST_COLOURS = { active: "#00695c", closed: "#9e9e9e" };
export const LINK_COLOUR = "#6d4c41";

/** Observation posts located at a point; a post known only to a region is not drawn. */
export function postFeatures(posts: ApiRecord[]): FeatureCollection {
  return {
    type: "FeatureCollection",
    features: posts.flatMap((post): Feature[] =>
      positionOf(post.place as Place).map((coordinates) => ({
        type: "Feature",
        geometry: { type: "Point", coordinates },
        properties: { id: post.id, state: post.closed ? "closed" : "active" },
      })),
    ),
  };
}

/**
 * A link's route where one is mapped; otherwise the line through its located places (from, via,
 * to), which says where it runs without claiming the exact path; a single place is a point.
 */
export function linkFeatures(links: ApiRecord[]): FeatureCollection {
  const features: Feature[] = [];
  for (const link of links) {
    const properties = { id: link.id, is_open: link.status === "open" };
    if (link.route) {
      features.push({ type: "Feature", geometry: link.route as never, properties });
      continue;
    }
    const places = [link.from, ...((link.via as Place[] | undefined) ?? []), link.to];
    const points = places.flatMap((p) => positionOf(p as Place));
    const [first] = points;
    if (points.length >= 2)
      features.push({
        type: "Feature",
        geometry: { type: "LineString", coordinates: points },
        properties,
      });
    else if (first)
      features.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: first },
        properties,
      });
  }
  return { type: "FeatureCollection", features };
}

/** The layers of the sources "posts" and "links": an open link solid, any other dashed. */
export function postAndLinkLayers(): LayerSpecification[] {
  return [
    {
      id: "link-lines",
      type: "line",
      source: "links",
      filter: ["!=", ["geometry-type"], "Point"],
      layout: { "line-cap": "round" },
      paint: {
        "line-color": LINK_COLOUR,
        "line-width": 3.5,
        "line-dasharray": ["case", ["get", "is_open"], ["literal", [1, 0]], ["literal", [2, 1.5]]],
      },
    },
    {
      id: "link-points",
      type: "circle",
      source: "links",
      filter: ["==", ["geometry-type"], "Point"],
      paint: {
        "circle-color": LINK_COLOUR,
        "circle-radius": 6,
        "circle-stroke-color": "#fff",
        "circle-stroke-width": 1.5,
      },
    },
    {
      id: "posts",
      type: "circle",
      source: "posts",
      paint: {
        "circle-color": [
          "match",
          ["get", "state"],
          "closed",
          POST_COLOURS.closed,
          POST_COLOURS.active,
        ],
        "circle-radius": 6,
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 2,
      },
    },
  ] as never;
}

export const INCIDENT_LAYER: LayerSpecification = {
  id: "incidents",
  type: "circle",
  source: "incidents",
  paint: {
    // A single incident has no "cluster" property: compared with true, it is false, not null.
    "circle-color": ["case", ["==", ["get", "cluster"], true], "#b3541e", "#1f3a5f"],
    // A cluster is big enough to carry its count (an HTML label over it).
    "circle-radius": [
      "case",
      ["==", ["get", "cluster"], true],
      ["interpolate", ["linear"], ["sqrt", ["get", "count"]], 1, 10, 30, 28],
      5,
    ],
    "circle-opacity": 0.8,
    "circle-stroke-color": "#ffffff",
    "circle-stroke-width": 1,
  },
};

/** Which MapLibre layers draw each switchable layer, to show or hide them together. */
export const LAYER_IDS: Record<MapLayer, string[]> = {
  hazards: ["hazard-areas", "hazard-outlines", "hazard-points"],
  border: ["border-status", "border-agreed", "border-side0", "border-side1", "border-markers"],
  links: ["link-lines", "link-points"],
  posts: ["posts"],
  incidents: ["incidents"],
};

/** The layers the URL's `layers` names; all when it names none, none when it says "none". */
export function chosenLayers(param: string | null): Set<MapLayer> {
  if (param === null) return new Set(MAP_LAYERS);
  return new Set(MAP_LAYERS.filter((layer) => param.split(",").includes(layer)));
}

/** The `layers` value for a set: "none" for the empty set, since an empty parameter means all. */
export function layersParam(layers: Set<MapLayer>): string {
  return layers.size === 0 ? "none" : MAP_LAYERS.filter((l) => layers.has(l)).join(",");
}
