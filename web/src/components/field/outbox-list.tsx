import { useTranslation } from "react-i18next";
import { formatTime } from "../../format.ts";
import type { OutboxItem } from "../../offline/outbox.ts";

/**
 * The reporter's outbox: every report with where it is (waiting, sent, in conflict, refused), and
 * what can be done with it. A conflict shows the record as it is now beside what the reporter
 * adds, and is sent again only when the reporter says so, onto the current version.
 */
export function OutboxList(props: {
  items: OutboxItem[];
  onEdit: (item: OutboxItem) => void;
  onWithdraw: (item: OutboxItem) => void;
  onSendAgain: (item: OutboxItem) => void;
  onRebase: (item: OutboxItem) => void;
  onForget: (item: OutboxItem) => void;
}) {
  const { t, i18n } = useTranslation();
  if (props.items.length === 0) return <p className="muted">{t("field.outboxEmpty")}</p>;
  return (
    <ul className="outbox">
      {props.items.map((item) => {
        const report = item.report;
        const label =
          report.kind === "incident_update"
            ? t("field.kinds.incident_update", {
                title: String(report.target?.record.title ?? report.target?.id ?? ""),
              })
            : t(`field.kinds.${report.kind}`);
        return (
          <li key={item.key} className={`outbox-item ${item.status}`} data-key={item.key}>
            <p>
              <strong>{label}</strong>
              {report.title ? `: ${report.title}` : ""}{" "}
              <span className={`badge ${item.status === "sent" ? "" : "warning"}`}>
                {t(`field.status.${item.status}`)}
              </span>
            </p>
            <p className="muted">
              {t("field.madeAt", { time: formatTime(report.reported_at, i18n.language) })}
              {item.photos.length > 0
                ? ` · ${t("field.photoCount", { n: item.photos.length })}`
                : ""}
            </p>
            {report.text ? <p className="outbox-text">{report.text}</p> : null}
            {item.status === "conflict" ? (
              <div className="conflict" role="alert">
                <p>
                  {t("field.conflict", {
                    seen: report.target?.version ?? 0,
                    now: Number(item.current?.version ?? 0),
                  })}
                </p>
                {typeof item.current?.description === "string" ? (
                  <blockquote>{item.current.description}</blockquote>
                ) : null}
                <button type="button" className="primary big" onClick={() => props.onRebase(item)}>
                  {t("field.rebase")}
                </button>
              </div>
            ) : null}
            {item.status === "refused" && item.problem ? (
              <p className="field-error" role="alert">
                {t("field.refused")} {item.problem}
              </p>
            ) : null}
            {item.status === "sent" ? (
              <p className="muted">
                {t("field.storedAs", { ids: (item.stored ?? []).map((s) => s.id).join(", ") })}
              </p>
            ) : null}
            <div className="field-actions">
              {item.status === "sent" ? (
                <>
                  <button type="button" className="big" onClick={() => props.onSendAgain(item)}>
                    {t("field.sendAgain")}
                  </button>
                  <button type="button" className="big" onClick={() => props.onForget(item)}>
                    {t("field.forget")}
                  </button>
                </>
              ) : (
                <>
                  <button type="button" className="big" onClick={() => props.onEdit(item)}>
                    {t("field.edit")}
                  </button>
                  <button type="button" className="big" onClick={() => props.onWithdraw(item)}>
                    {t("field.withdraw")}
                  </button>
                </>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
