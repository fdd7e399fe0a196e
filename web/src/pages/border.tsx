import { useQuery } from "@tanstack/react-query";
import type { MapLayerMouseEvent } from "maplibre-gl";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import {
  BORDER_STATUSES,
  type BorderSegment,
} from "../../../src/domain/kinds/border-segment.schema.ts";
import { geometryBounds } from "../../../src/domain/place.ts";
import { type ApiRecord, listRecords } from "../api.ts";
import { ActorName } from "../components/actors.tsx";
import { EditRecordButton } from "../components/edit-record-button.tsx";
import { RecordEditor } from "../components/record-editor.tsx";
import { Failure, Loading } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { formatDate } from "../format.ts";
import {
  BORDER_LINE_LAYERS,
  borderFeatures,
  borderLayers,
  LINE_STYLES,
  type LineRole,
  lineRole,
  STATUS_COLOURS,
} from "../map/border-layers.ts";
import { fitTo, setSourceData, useMap } from "../map/use-map.ts";
import { Link, setParams, useLocation } from "../router.tsx";

const linesOf = (segment: ApiRecord) => (segment.lines as BorderSegment["lines"] | undefined) ?? [];

/** A short stroke in a line's style, for the legend and the details: the same colour and dash. */
function LineSample({ lineRole: role }: { lineRole: LineRole }) {
  const style = LINE_STYLES[role];
  return (
    <svg width="36" height="10" aria-hidden="true" className="line-sample">
      <line
        x1="2"
        y1="5"
        x2="34"
        y2="5"
        stroke={style.colour}
        strokeWidth={style.width}
        strokeDasharray={
          style.dash[1] === 0 ? undefined : style.dash.map((d) => d * style.width).join(" ")
        }
        strokeLinecap={role === "side1" ? "round" : "butt"}
      />
    </svg>
  );
}

function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span
      className="badge border-status"
      style={{ borderColor: STATUS_COLOURS[status as keyof typeof STATUS_COLOURS] }}
    >
      {t(`border.statuses.${status}` as "border.statuses.disputed", { defaultValue: status })}
    </span>
  );
}

