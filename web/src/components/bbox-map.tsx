import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMap } from "../map/use-map.ts";

/** Degrees to three decimals (about a hundred metres): enough for the region a map opens on. */
const rounded = (degrees: number) => Math.round(degrees * 1000) / 1000;

/** A box a map can open on: degrees within their ranges, its south below its north. */
function isDrawable([west, south, east, north]: readonly number[]): boolean {
  const isLongitude = (x: number | undefined) => x !== undefined && x >= -180 && x <= 180;
  const isLatitude = (y: number | undefined) => y !== undefined && y >= -90 && y <= 90;
  return (
    isLongitude(west) &&
    isLongitude(east) &&
    isLatitude(south) &&
    isLatitude(north) &&
    (south as number) < (north as number)
  );
}

/**
 * A map to choose a process's region on: pan and zoom to it, then take the view's bounds. Loaded
 * with MapLibre only when asked for (the processes page has no map otherwise).
 */
export function BboxMap(props: {
  opening: readonly [number, number, number, number] | undefined;
  onPick: (bbox: [number, number, number, number]) => void;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  // The view it opens on is the region typed when it was opened: typing more does not move it.
  const [opening] = useState(() =>
    props.opening && isDrawable(props.opening) ? props.opening : undefined,
  );
  const map = useMap(container, opening);
  return (
    <div className="bbox-map">
      <div
        ref={container}
        className="map small"
        role="application"
        aria-label={t("processes.mapLabel")}
      />
      <button
        type="button"
        className="start"
        disabled={!map}
        onClick={() => {
          if (!map) return;
          const view = map.getBounds();
          props.onPick([
            rounded(Math.max(-180, view.getWest())),
            rounded(Math.max(-90, view.getSouth())),
            rounded(Math.min(180, view.getEast())),
            rounded(Math.min(90, view.getNorth())),
          ]);
        }}
      >
        {t("processes.useMapView")}
      </button>
    </div>
  );
}
