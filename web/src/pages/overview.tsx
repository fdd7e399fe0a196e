import * as Plot from "@observablehq/plot";
import { useQuery } from "@tanstack/react-query";
import { Fragment, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { type ApiRecord, type FuzzyDate, getJson, listRecords, processUrl } from "../api.ts";
import { ActorName, useSourceTitles } from "../components/actors.tsx";
import { mountPlot } from "../components/mount-plot.ts";
import { RecentChangesTable } from "../components/recent-changes.tsx";
import { RecordEditor } from "../components/record-editor.tsx";
import { ReportDownload } from "../components/report-download.tsx";
import { Failure, Loading } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { TopActors } from "../components/top-actors.tsx";
import {
  formatCount,
  formatDate,
  formatNumber,
  isCommitmentOverdue,
  placeName,
  valueLabel,
} from "../format.ts";
import { ViolationChart } from "../kinds/violation_count/violation-chart.tsx";
import { Link } from "../router.tsx";

type Stats = {
  incidents: {
    total: number;
    not_weekly: number;
    by_week: Array<{ week: string; count: number }>;
    by_actor: Array<{ actor: string; count: number }>;
  };
  figures: {
    by_claimant: Array<{
      claimant: string | null;
      category: string;
      side: string;
      low: number | null;
      high: number | null;
      claims: number;
    }>;
  };
};

function ActivityChart({ weeks }: { weeks: Stats["incidents"]["by_week"] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current || weeks.length === 0) return;
    const chart = Plot.plot({
      height: 160,
      marginLeft: 40,
      x: { type: "utc", label: null },
      y: { label: t("overview.activity"), grid: true },
      marks: [
        Plot.rectY(weeks, {
          x1: (d) => new Date(d.week),
          x2: (d) => new Date(new Date(d.week).getTime() + 6 * 864e5),
          y: "count",
          fill: "#1f3a5f",
        }),
      ],
    });
    mountPlot(ref.current, chart);
    return () => chart.remove();
  }, [weeks, t]);
  return <div ref={ref} role="img" aria-label={t("overview.activity")} />;
}

const CATEGORIES = ["killed", "wounded", "captured", "missing"] as const;

/**
 * Every figure a claim states, as it was stated (a number, a range or the words used), with who
 * states it or the source that reports it: what a sum over numbers alone would leave out.
 */
