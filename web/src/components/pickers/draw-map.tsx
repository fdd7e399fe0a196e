import type * as maplibregl from "maplibre-gl";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { setSourceData, useMap } from "../../map/use-map.ts";

/** Degrees to five decimals (about a metre): more would claim a precision no click has. */
const rounded = (degrees: number) => Math.round(degrees * 100_000) / 100_000;

type Position = [number, number];

/** The shapes a click-by-click drawing makes; the multi-part ones are imported, not drawn. */
const DRAWN = ["Point", "LineString", "Polygon"] as const;
type Drawn = (typeof DRAWN)[number];

/** The points of a stored geometry, to go on drawing from them. */
function pointsOf(geometry: string): { type: Drawn | undefined; points: Position[] } {
  try {
    const parsed = JSON.parse(geometry) as { type: string; coordinates: unknown };
    if (parsed.type === "Point") return { type: "Point", points: [parsed.coordinates as Position] };
    if (parsed.type === "LineString")
      return { type: "LineString", points: parsed.coordinates as Position[] };
    if (parsed.type === "Polygon") {
      const ring = (parsed.coordinates as Position[][])[0] ?? [];
      return { type: "Polygon", points: ring.slice(0, -1) };
    }
  } catch {
    // Nothing drawn yet.
  }
  return { type: undefined, points: [] };
}

/** The GeoJSON the points make, or "" while they are too few for the shape. */
function geometryOf(type: Drawn, points: Position[]): string {
  if (type === "Point")
    return points.length > 0 ? JSON.stringify({ type, coordinates: points.at(-1) }) : "";
  if (type === "LineString")
    return points.length >= 2 ? JSON.stringify({ type, coordinates: points }) : "";
  const first = points[0];
  return points.length >= 3 && first
    ? JSON.stringify({ type, coordinates: [[...points, first]] })
    : "";
}

/**
 * A geometry drawn on a map, a click a point: a point, a line or an area (closed for you), with
 * the last point undone or all cleared. The record gets its GeoJSON; nobody types it.
 */
export function DrawMap(props: {
  id: string;
  label: string;
  /** The geometry types the field takes. */
  types: readonly string[];
  value: string;
  onChange: (geometry: string) => void;
}) {
  const { t } = useTranslation();
  const offered = DRAWN.filter((type) => props.types.includes(type));
  const stored = pointsOf(props.value);
  const [type, setType] = useState<Drawn>(stored.type ?? offered.at(-1) ?? "Point");
  const [points, setPoints] = useState<Position[]>(stored.points);
  const container = useRef<HTMLDivElement>(null);
  const map = useMap(container);
  const latest = useRef({ type, points, onChange: props.onChange });
  latest.current = { type, points, onChange: props.onChange };

  const change = (nextType: Drawn, next: Position[]) => {
    setPoints(next);
    setType(nextType);
    props.onChange(geometryOf(nextType, next));
  };

  useEffect(() => {
    if (!map) return;
    const click = (event: maplibregl.MapMouseEvent) => {
      const { type: current, points: before, onChange } = latest.current;
      const point: Position = [rounded(event.lngLat.lng), rounded(event.lngLat.lat)];
      const next = current === "Point" ? [point] : [...before, point];
      setPoints(next);
      onChange(geometryOf(current, next));
    };
    map.on("click", click);
    map.getCanvas().style.cursor = "crosshair";
    return () => {
      map.off("click", click);
    };
  }, [map]);

  useEffect(() => {
    if (!map) return;
    const features: GeoJSON.Feature[] = points.map((coordinates) => ({
      type: "Feature",
      properties: {},
      geometry: { type: "Point", coordinates },
    }));
    if (type !== "Point" && points.length >= 2) {
      const line = type === "Polygon" && points[0] ? [...points, points[0]] : points;
      features.push({
        type: "Feature",
        properties: {},
        geometry: { type: "LineString", coordinates: line },
      });
    }
    setSourceData(map, "drawn", { type: "FeatureCollection", features });
    if (!map.getLayer("drawn-line")) {
      map.addLayer({
        id: "drawn-line",
        type: "line",
        source: "drawn",
        paint: { "line-color": "#b3261e", "line-width": 2 },
      });
      map.addLayer({
        id: "drawn-points",
        type: "circle",
        source: "drawn",
        filter: ["==", ["geometry-type"], "Point"],
        paint: { "circle-color": "#b3261e", "circle-radius": 4 },
      });
    }
  }, [map, type, points]);

  return (
    <fieldset className="field group draw-map" id={props.id}>
      <legend>{props.label}</legend>
      <label htmlFor={`${props.id}-type`}>{t("forms.shape")}</label>
      <select
        id={`${props.id}-type`}
        value={type}
        onChange={(event) => change(event.target.value as Drawn, points)}
      >
        {offered.map((option) => (
          <option key={option} value={option}>
            {t(`forms.shapes.${option}`)}
          </option>
        ))}
      </select>
      <p className="hint" aria-live="polite">
        {t("forms.drawn", { count: points.length })}
      </p>
      <div>
        <button
          type="button"
          className="secondary"
          disabled={points.length === 0}
          onClick={() => change(type, points.slice(0, -1))}
        >
          {t("forms.undoPoint")}
        </button>{" "}
        <button
          type="button"
          className="secondary"
          disabled={points.length === 0}
          onClick={() => change(type, [])}
        >
          {t("forms.clearDrawing")}
        </button>
      </div>
      <div
        ref={container}
        className="map small pin-map"
        role="application"
        aria-label={t("forms.drawMap", { field: props.label })}
      />
    </fieldset>
  );
}
