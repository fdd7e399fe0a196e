import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { DomainError } from "../../../src/domain/errors.ts";
import { kindByType } from "../../../src/domain/kinds/index.ts";
import { VISIBILITIES } from "../../../src/domain/record.ts";
import { parseRecordInput } from "../../../src/domain/record-input.ts";
import { REPORT_FIELDS } from "../../../src/domain/report-fields.ts";
import { ApiError, type ApiRecord, getJson, processUrl } from "../api.ts";
import { valueLabel } from "../format.ts";
import { FieldControls } from "./field-controls.tsx";
import { useFocusFirstError } from "./focus-first-error.ts";
import { RecordPicker } from "./pickers/record-picker.tsx";
import {
  type FormValues,
  fieldsOf,
  issueKey,
  keysOf,
  toFormValues,
  toRecordInput,
} from "./schema-fields.ts";

type Issues = Record<string, string>;

/**
 * A form for any kind of record, built from that kind's zod schema and checked with it before
 * anything is sent (the same check the server makes, envelope included). Errors, the schema's or the
 * server's, show next to their field; an edit sends If-Match and a stale one offers to reload.
 */
export function RecordForm(props: {
  type: string;
  editing?: ApiRecord;
  /** What a new record starts with: the page's context (the incident a claim is about). */
  defaults?: Record<string, unknown> | undefined;
  onSaved: (record: ApiRecord) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const kind = kindByType(props.type);
  const fields = useMemo(() => (kind ? fieldsOf(kind) : []), [kind]);
  const keys = useMemo(() => [...fields.flatMap(keysOf), "visibility", "restricted_to"], [fields]);
  const [values, setValues] = useState<FormValues>(() => ({
    ...toFormValues(fields, props.editing ?? props.defaults),
    visibility: String(props.editing?.visibility ?? "public"),
    restricted_to: String(props.editing?.restricted_to ?? ""),
  }));
  const [issues, setIssues] = useState<Issues>({});
  const formRef = useFocusFirstError(issues);
  const [isStale, setIsStale] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  if (!kind) return null;
  const kindName = t(`kinds.${props.type}` as "kinds.commitment");

  const toIssues = (list: ReadonlyArray<{ path: string; message: string }>): Issues => {
    const found: Issues = {};
    for (const issue of list) {
      const key = issueKey(issue.path, keys);
      found[key] = found[key] ? `${found[key]}; ${issue.message}` : issue.message;
    }
    return found;
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!kind) return;
    const built = toRecordInput(fields, values);
    const visibility = String(values.visibility);
    const restrictedTo = String(values.restricted_to ?? "");
    // What a field report carries besides its kind's fields (when it was made, its photos) is
    // not on this form: an edit keeps it as it was.
    const kept = Object.fromEntries(
      Object.entries(props.editing ?? {}).filter(([field]) => REPORT_FIELDS.has(field)),
    );
    const input = {
      ...kept,
      ...built.input,
      visibility,
      ...(visibility === "restricted" && restrictedTo ? { restricted_to: restrictedTo } : {}),
    };
    let found: Issues = { ...built.issues };
    try {
      parseRecordInput(kind, input);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      found = { ...toIssues(error.details.issues ?? []), ...found };
    }
    setIssues(found);
    if (Object.keys(found).length > 0) return;
    setIsBusy(true);
    const editing = props.editing;
    try {
      // An edit sends the version it started from; someone else's change in between answers 412.
      const saved = await getJson<ApiRecord>(
        `${processUrl()}/${kind.path}${editing ? `/${encodeURIComponent(editing.id)}` : ""}`,
        {
          method: editing ? "PUT" : "POST",
          headers: {
            "content-type": "application/json",
            ...(editing ? { "if-match": `"${editing.version}"` } : {}),
          },
          body: JSON.stringify(input),
        },
      );
      await queryClient.invalidateQueries();
      props.onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setIsStale(true);
      else if (error instanceof ApiError)
        setIssues(toIssues(error.problem.issues ?? [{ path: "", message: error.message }]));
      else throw error;
    } finally {
      setIsBusy(false);
    }
  }

  const set = (key: string, value: string) =>
    setValues((current) => ({ ...current, [key]: value }));
  const title = props.editing
    ? t("forms.editTitle", { kind: kindName })
    : t("forms.newTitle", { kind: kindName });
  return (
    <form
      ref={formRef}
      className="record-form"
      onSubmit={(event) => void submit(event)}
      // Escape closes the form as Cancel does; nothing was sent, so nothing is lost on the server.
      onKeyDown={(event) => {
        // A picker's Escape closes its list (and says so by preventDefault), not the form.
        if (event.key === "Escape" && !event.defaultPrevented) props.onCancel();
      }}
      noValidate
      aria-label={title}
    >
      <h2>{title}</h2>
      {issues[""] ? (
        <p className="field-error" role="alert">
          {issues[""]}
        </p>
      ) : null}
      {isStale ? (
        <div className="stale" role="alert">
          <p>{t("forms.stale")}</p>
          <button
            type="button"
            onClick={() => {
              setIsStale(false);
              void queryClient.invalidateQueries();
            }}
          >
            {t("forms.reload")}
          </button>
        </div>
      ) : null}
      <FieldControls
        fields={fields}
        values={values}
        setValues={setValues}
        issues={issues}
        idPrefix="rf-"
      />
      <div className={`field${issues.visibility ? " invalid" : ""}`}>
        <label htmlFor="rf-visibility">{t("forms.visibility")}</label>
        <select
          id="rf-visibility"
          value={String(values.visibility)}
          onChange={(event) => set("visibility", event.target.value)}
        >
          {VISIBILITIES.map((option) => (
            <option key={option} value={option}>
              {valueLabel(t)(option)}
            </option>
          ))}
        </select>
      </div>
      {values.visibility === "restricted" ? (
        <div className={`field${issues.restricted_to ? " invalid" : ""}`}>
          <RecordPicker
            id="rf-restricted_to"
            label={t("forms.restrictedTo")}
            types={["actor"]}
            value={String(values.restricted_to ?? "")}
            onChange={(id) => set("restricted_to", id)}
            errorId={issues.restricted_to ? "rf-e-restricted_to" : undefined}
          />
          {issues.restricted_to ? (
            <p className="field-error" id="rf-e-restricted_to" role="alert">
              {issues.restricted_to}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={isBusy}>
          {t("forms.save")}
        </button>{" "}
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t("forms.cancel")}
        </button>
      </div>
    </form>
  );
}