function ClaimedFigures() {
  const { t, i18n } = useTranslation();
  const claims = useQuery({
    queryKey: ["claims", "all"],
    queryFn: () => listRecords("claims", { limit: 500 }),
  });
  const sourceTitle = useSourceTitles();
  const rows = (claims.data?.items ?? []).flatMap((claim) =>
    CATEGORIES.flatMap((category) =>
      Object.entries(
        ((claim.figures ?? {}) as Record<string, Record<string, unknown>>)[category] ?? {},
      ).map(([side, count]) => ({
        claim,
        category,
        side,
        count,
      })),
    ),
  );
  if (rows.length === 0) return null;
  return (
    <TableScroll>
      <table className="claimed-figures">
        <caption>{t("overview.claimedFigures")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("incidents.figures")}</th>
            <th scope="col">{t("overview.side")}</th>
            <th scope="col">{t("overview.claimedByColumn")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ claim, category, side, count }) => (
            <tr key={`${claim.id}-${category}-${side}`}>
              <td>
                <strong>{formatCount(count, i18n.language)}</strong> {t(`incidents.${category}`)}
              </td>
              <td>{side === "unknown" ? t("common.unknown") : <ActorName id={side} />}</td>
              <td>
                {claim.claimant ? (
                  <ActorName id={String(claim.claimant)} />
                ) : (
                  (claim.source_ids as string[] | undefined)
                    ?.map((id) => sourceTitle.get(id) ?? id)
                    .join("; ")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function OverviewPage() {
  const { t, i18n } = useTranslation();
  const stats = useQuery({
    queryKey: ["stats"],
    queryFn: () => getJson<Stats>(`${processUrl()}/stats`),
  });
  const process = useQuery({
    queryKey: ["process"],
    queryFn: () => getJson<{ name: string; description?: string }>(processUrl()),
  });
  const commitments = useQuery({
    queryKey: ["commitments", "all"],
    queryFn: () => listRecords("commitments", { limit: 500 }),
  });
  const incidents = useQuery({
    queryKey: ["incidents", "latest"],
    queryFn: () => listRecords("incidents", { limit: 5, order: "desc" }),
  });
  const provisions = useQuery({
    queryKey: ["provisions", "all"],
    queryFn: () => listRecords("provisions", { limit: 500 }),
  });
  const assessments = useQuery({
    queryKey: ["assessments", "all"],
    queryFn: () => listRecords("assessments", { limit: 500 }),
  });

  const documents = useQuery({
    queryKey: ["documents", "all"],
    queryFn: () => listRecords("documents", { limit: 500 }),
  });
  const documentTitle = new Map((documents.data?.items ?? []).map((d) => [d.id, String(d.title)]));
  const latestAssessment = new Map<string, ApiRecord>();
  for (const a of assessments.data?.items ?? []) latestAssessment.set(String(a.provision_id), a);
  const due = (commitments.data?.items ?? []).filter((c) => c.status === "open");

  return (
    <div className="overview">
      <h1>{process.data?.name ?? t("nav.overview")}</h1>
      {process.data?.description ? <p className="lede">{process.data.description}</p> : null}
      <ReportDownload />

      <section aria-labelledby="figures">
        <h2 id="figures">{t("overview.keyFigures")}</h2>
        <p className="muted">{t("overview.figuresNote")}</p>
        {stats.isLoading ? <Loading /> : stats.error ? <Failure error={stats.error} /> : null}
        {stats.data ? (
          <div className="cards">
            <div className="card">
              <div className="figure">
                {formatNumber(stats.data.incidents.total, i18n.language)}
              </div>
              <div>{t("overview.incidents")}</div>
            </div>
            {stats.data.figures.by_claimant
              .filter((f) => f.low !== null || f.high !== null)
              .map((f) => (
                <div className="card" key={`${f.claimant}-${f.category}-${f.side}`}>
                  <div className="figure">
                    {f.low === f.high
                      ? formatNumber(f.low ?? 0, i18n.language)
                      : `${f.low ?? "?"}–${f.high ?? "?"}`}
                  </div>
                  <div>
                    {t(`incidents.${f.category}` as "incidents.killed")} · <ActorName id={f.side} />
                  </div>
                  <div className="claimant">
                    {t("common.claimedBy", { who: "" })}
                    <ActorName id={f.claimant} />
                  </div>
                </div>
              ))}
          </div>
        ) : null}
        <ClaimedFigures />
        {stats.data ? <ActivityChart weeks={stats.data.incidents.by_week} /> : null}
        {stats.data ? <TopActors rows={stats.data.incidents.by_actor} /> : null}
        {stats.data?.incidents.not_weekly ? (
          <p className="muted">
            {t("overview.notWeekly", { count: stats.data.incidents.not_weekly })}
          </p>
        ) : null}
      </section>

      <RecentChangesTable />

      <div className="columns">
        <section aria-labelledby="due">
          <h2 id="due">{t("overview.commitmentsDue")}</h2>
          {commitments.isLoading ? <Loading /> : null}
          <ul className="plain">
            {due.map((c) => {
              const isLate = isCommitmentOverdue(c);
              return (
                <li key={c.id} className={isLate ? "overdue" : undefined}>
                  <strong>
                    {c.due
                      ? formatDate(c.due as FuzzyDate, i18n.language)
                      : String(c.due_text ?? t("overview.openEnded"))}
                  </strong>
                  {isLate ? <span className="badge danger">{t("overview.overdue")}</span> : null}{" "}
                  {String(c.summary)}{" "}
                  <span className="muted">
                    (
                    {((c.owners as string[]) ?? []).map((o, i) => (
                      <span key={o}>
                        {i ? ", " : ""}
                        <ActorName id={o} />
                      </span>
                    ))}
                    )
                  </span>
                </li>
              );
            })}
          </ul>
        </section>

        <section aria-labelledby="latest">
          <h2 id="latest">{t("overview.latestIncidents")}</h2>
          <ul className="plain">
            {(incidents.data?.items ?? []).map((i) => (
              <li key={i.id}>
                <Link to={`/incidents?id=${encodeURIComponent(i.id)}`}>{String(i.title)}</Link>{" "}
                <span className="muted">
                  {formatDate(i.date as FuzzyDate, i18n.language)} ·{" "}
                  {placeName(i.place as { name: string }, i18n.language)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </div>

      {/* Shown only where the process has counts of violations (a monitoring mission's). */}
      <ViolationChart />

      <section aria-labelledby="provisions">
        <h2 id="provisions">{t("overview.provisions")}</h2>
        <TableScroll>
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("nav.agreements")}</th>
                <th scope="col">{t("common.status")}</th>
              </tr>
            </thead>
            <tbody>
              {(provisions.data?.items ?? []).map((p, i, all) => {
                const assessment = latestAssessment.get(p.id);
                // Numbers start again in each document: each document's provisions under its title.
                const opensDocument = i === 0 || all[i - 1]?.document_id !== p.document_id;
                return (
                  <Fragment key={p.id}>
                    {opensDocument ? (
                      <tr className="group">
                        <th scope="colgroup" colSpan={3}>
                          {documentTitle.get(String(p.document_id)) ?? String(p.document_id)}
                        </th>
                      </tr>
                    ) : null}
                    <tr>
                      <td>{String(p.number)}</td>
                      <td>
                        <Link to={`/agreements?provision=${encodeURIComponent(p.id)}`}>
                          {String(p.title ?? p.summary)}
                        </Link>
                      </td>
                      <td>
                        <span
                          className={`badge status-${assessment ? String(assessment.status) : "none"}`}
                        >
                          {assessment
                            ? valueLabel(t)(assessment.status)
                            : t("overview.notAssessed")}
                        </span>
                      </td>
                    </tr>
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      </section>
      {/* The parties, mediators and monitors of the process: every other record refers to them. */}
      <RecordEditor types={["actor"]} />
    </div>
  );
}
