import * as maplibregl from "maplibre-gl";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useMap } from "../../map/use-map.ts";

/** Degrees to five decimals (about a metre): more would claim a precision no click has. */
const rounded = (degrees: number) => Math.round(degrees * 100_000) / 100_000;

/**
 * A map to pin a place on: a click puts the pin there and gives its coordinates; the pin shows
 * where the coordinates typed beside it are. Loaded with MapLibre only when asked for.
 */
export function PinMap(props: {
  lat: number | undefined;
  lon: number | undefined;
  onPin: (lat: number, lon: number) => void;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const map = useMap(container);
  const marker = useRef<maplibregl.Marker | null>(null);
  const onPin = useRef(props.onPin);
  onPin.current = props.onPin;
  useEffect(() => {
    if (!map) return;
    const click = (event: maplibregl.MapMouseEvent) =>
      onPin.current(rounded(event.lngLat.lat), rounded(event.lngLat.lng));
    map.on("click", click);
    map.getCanvas().style.cursor = "crosshair";
    return () => {
      map.off("click", click);
    };
  }, [map]);
  useEffect(() => {
    if (!map) return;
    if (props.lat === undefined || props.lon === undefined) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    marker.current ??= new maplibregl.Marker({ color: "#b3261e" });
    marker.current.setLngLat([props.lon, props.lat]).addTo(map);
  }, [map, props.lat, props.lon]);
  return (
    <div
      ref={container}
      className="map small pin-map"
      role="application"
      aria-label={t("forms.pinMap")}
      data-pinned={props.lat !== undefined ? `${props.lat},${props.lon}` : undefined}
    />
  );
}
