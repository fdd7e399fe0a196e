import type { FeatureCollection } from "geojson";
import type { ExpressionSpecification, LayerSpecification } from "maplibre-gl";
import type {
  BORDER_STATUSES,
  BorderSegment,
} from "../../../src/domain/kinds/border-segment.schema.ts";
import type { ApiRecord } from "../api.ts";

type Status = (typeof BORDER_STATUSES)[number];

/** A section's status as the colour of the band under its lines. */
export const STATUS_COLOURS: Record<Status, string> = {
  disputed: "#c62828",
  under_delimitation: "#ef8f00",
  delimited: "#2e7d32",
  demarcated: "#1565c0",
};

/**
 * Whose line it is, drawn apart by colour and dash together, so the difference survives colour
 * blindness and black-and-white print: the agreed line solid, each side's proposal its own dash.
 */
export const LINE_STYLES = {
  agreed: { colour: "#111827", dash: [1, 0], width: 3 },
  side0: { colour: "#8e24aa", dash: [4, 2], width: 2.5 },
  side1: { colour: "#00838f", dash: [1, 1.5], width: 2.5 },
} as const;
export type LineRole = keyof typeof LINE_STYLES;

/** Which style a line takes: agreed, or proposed by the segment's first or second side. */
export function lineRole(
  line: Pick<BorderSegment["lines"][number], "is_agreed" | "proposed_by">,
  sides: readonly string[],
): LineRole {
  if (line.is_agreed) return "agreed";
  return sides.indexOf(line.proposed_by ?? "") === 1 ? "side1" : "side0";
}

/** Every line of every section as features (role, status, section id), and markers as points. */
export function borderFeatures(segments: ApiRecord[]): {
  lines: FeatureCollection;
  markers: FeatureCollection;
} {
  const lines: FeatureCollection = { type: "FeatureCollection", features: [] };
  const markers: FeatureCollection = { type: "FeatureCollection", features: [] };
  for (const segment of segments) {
    const sides = (segment.sides as string[] | undefined) ?? [];
    for (const line of (segment.lines as BorderSegment["lines"] | undefined) ?? []) {
      lines.features.push({
        type: "Feature",
        geometry: line.geometry,
        properties: { id: segment.id, status: segment.status, role: lineRole(line, sides) },
      });
    }
    for (const marker of (segment.markers as BorderSegment["markers"] | undefined) ?? []) {
      markers.features.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: [marker.lon, marker.lat] },
        properties: { id: segment.id, label: marker.label },
      });
    }
  }
  return { lines, markers };
}

export const BORDER_LINE_LAYERS = [
  "border-status",
  "border-agreed",
  "border-side0",
  "border-side1",
];

/** The layers drawing the sources "border-lines" and "border-markers"; the selected section is wider. */
export function borderLayers(selected: string): LayerSpecification[] {
  const isSelected: ExpressionSpecification = ["==", ["get", "id"], selected];
  const role = (id: LineRole): LayerSpecification => ({
    id: `border-${id}`,
    type: "line",
    source: "border-lines",
    filter: ["==", ["get", "role"], id],
    layout: { "line-cap": id === "side1" ? "round" : "butt" },
    paint: {
      "line-color": LINE_STYLES[id].colour,
      "line-width": ["case", isSelected, LINE_STYLES[id].width + 1.5, LINE_STYLES[id].width],
      "line-dasharray": [...LINE_STYLES[id].dash],
    },
  });
  return [
    {
      id: "border-status",
      type: "line",
      source: "border-lines",
      paint: {
        "line-color": [
          "match",
          ["get", "status"],
          ...Object.entries(STATUS_COLOURS).flat(),
          "#9e9e9e",
        ] as never,
        "line-width": ["case", isSelected, 16, 10],
        "line-opacity": ["case", isSelected, 0.55, 0.3],
      },
    },
    role("agreed"),
    role("side0"),
    role("side1"),
    {
      id: "border-markers",
      type: "circle",
      source: "border-markers",
      paint: {
        "circle-radius": 4,
        "circle-color": "#ffffff",
        "circle-stroke-color": "#111827",
        "circle-stroke-width": 1.5,
      },
    },
  ];
}