function Legend({ sides }: { sides: string[] }) {
  const { t } = useTranslation();
  return (
    <section className="legend" aria-labelledby="border-legend">
      <h2 id="border-legend">{t("border.legend")}</h2>
      <ul className="plain">
        <li>
          <LineSample lineRole="agreed" /> {t("border.agreed")}
        </li>
        {(["side0", "side1"] as const).map((role, i) => (
          <li key={role}>
            <LineSample lineRole={role} /> {t("border.proposedBy", { side: "" })}
            <ActorName id={sides[i] ?? null} />
          </li>
        ))}
      </ul>
      <p className="muted">{t("border.statusHalo")}</p>
      <ul className="plain statuses">
        {BORDER_STATUSES.map((status) => (
          <li key={status}>
            <span className="swatch" style={{ background: STATUS_COLOURS[status] }} />{" "}
            {t(`border.statuses.${status}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The map of every section's lines; a click on a line selects its section in the URL. */
function BorderMap({ segments, selected }: { segments: ApiRecord[]; selected: string }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const map = useMap(container);
  useEffect(() => {
    if (!map) return;
    const { lines, markers } = borderFeatures(segments);
    setSourceData(map, "border-lines", lines);
    setSourceData(map, "border-markers", markers);
    for (const layer of borderLayers(selected)) {
      if (map.getLayer(layer.id)) map.removeLayer(layer.id);
      map.addLayer(layer);
    }
    const selectedLines = linesOf(segments.find((s) => s.id === selected) ?? ({} as ApiRecord));
    const all = selectedLines.length ? selectedLines : segments.flatMap(linesOf);
    if (all.length) {
      const boxes = all.map((l) => geometryBounds(l.geometry));
      fitTo(map, {
        west: Math.min(...boxes.map((b) => b.west)),
        south: Math.min(...boxes.map((b) => b.south)),
        east: Math.max(...boxes.map((b) => b.east)),
        north: Math.max(...boxes.map((b) => b.north)),
      });
    }
  }, [map, segments, selected]);
  useEffect(() => {
    if (!map) return;
    const select = (event: MapLayerMouseEvent) => {
      const id = event.features?.[0]?.properties?.id;
      if (typeof id === "string") setParams({ id });
    };
    const pointer = () => {
      map.getCanvas().style.cursor = "pointer";
    };
    const plain = () => {
      map.getCanvas().style.cursor = "";
    };
    for (const layer of BORDER_LINE_LAYERS) {
      map.on("click", layer, select);
      map.on("mouseenter", layer, pointer);
      map.on("mouseleave", layer, plain);
    }
    return () => {
      for (const layer of BORDER_LINE_LAYERS) {
        map.off("click", layer, select);
        map.off("mouseenter", layer, pointer);
        map.off("mouseleave", layer, plain);
      }
    };
  }, [map]);
  return (
    <div ref={container} className="map small" role="application" aria-label={t("border.map")} />
  );
}

function SegmentDetails({ segment }: { segment: ApiRecord }) {
  const { t, i18n } = useTranslation();
  const sides = (segment.sides as string[] | undefined) ?? [];
  const lines = linesOf(segment);
  return (
    <article className="detail" aria-labelledby="segment-title">
      <h2 id="segment-title">{String(segment.name)}</h2>
      <p>
        <StatusBadge status={String(segment.status)} /> <EditRecordButton record={segment} />
      </p>
      <dl className="facts">
        <dt>{t("border.sides")}</dt>
        <dd>
          <ActorName id={sides[0] ?? null} /> · <ActorName id={sides[1] ?? null} />
        </dd>
        {segment.length_km !== undefined ? (
          <>
            <dt>{t("border.length")}</dt>
            <dd>{String(segment.length_km)} km</dd>
          </>
        ) : null}
        <dt>{t("border.markers")}</dt>
        <dd>{((segment.markers as unknown[] | undefined) ?? []).length}</dd>
        <dt>{t("border.lines")}</dt>
        <dd>
          {lines.length === 0 ? (
            <em>{t("border.noLine")}</em>
          ) : (
            <ul className="plain">
              {lines.map((line, i) => (
                // Lines have no id of their own; their order in the record is stable.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <li key={i}>
                  <LineSample lineRole={lineRole(line, sides)} />{" "}
                  {line.is_agreed ? (
                    t("border.agreed")
                  ) : (
                    <>
                      {t("border.proposedBy", { side: "" })}
                      <ActorName id={line.proposed_by ?? null} />
                    </>
                  )}
                  {line.as_of ? ` · ${formatDate(line.as_of, i18n.language)}` : ""}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      {segment.notes ? <p>{String(segment.notes)}</p> : null}
    </article>
  );
}

/** `/border`: every border section on a map and in a list; `?id=` selects one. */
export function BorderPage() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const selected = params.get("id") ?? "";
  const query = useQuery({
    queryKey: ["border-segments", "list"],
    queryFn: () => listRecords("border-segments", { limit: 500 }),
  });
  const segments = query.data?.items ?? [];
  const isMapped = segments.some((s) => linesOf(s).length > 0);
  const chosen = segments.find((s) => s.id === selected);
  const sides = (segments[0]?.sides as string[] | undefined) ?? [];
  return (
    <div>
      <h1>{t("nav.border")}</h1>
      {query.isLoading ? <Loading /> : query.error ? <Failure error={query.error} /> : null}
      <div className="map-with-legend">
        <BorderMap segments={segments} selected={selected} />
        <Legend sides={sides} />
      </div>
      {query.data && !isMapped ? <p className="notice">{t("border.noLines")}</p> : null}
      {query.data && segments.length === 0 ? <p className="muted">{t("common.none")}</p> : null}
      {segments.length > 0 ? (
        <TableScroll>
          <table className="records">
            <thead>
              <tr>
                <th scope="col">{t("border.details")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("border.sides")}</th>
                <th scope="col">{t("border.lines")}</th>
              </tr>
            </thead>
            <tbody>
              {segments.map((segment) => {
                const segmentSides = (segment.sides as string[] | undefined) ?? [];
                return (
                  <tr key={segment.id} aria-selected={segment.id === selected}>
                    <td>
                      <Link
                        to={`/border?${new URLSearchParams({ ...Object.fromEntries(params), id: segment.id })}`}
                      >
                        {String(segment.name)}
                      </Link>
                    </td>
                    <td>
                      <StatusBadge status={String(segment.status)} />
                    </td>
                    <td>
                      <ActorName id={segmentSides[0] ?? null} /> ·{" "}
                      <ActorName id={segmentSides[1] ?? null} />
                    </td>
                    <td>
                      {linesOf(segment).length === 0 ? (
                        <em>{t("border.noLine")}</em>
                      ) : (
                        linesOf(segment).map((line, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id; order is stable
                          <LineSample key={i} lineRole={lineRole(line, segmentSides)} />
                        ))
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {chosen ? <SegmentDetails segment={chosen} /> : null}
      <RecordEditor
        types={["border_segment"]}
        onCreated={(record) => setParams({ id: record.id })}
      />
    </div>
  );
}
