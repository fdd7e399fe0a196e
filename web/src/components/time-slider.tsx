import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { lastDayOf, monthsBetween } from "../map/months.ts";
import { setParams, useLocation } from "../router.tsx";

const STEP_MS = 900;

/**
 * A month slider that sets the URL's `to` (the map shows what had happened by then), with a play
 * button stepping through the months. The slider is a plain range input, so arrow keys move it.
 */
export function TimeSlider({ first, last }: { first: string; last: string }) {
  const { t, i18n } = useTranslation();
  const { params } = useLocation();
  const months = monthsBetween(first, last);
  const to = params.get("to")?.slice(0, 7) ?? "";
  const found = months.indexOf(to);
  const index = found === -1 ? months.length - 1 : found;
  const [isPlaying, setPlaying] = useState(false);
  // The interval reads the latest position through a ref, so it is not restarted every step.
  const position = useRef(index);
  position.current = index;
  const choose = (i: number) => setParams({ to: lastDayOf(months[i] ?? last) });
  // `choose` and `months` follow from `first` and `last`: restarting on those alone is enough.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (!isPlaying) return;
    // Playing from the last month starts again from the first: there is nothing after it to show.
    if (position.current >= months.length - 1) choose(0);
    const timer = setInterval(() => {
      const next = position.current + 1;
      if (next >= months.length) setPlaying(false);
      else choose(next);
    }, STEP_MS);
    return () => clearInterval(timer);
  }, [isPlaying, first, last]);
  const label = new Intl.DateTimeFormat(i18n.language, {
    year: "numeric",
    month: "long",
    timeZone: "UTC",
  }).format(new Date(`${months[index] ?? last}-01T00:00:00Z`));
  return (
    <div className="time-slider">
      <label htmlFor="map-time">{t("map.until")}</label>
      <input
        id="map-time"
        type="range"
        min={0}
        max={Math.max(0, months.length - 1)}
        step={1}
        value={index}
        aria-valuetext={label}
        onChange={(event) => choose(Number(event.target.value))}
      />
      <output htmlFor="map-time">{label}</output>
      <button type="button" aria-pressed={isPlaying} onClick={() => setPlaying(!isPlaying)}>
        {isPlaying ? t("map.pause") : t("map.play")}
      </button>
    </div>
  );
}
