import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, processUrl, uploadFile } from "../api.ts";
import { formatNumber } from "../format.ts";
import { useChosenProcess } from "../process.tsx";
import { useViewer } from "../session.tsx";
import { TableScroll } from "./table-scroll.tsx";

const FORMATS = [
  { value: "acled", label: "ACLED (CSV)", type: "text/csv", accept: ".csv" },
  { value: "ucdp", label: "UCDP GED (CSV)", type: "text/csv", accept: ".csv" },
  { value: "hxl", label: "HXL (CSV)", type: "text/csv", accept: ".csv" },
  { value: "geojson", label: "GeoJSON", type: "application/geo+json", accept: ".geojson,.json" },
  { value: "json", label: "Truce JSON", type: "application/json", accept: ".json" },
  { value: "pax", label: "PA-X (CSV)", type: "text/csv", accept: ".csv" },
] as const;

/** What the server answers: the same summary `truce import` prints. */
type Summary = {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: Array<{ at: string; id?: string; reason: string }>;
  rows?: number;
};

/**
 * Upload a dataset file to the import route: the server reads it as the signed-in user, so each
 * record they may not write comes back rejected with its reason, like a malformed row.
 */
export function ImportPanel() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const viewer = useViewer();
  const [format, setFormat] = useState<string>("acled");
  const [peaceProcess, setPeaceProcess] = useState("");
  const [file, setFile] = useState<File | undefined>();
  const [progress, setProgress] = useState<{ sent: number; total: number } | undefined>();
  const [summary, setSummary] = useState<Summary | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const chosen = FORMATS.find((f) => f.value === format) ?? FORMATS[0];
  const n = (value: number) => formatNumber(value, i18n.language);
  // A closed process takes nothing more: the notice on every page says so.
  const isClosed = useChosenProcess()?.status === "closed";

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setSummary(undefined);
    setFailure(undefined);
    setProgress({ sent: 0, total: file.size });
    const query = new URLSearchParams({ format });
    if (format === "pax" && peaceProcess.trim()) query.set("pp", peaceProcess.trim());
    try {
      const answer = await uploadFile<Summary>(
        `${processUrl()}/imports?${query}`,
        file,
        chosen.type,
        (sent, total) => setProgress({ sent, total }),
      );
      setSummary(answer);
      await queryClient.invalidateQueries();
    } catch (error) {
      setFailure(
        error instanceof ApiError || error instanceof Error ? error.message : String(error),
      );
    } finally {
      setProgress(undefined);
    }
  }

  if (isClosed) return null;
  return (
    <section className="panel" aria-labelledby="import-file">
      <h2 id="import-file">{t("imports.title")}</h2>
      <p className="muted">{t("imports.intro")}</p>
      {viewer.role === "public" ? (
        <p className="note">{t("imports.signIn")}</p>
      ) : (
        <form className="import-form" onSubmit={(event) => void submit(event)}>
          <div className="field">
            <label htmlFor="import-format">{t("imports.format")}</label>
            <select id="import-format" value={format} onChange={(e) => setFormat(e.target.value)}>
              {FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </div>
          {format === "pax" ? (
            <div className="field">
              <label htmlFor="import-pp">{t("imports.peaceProcess")}</label>
              <input
                id="import-pp"
                value={peaceProcess}
                onChange={(e) => setPeaceProcess(e.target.value)}
              />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="import-upload">{t("imports.file")}</label>
            <input
              id="import-upload"
              type="file"
              accept={chosen.accept}
              onChange={(e) => setFile(e.target.files?.[0])}
            />
          </div>
          <button type="submit" className="primary" disabled={!file || progress !== undefined}>
            {t("imports.submit")}
          </button>
        </form>
      )}
      {progress ? (
        <p role="status">
          <label htmlFor="import-progress">{t("imports.uploading")}</label>{" "}
          <progress id="import-progress" max={progress.total} value={progress.sent} />{" "}
          {progress.sent >= progress.total ? t("imports.importing") : null}
        </p>
      ) : null}
      {failure ? (
        <p className="error" role="alert">
          {t("imports.failed")}: {failure}
        </p>
      ) : null}
      {summary ? (
        <div className="import-summary" role="status">
          <h3>{t("imports.summary")}</h3>
          <dl className="head">
            {summary.rows !== undefined ? (
              <>
                <dt>{t("imports.rows")}</dt>
                <dd>{n(summary.rows)}</dd>
              </>
            ) : null}
            <dt>{t("imports.read")}</dt>
            <dd>{n(summary.read)}</dd>
            <dt>{t("imports.created")}</dt>
            <dd>{n(summary.created)}</dd>
            <dt>{t("imports.updated")}</dt>
            <dd>{n(summary.updated)}</dd>
            <dt>{t("imports.unchanged")}</dt>
            <dd>{n(summary.unchanged)}</dd>
            <dt>{t("imports.rejected")}</dt>
            <dd>{n(summary.rejected.length)}</dd>
          </dl>
          {summary.rejected.length > 0 ? (
            <TableScroll>
              <table className="records">
                <caption>{t("imports.rejectedLines")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("imports.at")}</th>
                    <th scope="col">{t("imports.id")}</th>
                    <th scope="col">{t("imports.reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.rejected.map((r, i) => (
                    // Rejections carry no id of their own; their order is the file's.
                    // biome-ignore lint/suspicious/noArrayIndexKey: see above
                    <tr key={i}>
                      <td>{r.at}</td>
                      <td>{r.id ?? "—"}</td>
                      <td>{r.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
