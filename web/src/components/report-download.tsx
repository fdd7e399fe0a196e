import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { processUrl } from "../api.ts";

const KINDS = ["daily", "weekly"] as const;
const FORMATS = ["pdf", "html", "md"] as const;
/** The languages the server writes reports in (src/report/messages/); others get English. */
const REPORT_LANGUAGES = ["en", "ru", "hy", "az"];

/** Today as the reader's calendar has it, YYYY-MM-DD. */
function today(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/**
 * Downloads the day's or the week's situation report (GET .../reports/daily|weekly): a plain link,
 * so the browser saves the file the server names, with the reader's session and in their language.
 */
export function ReportDownload() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [kind, setKind] = useState<(typeof KINDS)[number]>("daily");
  const [date, setDate] = useState(today);
  const [format, setFormat] = useState<(typeof FORMATS)[number]>("pdf");
  const language = i18n.language.split("-")[0] ?? "en";
  const lang = REPORT_LANGUAGES.includes(language) ? language : "en";
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const href = `${processUrl(`reports/${kind}`)}?${new URLSearchParams({ date, format, lang })}`;
  return (
    <section aria-labelledby={`${id}-heading`} className="report-download no-print">
      <h2 id={`${id}-heading`}>{t("situationReport.heading")}</h2>
      <p className="muted">{t("situationReport.note")}</p>
      <div className="filters">
        <label>
          {t("situationReport.kind")}{" "}
          <select
            value={kind}
            onChange={(event) => setKind(event.target.value as (typeof KINDS)[number])}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`situationReport.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("situationReport.date")}{" "}
          <input
            type="date"
            value={date}
            required
            onChange={(event) => setDate(event.target.value)}
          />
        </label>
        <label>
          {t("situationReport.format")}{" "}
          <select
            value={format}
            onChange={(event) => setFormat(event.target.value as (typeof FORMATS)[number])}
          >
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`situationReport.formats.${f}`)}
              </option>
            ))}
          </select>
        </label>
        {isDay ? (
          <a className="button" href={href} download data-testid="report-download">
            {t("situationReport.download")}
          </a>
        ) : null}
      </div>
    </section>
  );
}
