import { useQuery } from "@tanstack/react-query";
import type { GeoJSONSource, MapLayerMouseEvent } from "maplibre-gl";
import * as maplibregl from "maplibre-gl";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Place } from "../../../src/domain/place.ts";
import { type ApiRecord, getJson, listRecords, processUrl } from "../api.ts";
import { useActors } from "../components/actors.tsx";
import { LayerToggles } from "../components/map/layer-toggles.tsx";
import { MapFilters } from "../components/map/map-filters.tsx";
import { MapLegend } from "../components/map/map-legend.tsx";
import { MapTimeSlider } from "../components/map/map-time-slider.tsx";
import { RecordEditor } from "../components/record-editor.tsx";
import { formatNumber } from "../format.ts";
import { BORDER_LINE_LAYERS, borderFeatures, borderLayers } from "../map/border-layers.ts";
import {
  HAZARD_LAYERS,
  hazardFeatures,
  hazardGeometry,
  hazardLayers,
} from "../map/hazard-layers.ts";
import { declutter, type HtmlMarker, syncHtmlMarkers } from "../map/html-markers.ts";
import { incidentPopupContent } from "../map/incident-popup.ts";
import {
  chosenLayers,
  INCIDENT_LAYER,
  LAYER_IDS,
  linkFeatures,
  MAP_LAYERS,
  postAndLinkLayers,
  postFeatures,
} from "../map/record-layers.ts";
import { popupContent, recordFacts } from "../map/record-popup.ts";
import { setSourceData, useMap } from "../map/use-map.ts";
import { visibleTiles } from "../map/visible-tiles.ts";
import { Link, navigate, useLocation } from "../router.tsx";

const EMPTY: GeoJSON.FeatureCollection = { type: "FeatureCollection", features: [] };
const TILE_FILTERS = ["from", "to", "kind", "verification", "actor"] as const;

/** Said of a listed record the map cannot draw: it has no coordinates, and none are invented. */
function NotLocated() {
  const { t } = useTranslation();
  return <span className="muted"> ({t("map.notLocated")})</span>;
}

/** The located records other than incidents: few enough per process to load whole, once. */
function useRecords(path: string, isWanted: boolean) {
  return useQuery({
    queryKey: [path, "list"],
    queryFn: () => listRecords(path, { limit: 500 }),
    enabled: isWanted,
  }).data?.items;
}

/** Which place's label wins where two would overlap: the larger kind of place first. */
const PROMINENCE = ["city", "region", "province", "district", "zone", "town", "area", "village"];
function byProminence(a: ApiRecord, b: ApiRecord): number {
  const rank = (place: ApiRecord) => {
    const at = PROMINENCE.indexOf(String(place.kind));
    return at < 0 ? PROMINENCE.length : at;
  };
  return rank(a) - rank(b);
}

