import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { dateBounds, type FuzzyDate } from "../../../src/domain/fuzzy-date.ts";
import { listRecords } from "../api.ts";
import { DateRangeFilter } from "../components/date-range.tsx";
import { EditRecordButton } from "../components/edit-record-button.tsx";
import { RecordEditor } from "../components/record-editor.tsx";
import { Failure, Loading } from "../components/status.tsx";
import { TIMELINE_KINDS, TimelineChart } from "../components/timeline-chart.tsx";
import { formatDate, valueLabel } from "../format.ts";
import { useLocation } from "../router.tsx";

/** When a record's date starts (its due date for commitments), for placing it on the axis. */
function startOf(date: FuzzyDate | undefined): Date | null {
  return date ? new Date(dateBounds(date).start) : null;
}

/** Meetings, agreements, commitments, incidents and exchanges in one order of time. */
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
      // Every kind here has a date but commitments, which have a due date (or none).
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
