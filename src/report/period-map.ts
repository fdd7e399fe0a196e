import { createRequire } from "node:module";
import { geoMercator, geoPath } from "d3-geo";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { MapPoint, SituationReport } from "../domain/situation-report.ts";

/**
 * The report's map, drawn on the server: the offline basemap the web app draws (Natural Earth
 * land and borders from world-atlas at 1:50m) in Web Mercator, cut to the process's region or
 * the period's incidents, with each incident's number at its point. The same drawing is written
 * as SVG (HTML, Markdown) and painted path by path into the PDF.
 */

export type DrawnMap = {
  width: number;
  height: number;
  /** SVG path data, in the map's pixels. */
  land: string;
  borders: string;
  /** Each incident's number at its point, and its place's name (once per place) beside it. */
  points: Array<{ mark: number; x: number; y: number; label: string | null }>;
};

type Countries = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

let basemap: {
  land: GeoJSON.FeatureCollection | GeoJSON.Feature;
  borders: GeoJSON.MultiLineString;
} | null = null;

function loadBasemap() {
  if (basemap) return basemap;
  const topology = createRequire(import.meta.url)("world-atlas/countries-50m.json") as Countries;
  basemap = {
    land: feature(topology, topology.objects.land),
    borders: mesh(topology, topology.objects.countries, (a, b) => a !== b),
  };
  return basemap;
}

const WORLD: [number, number, number, number] = [-180, -60, 180, 80];

/** What the map shows: the region, widened to every point; else the points with a margin. */
export function mapExtent(
  bbox: readonly [number, number, number, number] | null,
  points: readonly MapPoint[],
): [number, number, number, number] {
  if (!bbox && points.length === 0) return WORLD;
  let [west, south, east, north] = bbox ?? [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    west = Math.min(west, p.lon);
    east = Math.max(east, p.lon);
    south = Math.min(south, p.lat);
    north = Math.max(north, p.lat);
  }
  const margin = Math.max(0.3, (east - west) * 0.08, (north - south) * 0.08);
  return [
    Math.max(-180, west - margin),
    Math.max(-80, south - margin),
    Math.min(180, east + margin),
    Math.min(84, north + margin),
  ];
}

/** Draws the period's map at the given width; its height follows the region's shape. */
export function drawPeriodMap(report: Pick<SituationReport, "map">, width = 720): DrawnMap {
  const [west, south, east, north] = mapExtent(report.map.bbox, report.map.points);
  const corners: GeoJSON.MultiPoint = {
    type: "MultiPoint",
    coordinates: [
      [west, south],
      [east, north],
    ],
  };
  const unit = geoMercator().fitWidth(width, corners);
  const [[x0, y0], [x1, y1]] = geoPath(unit).bounds(corners);
  const height = Math.round(
    Math.min(width * 0.6, Math.max(width * 0.35, ((y1 - y0) / (x1 - x0 || 1)) * width)),
  );
  const projection = geoMercator()
    .fitExtent(
      [
        [0, 0],
        [width, height],
      ],
      corners,
    )
    .clipExtent([
      [0, 0],
      [width, height],
    ]);
  const path = geoPath(projection).digits(1);
  const named = new Set<string>();
  const { land, borders } = loadBasemap();
  return {
    width,
    height,
    land: path(land) ?? "",
    borders: path(borders) ?? "",
    points: report.map.points.flatMap((p) => {
      const xy = projection([p.lon, p.lat]);
      if (!xy) return [];
      // Several incidents at one place: its name once, beside the first.
      const label = p.place !== "" && !named.has(p.place) ? p.place : null;
      named.add(p.place);
      return [
        { mark: p.mark, x: Math.round(xy[0] * 10) / 10, y: Math.round(xy[1] * 10) / 10, label },
      ];
    }),
  };
}

export const MAP_COLOURS = {
  sea: "#dce9f2",
  land: "#f4f1ea",
  border: "#8a8a8a",
  point: "#b3261e",
  label: "#ffffff",
  place: "#1b1b1b",
} as const;

/** The drawing as a standalone SVG element, with a title for screen readers. */
export function periodMapSvg(drawn: DrawnMap, title: string): string {
  const marks = drawn.points
    .map(
      (p) =>
        `<g><circle cx="${p.x}" cy="${p.y}" r="7" fill="${MAP_COLOURS.point}" stroke="#fff" stroke-width="1"/>` +
        `<text x="${p.x}" y="${p.y + 3}" font-size="8" font-family="DejaVu Sans, sans-serif" text-anchor="middle" fill="${MAP_COLOURS.label}">${p.mark}</text>` +
        (p.label
          ? `<text x="${p.x + 10}" y="${p.y + 3.5}" font-size="10" font-family="DejaVu Sans, sans-serif" fill="${MAP_COLOURS.place}" stroke="#ffffff" stroke-width="2.5" paint-order="stroke">${escapeXml(p.label)}</text>`
          : "") +
        "</g>",
    )
    .join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${drawn.width} ${drawn.height}" width="${drawn.width}" height="${drawn.height}" role="img" aria-label="${escapeXml(title)}">` +
    `<title>${escapeXml(title)}</title>` +
    `<rect width="${drawn.width}" height="${drawn.height}" fill="${MAP_COLOURS.sea}"/>` +
    `<path d="${drawn.land}" fill="${MAP_COLOURS.land}"/>` +
    `<path d="${drawn.borders}" fill="none" stroke="${MAP_COLOURS.border}" stroke-width="0.8"/>` +
    `${marks}</svg>`
  );
}

export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}
