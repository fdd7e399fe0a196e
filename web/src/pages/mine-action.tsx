import * as Plot from "@observablehq/plot";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { FuzzyDate } from "../../../src/domain/fuzzy-date.ts";
import type { Hazard } from "../../../src/domain/kinds/hazard.schema.ts";
import { type Geometry, geometryBounds } from "../../../src/domain/place.ts";
import { type ApiRecord, getJson, listRecords, processUrl } from "../api.ts";
import { ActorName } from "../components/actors.tsx";
import { EditRecordButton } from "../components/edit-record-button.tsx";
import { mountPlot } from "../components/mount-plot.ts";
import { RecordEditor } from "../components/record-editor.tsx";
import { Failure, Loading } from "../components/status.tsx";
import { formatCount, formatDate } from "../format.ts";
import { hazardFeatures, hazardGeometry, hazardLayers } from "../map/hazard-layers.ts";
import { fitTo, setSourceData, useMap } from "../map/use-map.ts";
import { setParams, useLocation } from "../router.tsx";
import { type HazardVersion, releaseSeries } from "./release-series.ts";

function HazardMap({ hazards, selected }: { hazards: ApiRecord[]; selected: string }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const map = useMap(container);
  useEffect(() => {
    if (!map) return;
    const data = hazardFeatures(hazards);
    setSourceData(map, "hazards", data);
    for (const layer of hazardLayers(selected)) {
      if (map.getLayer(layer.id)) map.removeLayer(layer.id);
      map.addLayer(layer);
    }
    const boxes = data.features.map((f) => geometryBounds(f.geometry as Geometry));
    if (boxes.length) {
      fitTo(map, {
        west: Math.min(...boxes.map((b) => b.west)),
        south: Math.min(...boxes.map((b) => b.south)),
        east: Math.max(...boxes.map((b) => b.east)),
        north: Math.max(...boxes.map((b) => b.north)),
      });
    }
  }, [map, hazards, selected]);
  return (
    <div
      ref={container}
      className="map small"
      role="application"
      aria-label={t("mineAction.map")}
    />
  );
}

/**
 * Area released over time from every version of every hazard area the ledger keeps: one history
 * request per area (a process has tens of them, not thousands).
 */
function ReleaseChart({ hazards }: { hazards: ApiRecord[] }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const history = useQuery({
    queryKey: ["hazard-history", hazards.map((h) => `${h.id}@${h.version}`)],
    queryFn: async () =>
      (
        await Promise.all(
          hazards.slice(0, 100).map((h) =>
            getJson<{ entries: Array<{ content?: { record?: Record<string, unknown> } }> }>(
              `${processUrl()}/hazards/${encodeURIComponent(h.id)}/history`,
            ).then((r) =>
              r.entries.flatMap((e) => {
                const record = e.content?.record;
                return record?.as_of
                  ? [
                      {
                        hazard_id: h.id,
                        as_of: record.as_of as Hazard["as_of"],
                        released_m2: record.released_m2 as Hazard["released_m2"],
                      },
                    ]
                  : [];
              }),
            ),
          ),
        )
      ).flat() satisfies HazardVersion[],
  });
  const series = releaseSeries(history.data ?? []);
  useEffect(() => {
    if (!ref.current || series.length === 0) return;
    const chart = Plot.plot({
      width: Math.max(320, ref.current.clientWidth),
      height: 240,
      marginLeft: 70,
      x: { type: "utc", label: null },
      y: { label: t("mineAction.released"), grid: true, zero: true },
      marks: [
        Plot.areaY(series, {
          x: "at",
          y: "released",
          curve: "step-after",
          fill: "#2e7d32",
          fillOpacity: 0.15,
        }),
        Plot.lineY(series, {
          x: "at",
          y: "released",
          curve: "step-after",
          stroke: "#2e7d32",
          strokeWidth: 2,
        }),
        Plot.dot(series, {
          x: "at",
          y: "released",
          fill: "#2e7d32",
          r: 4,
          title: (d) => `${formatCount(d.released, i18n.language)} m²`,
        }),
      ],
    });
    mountPlot(ref.current, chart);
    return () => chart.remove();
  }, [series, t, i18n.language]);
  return (
    <section aria-labelledby="release-chart">
      <h2 id="release-chart">{t("mineAction.chart")}</h2>
      {history.isLoading ? <Loading /> : history.error ? <Failure error={history.error} /> : null}
      {history.data && series.length === 0 ? (
        <p className="notice">{t("mineAction.noClearance")}</p>
      ) : null}
      {series.length > 0 ? (
        <>
          <div ref={ref} className="chart" role="img" aria-label={t("mineAction.chartLabel")} />
          <p className="muted">{t("mineAction.chartNote")}</p>
        </>
      ) : null}
    </section>
  );
}

/** `/mine-action`: hazard areas on a map and in a list, and the area released over time. */
export function MineActionPage() {
  const { t, i18n } = useTranslation();
  const { params } = useLocation();
  const selected = params.get("id") ?? "";
  const query = useQuery({
    queryKey: ["hazards", "list"],
    queryFn: () => listRecords("hazards", { limit: 500 }),
  });
  const hazards = query.data?.items ?? [];
  const unmapped = hazards.filter((h) => hazardGeometry(h) === null).length;
  return (
    <div>
      <h1>{t("nav.mineAction")}</h1>
      {query.isLoading ? <Loading /> : query.error ? <Failure error={query.error} /> : null}
      <HazardMap hazards={hazards} selected={selected} />
      {unmapped > 0 ? (
        <p className="muted">{t("mineAction.unmapped", { count: unmapped })}</p>
      ) : null}
      {query.data ? <ReleaseChart hazards={hazards} /> : null}
      <h2>{t("mineAction.list")}</h2>
      {query.data && hazards.length === 0 ? <p className="muted">{t("common.none")}</p> : null}
      {hazards.length > 0 ? (
        <div className="table-scroll">
          <table className="records">
            <thead>
              <tr>
                <th scope="col">{t("common.place")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("common.date")}</th>
                <th scope="col">{t("mineAction.area")}</th>
                <th scope="col">{t("mineAction.released")}</th>
                <th scope="col">{t("common.source")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("forms.edit")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {hazards.map((h) => {
                return (
                  <tr key={h.id} aria-selected={h.id === selected}>
                    <td>
                      <button
                        type="button"
                        className="link"
                        onClick={() => setParams({ id: h.id })}
                      >
                        {String(h.name)}
                      </button>
                    </td>
                    <td>{String(h.status)}</td>
                    <td>{formatDate(h.as_of as FuzzyDate, i18n.language)}</td>
                    <td>{h.area_m2 === undefined ? "—" : formatCount(h.area_m2, i18n.language)}</td>
                    <td>
                      {h.released_m2 === undefined
                        ? "—"
                        : formatCount(h.released_m2, i18n.language)}
                    </td>
                    <td>
                      <ActorName
                        id={
                          (h.reported_by as string | undefined) ??
                          (h.operator_id as string | undefined) ??
                          null
                        }
                      />
                    </td>
                    <td>
                      <EditRecordButton record={h} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <RecordEditor types={["hazard"]} onCreated={(record) => setParams({ id: record.id })} />
    </div>
  );
}
