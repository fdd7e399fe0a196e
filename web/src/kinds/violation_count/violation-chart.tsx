import * as Plot from "@observablehq/plot";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import {
  type ViolationCount,
  violationSeries,
} from "../../../../src/domain/kinds/violation-count.schema.ts";
import { listRecords } from "../../api.ts";
import { useActors } from "../../components/actors.tsx";
import { mountPlot } from "../../components/mount-plot.ts";
import { TableScroll } from "../../components/table-scroll.tsx";
import { formatDate, formatNumber } from "../../format.ts";

type Point = { reporter: string; at: Date; day: string; measure: string; value: number };

const spanDays = (points: readonly Point[]) => {
  const times = points.map((p) => p.at.getTime());
  return (Math.max(...times) - Math.min(...times)) / 86_400_000;
};

/**
 * Each reporter's counts of violations (and explosions) as its own line, side by side and never
 * summed, with the table behind the chart for screen readers and for print. Draws nothing when
 * the process has no counts.
 */
export function ViolationChart({ heading = "h2" }: { heading?: "h2" | "h3" }) {
  const { t, i18n } = useTranslation();
  const actors = useActors();
  const ref = useRef<HTMLDivElement>(null);
  const query = useQuery({
    queryKey: ["violation-counts", "list", { limit: "500" }],
    queryFn: () => listRecords("violation-counts", { limit: 500 }),
  });
  const name = useCallback(
    (id: string) => String(actors.get(id)?.short_name ?? actors.get(id)?.name ?? id),
    [actors],
  );
  const points = useMemo(() => {
    const series = violationSeries((query.data?.items ?? []) as unknown as ViolationCount[]);
    return [...series.values()].flat().flatMap((p): Point[] => {
      const base = { reporter: p.reporter, at: new Date(p.start), day: p.start.slice(0, 10) };
      return [
        ...(p.violations === null ? [] : [{ ...base, measure: "violations", value: p.violations }]),
        ...(p.explosions === null ? [] : [{ ...base, measure: "explosions", value: p.explosions }]),
      ];
    });
  }, [query.data]);
  const measure = useCallback((m: string) => t(`values.${m}` as "values.violations"), [t]);

  useEffect(() => {
    if (!ref.current || points.length === 0) return;
    const chart = Plot.plot({
      width: Math.max(320, ref.current.clientWidth),
      height: 260,
      // A few days get a tick each; longer series get the scale's own.
      x: {
        type: "utc",
        label: t("fields.period"),
        ...(spanDays(points) <= 14 ? { ticks: "day", tickFormat: "%b %d" } : {}),
      },
      y: { label: t("violations.count"), grid: true, zero: true },
      color: { legend: true, label: t("fields.reporter") },
      marks: [
        // Explosions dashed: a mark's dash pattern is one for all its lines.
        ...(["violations", "explosions"] as const).map((m) =>
          Plot.line(
            points.filter((p) => p.measure === m),
            {
              x: "at",
              y: "value",
              z: "reporter",
              stroke: (p: Point) => name(p.reporter),
              ...(m === "explosions" ? { strokeDasharray: "4,3" } : {}),
            },
          ),
        ),
        Plot.dot(points, {
          x: "at",
          y: "value",
          fill: (p: Point) => name(p.reporter),
          title: (p: Point) => `${name(p.reporter)} · ${measure(p.measure)}: ${p.value}`,
        }),
      ],
    });
    mountPlot(ref.current, chart);
    return () => chart.remove();
  }, [points, t, name, measure]);

  if (points.length === 0) return null;
  const Heading = heading;
  return (
    <section className="violation-counts" aria-labelledby="violation-counts-title">
      <Heading id="violation-counts-title">{t("violations.title")}</Heading>
      <p className="muted">{t("violations.intro")}</p>
      <div ref={ref} aria-hidden="true" />
      <TableScroll>
        <table className="records">
          <caption>{t("violations.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("fields.period")}</th>
              <th scope="col">{t("fields.reporter")}</th>
              <th scope="col">{t("violations.measure")}</th>
              <th scope="col">{t("violations.count")}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={`${p.reporter}-${p.day}-${p.measure}`}>
                <td>{formatDate({ value: p.day, precision: "day" }, i18n.language)}</td>
                <td>{name(p.reporter)}</td>
                <td>{measure(p.measure)}</td>
                <td>{formatNumber(p.value, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
