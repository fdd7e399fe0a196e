import { expression, latest } from "@maplibre/maplibre-gl-style-spec";
import { describe, expect, it, vi } from "vitest";
import type { ApiRecord } from "../web/src/api.ts";
import { lastDayOf, monthsBetween } from "../web/src/map/months.ts";
import {
  chosenLayers,
  INCIDENT_LAYER,
  layersParam,
  linkFeatures,
  postFeatures,
} from "../web/src/map/record-layers.ts";

const record = (fields: Record<string, unknown>) =>
  ({ id: "r", type: "link", version: 1, ...fields }) as ApiRecord;

describe("the map's layers and months", () => {
  it("reads and writes the URL's layers: all by default, none said as 'none'", () => {
    expect(chosenLayers(null).size).toBe(5);
    expect([...chosenLayers("border,incidents,bogus")]).toEqual(["border", "incidents"]);
    expect(layersParam(chosenLayers("none"))).toBe("none");
    expect(layersParam(new Set(["incidents", "hazards"]))).toBe("hazards,incidents");
  });

  it("colours clusters and single incidents as the legend does, without MapLibre's warnings", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const paint = INCIDENT_LAYER.paint as Record<string, unknown>;
    const colour = expression.createExpression(
      paint["circle-color"],
      latest.paint_circle["circle-color"] as never,
    );
    if (colour.result !== "success") throw new Error("the incident colour does not parse");
    const at = (properties: Record<string, unknown>) =>
      String(colour.value.evaluate({ zoom: 8 }, { type: "Point", properties } as never));
    expect(at({ cluster: true, count: 12 })).toBe("#b3541e");
    // What the tiles give a single incident: no "cluster" property at all.
    expect(at({ id: "inc-1", count: 1 })).toBe("#1f3a5f");
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it("counts months across a year's end", () => {
    expect(monthsBetween("2020-11", "2021-02")).toEqual([
      "2020-11",
      "2020-12",
      "2021-01",
      "2021-02",
    ]);
    expect(monthsBetween("2021-03", "2021-03")).toEqual(["2021-03"]);
    expect(lastDayOf("2024-02")).toBe("2024-02-29");
  });

  it("draws a link by its route, else through its located places, else not at all", () => {
    const at = (lat: number, lon: number) => ({ name: "x", lat, lon });
    const route = {
      type: "LineString",
      coordinates: [
        [1, 2],
        [3, 4],
      ],
    };
    expect(linkFeatures([record({ route, from: at(0, 0) })]).features[0]?.geometry).toEqual(route);
    const through = linkFeatures([record({ from: at(1, 2), via: [{ name: "y" }], to: at(3, 4) })]);
    expect(through.features[0]?.geometry).toEqual({
      type: "LineString",
      coordinates: [
        [2, 1],
        [4, 3],
      ],
    });
    expect(linkFeatures([record({ from: at(1, 2) })]).features[0]?.geometry.type).toBe("Point");
    expect(linkFeatures([record({ from: { name: "region only" } })]).features).toEqual([]);
    expect(postFeatures([record({ type: "post", place: { name: "district" } })]).features).toEqual(
      [],
    );
  });
});
