import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldIssues } from "../../../src/domain/errors.ts";
import { type Process, ProcessClosingSchema } from "../../../src/domain/process.schema.ts";
import { ApiError, getJson } from "../api.ts";
import { formatDate } from "../format.ts";
import { PROCESSES_KEY } from "../process.tsx";
import { useFocusFirstError } from "./focus-first-error.ts";

type Issues = Record<string, string>;

function issuesOf(list: ReadonlyArray<{ path: string; message: string }>): Issues {
  const found: Issues = {};
  for (const issue of list) {
    const field = issue.path.split(".")[0] ?? "";
    const key = field === "on" || field === "reason" ? field : "";
    found[key] = found[key] ? `${found[key]}; ${issue.message}` : issue.message;
  }
  return found;
}

/**
 * Closes a process on a date, for a reason, after asking once more: it stays readable, exportable
 * and verifiable, and nothing can be added to it or changed in it afterwards.
 */
export function CloseProcessForm(props: {
  process: { slug: string; name: string };
  onClosed: (process: Process) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [reason, setReason] = useState("");
  const [issues, setIssues] = useState<Issues>({});
  const formRef = useFocusFirstError(issues);
  const [isConfirming, setIsConfirming] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  // Opened from a button: the keyboard continues in the form.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("input")?.focus();
  }, [formRef]);
  const closing = { on: { value: date, precision: "day" as const }, reason: reason.trim() };

  function check(event: FormEvent) {
    event.preventDefault();
    const parsed = ProcessClosingSchema.safeParse(closing);
    const found = parsed.success ? {} : issuesOf(fieldIssues(parsed.error.issues));
    setIssues(found);
    setIsConfirming(Object.keys(found).length === 0);
  }

  async function close() {
    setIsBusy(true);
    try {
      const closed = await getJson<Process>(
        `/api/processes/${encodeURIComponent(props.process.slug)}/close`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(closing),
        },
      );
      await queryClient.invalidateQueries({ queryKey: PROCESSES_KEY });
      props.onClosed(closed);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setIsConfirming(false);
      setIssues(issuesOf(error.problem.issues ?? [{ path: "", message: error.message }]));
    } finally {
      setIsBusy(false);
    }
  }

  const described = (key: string) =>
    issues[key] ? { "aria-invalid": true as const, "aria-describedby": `cp-e-${key}` } : {};
  const error = (key: string) =>
    issues[key] ? (
      <p className="field-error" id={`cp-e-${key}`} role="alert">
        {issues[key]}
      </p>
    ) : null;
  const title = t("processes.closeTitle", { name: props.process.name });
  return (
    <form
      ref={formRef}
      className="record-form close-process-form"
      onSubmit={check}
      onKeyDown={(event) => {
        if (event.key === "Escape") props.onCancel();
      }}
      noValidate
      aria-label={title}
    >
      <h2>{title}</h2>
      <p className="hint wide">{t("processes.closeIntro")}</p>
      {issues[""] ? (
        <p className="field-error wide" role="alert">
          {issues[""]}
        </p>
      ) : null}
      <div className={`field${issues.on ? " invalid" : ""}`}>
        <label htmlFor="cp-on">
          {t("processes.closeDate")}
          <span aria-hidden="true"> *</span>
        </label>
        <input
          id="cp-on"
          type="date"
          value={date}
          onChange={(event) => {
            setDate(event.target.value);
            setIsConfirming(false);
          }}
          {...described("on")}
        />
        {error("on")}
      </div>
      <div className={`field wide${issues.reason ? " invalid" : ""}`}>
        <label htmlFor="cp-reason">
          {t("processes.closeReason")}
          <span aria-hidden="true"> *</span>
        </label>
        <textarea
          id="cp-reason"
          rows={3}
          value={reason}
          onChange={(event) => {
            setReason(event.target.value);
            setIsConfirming(false);
          }}
          {...described("reason")}
        />
        {error("reason")}
      </div>
      {isConfirming ? (
        <div className="stale confirm" role="alert">
          <p>
            {t("processes.closeConfirm", {
              name: props.process.name,
              date: formatDate(closing.on, i18n.language),
            })}
          </p>
          {/* The focus moves here: the next Enter answers the question asked. */}
          <button
            type="button"
            className="danger"
            disabled={isBusy}
            onClick={() => void close()}
            // biome-ignore lint/a11y/noAutofocus: the question just asked is where the reader is
            autoFocus
          >
            {t("processes.closeYes")}
          </button>{" "}
          <button type="button" className="secondary" onClick={() => setIsConfirming(false)}>
            {t("processes.closeNo")}
          </button>
        </div>
      ) : (
        <div className="actions">
          <button type="submit">{t("processes.closeSubmit")}</button>{" "}
          <button type="button" className="secondary" onClick={props.onCancel}>
            {t("forms.cancel")}
          </button>
        </div>
      )}
    </form>
  );
}
