import * as Plot from "@observablehq/plot";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { dateBounds } from "../../../src/domain/fuzzy-date.ts";
import type { RelativeDeadline } from "../../../src/domain/relative-deadline.ts";
import { type ApiRecord, type FuzzyDate, listRecords } from "../api.ts";
import { ActorName } from "../components/actors.tsx";
import { ClaimCard } from "../components/claim-card.tsx";
import { DateRangeFilter } from "../components/date-range.tsx";
import { EditRecordButton, RecordEditor } from "../components/record-editor.tsx";
import { RelativeDeadlineText } from "../components/relative-deadline.tsx";
import { Failure, Loading } from "../components/status.tsx";
import { formatCount, formatDate, isCommitmentOverdue, placeName, valueLabel } from "../format.ts";
import { useLocation } from "../router.tsx";
import { type Column, codeColumn, dateColumn, RecordList, textColumn } from "./record-list.tsx";
import { useStatements } from "./statements.tsx";

const actorsColumn = (header: string, field: string): Column => ({
  header,
  cell: (record) =>
    ((record[field] as string[] | undefined) ?? []).map((id, i) => (
      <span key={id}>
        {i ? ", " : ""}
        <ActorName id={id} />
      </span>
    )),
});

export function CommitmentsPage() {
  const { t } = useTranslation();
  return (
    <div>
      <RecordList
        title={t("nav.commitments")}
        kind="commitments"
        isEditable
        columns={[
          {
            header: t("fields.due"),
            cell: (c, language) => {
              const due = c.due as FuzzyDate | undefined;
              if (!due) return <em>{String(c.due_text ?? t("overview.openEnded"))}</em>;
              const isLate = isCommitmentOverdue(c);
              return (
                <span className={isLate ? "overdue" : undefined}>
                  {formatDate(due, language)}{" "}
                  {isLate ? <span className="badge danger">{t("overview.overdue")}</span> : null}
                </span>
              );
            },
          },
          textColumn(t("nav.commitments"), "summary"),
          actorsColumn(t("fields.owners"), "owners"),
          codeColumn(t("common.status"), "status", valueLabel(t)),
        ]}
      />
      <RecordEditor types={["commitment"]} />
    </div>
  );
}

/**
 * Provisions × time: each provision's assessed status at each date an assessment was made, carried
 * forward until the next one, so the implementation of a whole agreement reads at a glance.
 */
