import * as Plot from "@observablehq/plot";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ApiRecord } from "../api.ts";
import { mountPlot } from "./mount-plot.ts";

/** The kinds the timeline shows, one lane each, top to bottom. */
export const TIMELINE_KINDS = [
  "meetings",
  "documents",
  "commitments",
  "incidents",
  "exchanges",
] as const;

/** The records of the timeline as dots in their kind's lane, at the day each starts. */
export function TimelineChart({
  events,
  from,
  to,
}: {
  events: Array<{ record: ApiRecord; kind: string; at: Date }>;
  from?: Date;
  to?: Date;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const lane = (kind: string) => t(`nav.${kind}` as "nav.incidents");
    const chart = Plot.plot({
      width: Math.max(320, ref.current.clientWidth),
      height: 220,
      marginLeft: 110,
      x: { type: "utc", label: null, ...(from && to ? { domain: [from, to] } : {}) },
      y: { label: null, domain: TIMELINE_KINDS.map(lane) },
      marks: [
        Plot.ruleY(TIMELINE_KINDS.map(lane), { stroke: "#e5e7eb" }),
        Plot.dot(events, {
          x: "at",
          y: (e) => lane(e.kind),
          r: 6,
          // Planned meetings are drawn hollow: they have not happened.
          fill: (e) =>
            e.record.status === "planned"
              ? "white"
              : e.kind === "incidents"
                ? "#b3541e"
                : "#1f3a5f",
          stroke: "#1f3a5f",
          title: (e) => String(e.record.title ?? e.record.summary ?? ""),
          clip: true,
        }),
      ],
    });
    mountPlot(ref.current, chart);
    return () => chart.remove();
  }, [events, from, to, t]);
  return <div ref={ref} role="img" aria-label={t("nav.timeline")} />;
}
