import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldIssue } from "../../../src/domain/errors.ts";
import { isObject } from "../../../src/domain/plain-object.ts";
import type { Process } from "../../../src/domain/process.schema.ts";
import { ApiError, getJson, uploadFile } from "../api.ts";
import { PROCESSES_KEY } from "../process.tsx";

/** What the import route answers for the file's records (the summary `truce import` prints). */
export type ImportSummary = {
  created: number;
  updated: number;
  unchanged: number;
  rejected: Array<{ at: string; id?: string; reason: string }>;
};

/** The file's format name (`BUNDLE_FORMAT` in src/ingest, which the browser does not load). */
const FORMAT = "truce-process";

/**
 * A process set up from its file (docs/process-file.md), as `truce process create` does: its
 * fields first (`POST /api/processes`), then the file itself to its import route for its records.
 */
export function ProcessFileForm(props: {
  onCreated: (process: Process, summary: ImportSummary | undefined) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [progress, setProgress] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);
  // Opened from a button: the keyboard continues at the file to choose.
  useEffect(() => input.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    setIssues([]);
    if (!file) {
      setFailure(t("processes.noFile"));
      return;
    }
    let content: unknown;
    try {
      content = JSON.parse(await file.text());
    } catch (error) {
      setFailure(t("processes.notJson", { error: (error as Error).message }));
      return;
    }
    if (!isObject(content) || content.format !== FORMAT || !isObject(content.process)) {
      setFailure(t("processes.notProcessFile"));
      return;
    }
    setProgress(t("processes.creating"));
    let created: Process;
    try {
      created = await getJson<Process>("/api/processes", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(content.process),
      });
    } catch (error) {
      setProgress(undefined);
      if (!(error instanceof ApiError)) throw error;
      setFailure(error.message);
      setIssues(error.problem.issues ?? []);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: PROCESSES_KEY });
    let summary: ImportSummary | undefined;
    if (Array.isArray(content.records) && content.records.length > 0) {
      setProgress(t("processes.importing", { count: content.records.length }));
      try {
        summary = await uploadFile<ImportSummary>(
          `/api/processes/${encodeURIComponent(created.slug)}/imports?format=json`,
          file,
          "application/json",
          () => undefined,
        );
      } catch (error) {
        // The process stays: its records can be imported again from its sources page.
        setProgress(undefined);
        setFailure(
          t("processes.recordsFailed", { name: created.name, error: (error as Error).message }),
        );
        await queryClient.invalidateQueries({ queryKey: PROCESSES_KEY });
        return;
      }
      await queryClient.invalidateQueries({ queryKey: PROCESSES_KEY });
    }
    setProgress(undefined);
    props.onCreated(created, summary);
  }

  return (
    <form
      className="record-form process-file-form"
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === "Escape") props.onCancel();
      }}
      aria-label={t("processes.fromFile")}
    >
      <h2>{t("processes.fromFile")}</h2>
      <p className="hint wide">{t("processes.fromFileIntro")}</p>
      <div className={`field${failure ? " invalid" : ""}`}>
        <label htmlFor="process-file">{t("processes.file")}</label>
        <input
          ref={input}
          id="process-file"
          type="file"
          accept=".json,application/json"
          onChange={(event) => setFile(event.target.files?.[0])}
          {...(failure ? { "aria-invalid": true, "aria-describedby": "process-file-error" } : {})}
        />
        {failure ? (
          <div className="field-error" id="process-file-error" role="alert">
            <p>{failure}</p>
            {issues.length > 0 ? (
              <ul>
                {issues.map((issue) => (
                  <li key={`${issue.path}-${issue.message}`}>
                    {issue.path ? <code>process.{issue.path}</code> : null} {issue.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
      {progress ? (
        <p role="status" className="wide">
          {progress}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={progress !== undefined}>
          {t("processes.createFromFile")}
        </button>{" "}
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t("forms.cancel")}
        </button>
      </div>
    </form>
  );
}