function ProvisionMatrix({
  provisions,
  assessments,
}: {
  provisions: ApiRecord[];
  assessments: ApiRecord[];
}) {
  const { t, i18n } = useTranslation();
  const dates = [...new Set(assessments.map((a) => (a.as_of as FuzzyDate).value))].sort();
  if (dates.length === 0) return <p className="muted">{t("agreements.noAssessments")}</p>;
  const statusAt = (provision: string, date: string) =>
    assessments
      .filter((a) => a.provision_id === provision && (a.as_of as FuzzyDate).value <= date)
      .sort((x, y) => (x.as_of as FuzzyDate).value.localeCompare((y.as_of as FuzzyDate).value))
      .at(-1)?.status as string | undefined;
  return (
    <div className="table-scroll">
      <table className="matrix">
        <caption>{t("agreements.matrix")}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            {dates.map((d) => (
              <th scope="col" key={d}>
                {formatDate(
                  {
                    value: d,
                    precision: d.length === 4 ? "year" : d.length === 7 ? "month" : "day",
                  },
                  i18n.language,
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {provisions.map((p) => (
            <tr key={p.id}>
              <th scope="row" title={String(p.summary)}>
                {String(p.number)}
              </th>
              {dates.map((d) => {
                const status = statusAt(p.id, d);
                return (
                  <td key={d}>
                    {status ? (
                      <span className={`badge status-${status}`}>{valueLabel(t)(status)}</span>
                    ) : (
                      "·"
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Scrolls an element into view once it is drawn (a ref callback runs when it mounts). */
const scrollIntoView = (element: HTMLElement | null) =>
  element?.scrollIntoView({ block: "center" });

/** What each side says about one provision, under it; nothing when nobody has said anything. */
function StatementsAbout({ claims }: { claims: ApiRecord[] }) {
  const { t } = useTranslation();
  if (claims.length === 0) return null;
  return (
    <div className="statements-about">
      <h3>{t("agreements.statements")}</h3>
      <div className="claims">
        {claims.map((claim) => (
          <ClaimCard key={claim.id} claim={claim} />
        ))}
      </div>
    </div>
  );
}

export function AgreementsPage() {
  const { t, i18n } = useTranslation();
  const { params } = useLocation();
  // The provision a link points at (from the overview or a statement): shown and scrolled to.
  const pointedAt = params.get("provision");
  const statements = useStatements();
  const documents = useQuery({
    queryKey: ["documents", "all"],
    queryFn: () => listRecords("documents", { limit: 500 }),
  });
  const provisions = useQuery({
    queryKey: ["provisions", "all"],
    queryFn: () => listRecords("provisions", { limit: 500 }),
  });
  const assessments = useQuery({
    queryKey: ["assessments", "all"],
    queryFn: () => listRecords("assessments", { limit: 500 }),
  });
  if (documents.isLoading) return <Loading />;
  if (documents.error) return <Failure error={documents.error} />;
  return (
    <div>
      <h1>{t("nav.agreements")}</h1>
      {(documents.data?.items ?? []).map((doc) => (
        <section key={doc.id} className="document" aria-labelledby={`doc-${doc.id}`}>
          <h2 id={`doc-${doc.id}`}>{String(doc.title)}</h2>
          <EditRecordButton record={doc} />
          <p className="muted">
            {formatDate(doc.date as FuzzyDate, i18n.language)}
            {doc.place ? ` · ${placeName(doc.place as { name: string }, i18n.language)}` : ""}
          </p>
          {doc.summary ? <p>{String(doc.summary)}</p> : null}
          <ol className="provisions">
            {(provisions.data?.items ?? [])
              .filter((p) => p.document_id === doc.id)
              .map((p) => {
                const history = (assessments.data?.items ?? []).filter(
                  (a) => a.provision_id === p.id,
                );
                return (
                  <li
                    key={p.id}
                    id={`provision-${p.id}`}
                    value={Number(p.number) || undefined}
                    className={p.id === pointedAt ? "pointed-at" : undefined}
                    ref={p.id === pointedAt ? scrollIntoView : undefined}
                  >
                    <p>
                      {String(p.summary)} <EditRecordButton record={p} />
                    </p>
                    {p.deadline ? (
                      <p className="muted">
                        {t("agreements.deadline")}:{" "}
                        {formatDate(p.deadline as FuzzyDate, i18n.language)}
                      </p>
                    ) : p.deadline_relative ? (
                      <p className="muted">
                        {t("agreements.deadline")}:{" "}
                        <RelativeDeadlineText
                          deadline={p.deadline_relative as RelativeDeadline}
                          document={doc}
                          records={documents.data?.items}
                        />
                      </p>
                    ) : null}
                    <StatementsAbout
                      claims={statements.items.filter((claim) => claim.about_id === p.id)}
                    />
                    {history.map((a) => (
                      <p key={a.id}>
                        <span className={`badge status-${String(a.status)}`}>
                          {valueLabel(t)(a.status)}
                        </span>{" "}
                        {formatDate(a.as_of as FuzzyDate, i18n.language)} — {String(a.reason)} (
                        <ActorName id={String(a.assessed_by)} />) <EditRecordButton record={a} />
                      </p>
                    ))}
                  </li>
                );
              })}
          </ol>
          <ProvisionMatrix
            provisions={(provisions.data?.items ?? []).filter((p) => p.document_id === doc.id)}
            assessments={(assessments.data?.items ?? []).filter((a) =>
              (provisions.data?.items ?? []).some(
                (p) => p.id === a.provision_id && p.document_id === doc.id,
              ),
            )}
          />
        </section>
      ))}
      <RecordEditor types={["document", "provision", "assessment"]} />
    </div>
  );
}

const TIMELINE_KINDS = ["meetings", "documents", "commitments", "incidents", "exchanges"] as const;

/** When a record's date starts (its due date for commitments), for placing it on the axis. */
function startOf(date: FuzzyDate | undefined): Date | null {
  return date ? new Date(dateBounds(date as Parameters<typeof dateBounds>[0]).start) : null;
}

function TimelineChart({
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
    ref.current.replaceChildren(chart);
    return () => chart.remove();
  }, [events, from, to, t]);
  return <div ref={ref} role="img" aria-label={t("nav.timeline")} />;
}

export function TimelinePage() {
  const { t, i18n } = useTranslation();
  const { params } = useLocation();
  const lists = useQuery({
    queryKey: ["timeline"],
    queryFn: async () => Promise.all(TIMELINE_KINDS.map((k) => listRecords(k, { limit: 500 }))),
  });
  if (lists.isLoading) return <Loading />;
  if (lists.error) return <Failure error={lists.error} />;
  const from = params.get("from") ? new Date(String(params.get("from"))) : undefined;
  const to = params.get("to") ? new Date(String(params.get("to"))) : undefined;
  const events = (lists.data ?? []).flatMap((page, i) =>
    page.items.map((record) => {
      const date = (record.date ?? record.due) as FuzzyDate | undefined;
      return { record, kind: TIMELINE_KINDS[i] as string, date, at: startOf(date) };
    }),
  );
  events.sort((a, b) => (a.date?.value ?? "9999").localeCompare(b.date?.value ?? "9999"));
  const inView = events.filter(
    (e) => (!from || (e.at && e.at >= from)) && (!to || (e.at && e.at <= to)),
  );
  return (
    <div>
      <h1>{t("nav.timeline")}</h1>
      <form
        className="filters"
        onSubmit={(event) => event.preventDefault()}
        aria-label={t("common.filter")}
      >
        <DateRangeFilter />
      </form>
      <TimelineChart
        events={inView.flatMap((e) => (e.at ? [{ record: e.record, kind: e.kind, at: e.at }] : []))}
        {...(from ? { from } : {})}
        {...(to ? { to } : {})}
      />
      <ol className="timeline">
        {inView.map(({ record, kind, date }) => (
          <li key={record.id} className={`event ${kind} ${String(record.status ?? "")}`}>
            <time>{date ? formatDate(date, i18n.language) : t("overview.openEnded")}</time>
            <span className="badge">{t(`nav.${kind}` as "nav.incidents")}</span>
            {record.status ? (
              <span className={`badge status-${String(record.status)}`}>
                {valueLabel(t)(record.status)}
              </span>
            ) : null}{" "}
            {/* An exchange has no title: its principle and notes say what it was. */}
            {String(
              record.title ??
                record.summary ??
                (record.principle ? valueLabel(t)(record.principle) : (record.notes ?? "")),
            )}{" "}
            {kind === "meetings" ? <EditRecordButton record={record} /> : null}
          </li>
        ))}
      </ol>
      <RecordEditor types={["meeting", "body"]} />
    </div>
  );
}

/** Persons handed over per direction, summing the counts each exchange reports (and saying who reports them). */
function ExchangeBalance({ exchanges }: { exchanges: ApiRecord[] }) {
  const { t, i18n } = useTranslation();
  const totals = new Map<string, { from: string; to: string; persons: number; unknown: number }>();
  for (const exchange of exchanges) {
    for (const transfer of (exchange.transfers as Array<{
      from: string;
      to: string;
      persons?: unknown;
    }>) ?? []) {
      const key = `${transfer.from}>${transfer.to}`;
      const total = totals.get(key) ?? {
        from: transfer.from,
        to: transfer.to,
        persons: 0,
        unknown: 0,
      };
      if (typeof transfer.persons === "number") total.persons += transfer.persons;
      else total.unknown += 1;
      totals.set(key, total);
    }
  }
  return (
    <section aria-labelledby="balance">
      <h2 id="balance">{t("detainees.balance")}</h2>
      <p className="muted">{t("detainees.balanceNote")}</p>
      <ul className="plain">
        {[...totals.values()].map((total) => (
          <li key={`${total.from}>${total.to}`}>
            <ActorName id={total.from} /> → <ActorName id={total.to} />:{" "}
            <strong>{formatCount(total.persons, i18n.language)}</strong>
            {total.unknown ? ` (+ ${t("detainees.uncounted", { count: total.unknown })})` : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DetaineesPage() {
  const { t } = useTranslation();
  const exchanges = useQuery({
    queryKey: ["exchanges", "all"],
    queryFn: () => listRecords("exchanges", { limit: 500 }),
  });
  return (
    <div>
      <RecordList
        title={t("nav.detainees")}
        kind="exchanges"
        isEditable
        columns={[
          dateColumn(t("common.date")),
          codeColumn(t("common.kind"), "principle", valueLabel(t)),
          {
            header: "→",
            cell: (e, language) =>
              (
                (e.transfers as Array<{
                  from: string;
                  to: string;
                  persons?: unknown;
                  bodies?: unknown;
                }>) ?? []
              ).map((tr) => (
                <div key={`${tr.from}-${tr.to}`}>
                  <ActorName id={tr.from} /> → <ActorName id={tr.to} />:{" "}
                  {tr.persons !== undefined ? formatCount(tr.persons, language) : "?"}
                </div>
              )),
          },
          {
            header: t("common.source"),
            cell: (e) => <ActorName id={(e.reported_by as string | undefined) ?? null} />,
          },
          textColumn("", "notes"),
        ]}
      />
      {exchanges.data ? <ExchangeBalance exchanges={exchanges.data.items} /> : null}
      <RecordEditor types={["exchange", "detainee"]} />
    </div>
  );
}