export function MapPage() {
  const { t, i18n } = useTranslation();
  const { params } = useLocation();
  const container = useRef<HTMLDivElement>(null);
  const map = useMap(container);
  const layers = chosenLayers(params.get("layers"));
  const tileQuery = new URLSearchParams(
    TILE_FILTERS.flatMap((name) => {
      const value = params.get(name);
      return value ? [[name, value]] : [];
    }),
  ).toString();
  const posts = useRecords("posts", layers.has("posts"));
  const hazards = useRecords("hazards", layers.has("hazards"));
  const segments = useRecords("border-segments", layers.has("border"));
  const links = useRecords("links", layers.has("links"));
  const places = useRecords("places", true);
  const actors = useActors();
  const clusterMarkers = useRef(new Map<string, maplibregl.Marker>());
  const placeMarkers = useRef(new Map<string, maplibregl.Marker>());
  // Popups are built outside React: they read the latest records and names through a ref.
  const latest = useRef({
    language: "en",
    t,
    actorName: String as (id: string) => string,
    records: new Map<string, ApiRecord>(),
    facts: recordFacts(t, "en", String),
  });
  latest.current = {
    language: i18n.language,
    t,
    actorName: (id: string) => {
      const actor = actors.get(id);
      return String(actor?.short_name ?? actor?.name ?? id);
    },
    records: new Map([...(posts ?? []), ...(links ?? [])].map((r) => [r.id, r])),
    facts: recordFacts(t, i18n.language, (id) => {
      const actor = actors.get(id);
      return String(actor?.short_name ?? actor?.name ?? id);
    }),
  };
  const popup = useRef<maplibregl.Popup | null>(null);

  /** Opens a post's or link's popup at a point (a click, or the list's button). */
  const showPopup = (id: string, at: maplibregl.LngLatLike) => {
    const record = latest.current.records.get(id);
    if (!map || !record) return;
    popup.current?.remove();
    popup.current = new maplibregl.Popup({ maxWidth: "22rem" })
      .setLngLat(at)
      .setDOMContent(popupContent(record, latest.current.facts))
      .addTo(map);
  };

  /** Opens an incident's popup: its claims side by side and a link to the record. */
  const showIncident = async (id: string, at: maplibregl.LngLatLike) => {
    if (!map) return;
    const [incident, claims] = await Promise.all([
      getJson<ApiRecord>(`${processUrl()}/incidents/${encodeURIComponent(id)}`),
      listRecords("claims", { refers_to: id, limit: 50 }),
    ]);
    const { t: translate, language, actorName } = latest.current;
    popup.current?.remove();
    popup.current = new maplibregl.Popup({ maxWidth: "24rem" })
      .setLngLat(at)
      .setDOMContent(
        incidentPopupContent(incident, claims.items, {
          t: translate,
          language,
          claimantName: (claim) =>
            claim.claimant ? actorName(String(claim.claimant)) : translate("common.source"),
          open: navigate,
        }),
      )
      .addTo(map);
  };

  // Sources and layers once, in drawing order; data and visibility follow in their own effects.
  // showPopup reads everything it needs through refs, so the handlers need not be replaced.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (!map) return;
    for (const source of [
      "hazards",
      "border-lines",
      "border-markers",
      "links",
      "posts",
      "incidents",
    ])
      setSourceData(map, source, EMPTY);
    for (const layer of [
      ...hazardLayers(""),
      ...borderLayers(""),
      ...postAndLinkLayers(),
      INCIDENT_LAYER,
    ])
      if (!map.getLayer(layer.id)) map.addLayer(layer);
    const goTo = (page: string) => (event: MapLayerMouseEvent) => {
      const id = event.features?.[0]?.properties?.id;
      if (typeof id === "string") navigate(`${page}?id=${encodeURIComponent(id)}`);
    };
    const onIncident = (event: MapLayerMouseEvent) => {
      const props = event.features?.[0]?.properties as
        | { id?: string; cluster?: boolean }
        | undefined;
      if (props?.cluster) map.easeTo({ center: event.lngLat, zoom: map.getZoom() + 2 });
      else if (props?.id) void showIncident(props.id, event.lngLat).catch(() => undefined);
    };
    const onPopup = (event: MapLayerMouseEvent) => {
      const id = event.features?.[0]?.properties?.id;
      if (typeof id === "string") showPopup(id, event.lngLat);
    };
    const handlers: Array<[string[], (event: MapLayerMouseEvent) => void]> = [
      [["incidents"], onIncident],
      [BORDER_LINE_LAYERS, goTo("/border")],
      [HAZARD_LAYERS, goTo("/mine-action")],
      [["posts", "link-lines", "link-points"], onPopup],
    ];
    const pointer = () => {
      map.getCanvas().style.cursor = "pointer";
    };
    const plain = () => {
      map.getCanvas().style.cursor = "";
    };
    for (const [ids, handler] of handlers)
      for (const id of ids) {
        map.on("click", id, handler);
        map.on("mouseenter", id, pointer);
        map.on("mouseleave", id, plain);
      }
    return () => {
      for (const [ids, handler] of handlers)
        for (const id of ids) {
          map.off("click", id, handler);
          map.off("mouseenter", id, pointer);
          map.off("mouseleave", id, plain);
        }
    };
  }, [map]);

  useEffect(() => {
    if (!map) return;
    setSourceData(map, "posts", postFeatures(posts ?? []));
    setSourceData(map, "hazards", hazardFeatures(hazards ?? []));
    setSourceData(map, "links", linkFeatures(links ?? []));
    const { lines, markers } = borderFeatures(segments ?? []);
    setSourceData(map, "border-lines", lines);
    setSourceData(map, "border-markers", markers);
  }, [map, posts, hazards, segments, links]);

  const layersKey = [...layers].join(",");
  useEffect(() => {
    if (!map) return;
    for (const layer of MAP_LAYERS)
      for (const id of LAYER_IDS[layer])
        if (map.getLayer(id))
          map.setLayoutProperty(
            id,
            "visibility",
            layersKey.split(",").includes(layer) ? "visible" : "none",
          );
  }, [map, layersKey]);

  // Incidents come as clustered tiles of the view, asked again when the view or a filter changes.
  const showsIncidents = layers.has("incidents");
  useEffect(() => {
    if (!map || !showsIncidents) return;
    let latestRequest = 0;
    const refresh = async () => {
      const request = ++latestRequest;
      const collections = await Promise.all(
        visibleTiles(map).map((tile) =>
          getJson<GeoJSON.FeatureCollection>(
            `${processUrl()}/tiles/${tile}${tileQuery ? `?${tileQuery}` : ""}`,
          ),
        ),
      );
      // A slower answer to an older view must not replace a newer one.
      if (request !== latestRequest) return;
      (map.getSource("incidents") as GeoJSONSource | undefined)?.setData({
        type: "FeatureCollection",
        features: collections.flatMap((c) => c.features),
      });
      // A cluster says exactly how many incidents it holds.
      const language = latest.current.language;
      syncHtmlMarkers(
        map,
        clusterMarkers.current,
        collections.flatMap((c) =>
          c.features.flatMap((feature): HtmlMarker[] => {
            const props = feature.properties as { cluster?: boolean; count?: number } | null;
            if (!props?.cluster || feature.geometry.type !== "Point") return [];
            const [lon, lat] = feature.geometry.coordinates as [number, number];
            return [
              {
                key: `${lon},${lat}`,
                at: [lon, lat],
                text: formatNumber(props.count ?? 0, language),
                className: "map-count",
              },
            ];
          }),
        ),
      );
    };
    const onMove = () => void refresh().catch(() => undefined);
    onMove();
    map.on("moveend", onMove);
    const shownClusters = clusterMarkers.current;
    return () => {
      latestRequest = -1;
      map.off("moveend", onMove);
      syncHtmlMarkers(map, shownClusters, []);
    };
  }, [map, tileQuery, showsIncidents]);

  // The process's own places, named in the reader's language where the gazetteer has it.
  useEffect(() => {
    if (!map) return;
    syncHtmlMarkers(
      map,
      placeMarkers.current,
      [...(places ?? [])].sort(byProminence).flatMap((place): HtmlMarker[] => {
        if (typeof place.lat !== "number" || typeof place.lon !== "number") return [];
        const names = place.names as Record<string, string> | undefined;
        return [
          {
            key: place.id,
            at: [place.lon, place.lat],
            text: names?.[i18n.language] ?? String(place.name),
            className: "map-place",
            anchor: "left",
            offset: [6, 0],
          },
        ];
      }),
    );
    const tidy = () => declutter(placeMarkers.current.values());
    tidy();
    map.on("moveend", tidy);
    return () => {
      map.off("moveend", tidy);
    };
  }, [map, places, i18n.language]);

  const listed = [
    ...(layers.has("posts") ? (posts ?? []) : []),
    ...(layers.has("links") ? (links ?? []) : []),
    ...(layers.has("hazards") ? (hazards ?? []) : []),
    ...(layers.has("border") ? (segments ?? []) : []),
  ];
  const pointOf = (record: ApiRecord): [number, number] | null => {
    const place = (record.place ?? record.from) as Place | undefined;
    return place?.lat !== undefined && place.lon !== undefined ? [place.lon, place.lat] : null;
  };
  return (
    <div className="map-page">
      <h1>{t("map.title")}</h1>
      <MapFilters />
      <MapTimeSlider />
      <LayerToggles />
      <div className="map-with-legend">
        <div ref={container} className="map" role="application" aria-label={t("map.title")} />
        <MapLegend layers={layers} />
      </div>
      <p className="muted">{t("map.basemapNote")}</p>
      {/* The map draws what has coordinates; an incident known only by a place's name has none. */}
      {showsIncidents ? (
        <p className="muted">
          {t("map.incidentsWithoutPoint")} <Link to="/incidents">{t("nav.incidents")}</Link>
        </p>
      ) : null}
      {listed.length > 0 ? (
        <section aria-labelledby="map-records">
          <h2 id="map-records">{t("map.records")}</h2>
          <ul className="map-records">
            {listed.map((record) => {
              const kind = t(`kinds.${record.type}` as "kinds.post");
              const name = String(record.name ?? record.id);
              if (record.type === "hazard")
                return (
                  <li key={record.id}>
                    {kind}:{" "}
                    <Link to={`/mine-action?id=${encodeURIComponent(record.id)}`}>{name}</Link>
                    {hazardGeometry(record) ? null : <NotLocated />}
                  </li>
                );
              if (record.type === "border_segment")
                return (
                  <li key={record.id}>
                    {kind}: <Link to={`/border?id=${encodeURIComponent(record.id)}`}>{name}</Link>
                    {((record.lines as unknown[] | undefined) ?? []).length ? null : <NotLocated />}
                  </li>
                );
              const at = pointOf(record);
              return (
                <li key={record.id}>
                  {kind}:{" "}
                  {at ? (
                    <button
                      type="button"
                      className="link"
                      // Until the map has loaded there is nowhere to open the popup.
                      disabled={!map}
                      onClick={() => {
                        map?.easeTo({ center: at, duration: 0 });
                        showPopup(record.id, at);
                      }}
                    >
                      {name}
                    </button>
                  ) : (
                    <>
                      {name}
                      <NotLocated />
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {/* Observation posts, patrols and transport links have no page of their own yet: they are added here. */}
      <RecordEditor types={["post", "patrol", "link"]} />
    </div>
  );
}
