import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, lazy, type ReactNode, Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { DomainError } from "../../../src/domain/errors.ts";
import { DATE_PRECISIONS, precisionOf } from "../../../src/domain/fuzzy-date.ts";
import { kindByType } from "../../../src/domain/kinds/index.ts";
import { PLACE_PRECISIONS } from "../../../src/domain/place.ts";
import { VISIBILITIES } from "../../../src/domain/record.ts";
import { parseRecordInput } from "../../../src/domain/record-input.ts";
import { ApiError, type ApiRecord, getJson, processUrl } from "../api.ts";
import { valueLabel } from "../format.ts";
import { useFocusFirstError } from "./focus-first-error.ts";
import { FiguresTable } from "./pickers/figures-table.tsx";
import { PlaceNamePicker } from "./pickers/place-name-picker.tsx";
import { RecordPicker } from "./pickers/record-picker.tsx";
import { RecordsPicker } from "./pickers/records-picker.tsx";
import {
  type FieldSpec,
  type FigureRow,
  type FormValues,
  fieldsOf,
  issueKey,
  keysOf,
  toFormValues,
  toRecordInput,
} from "./schema-fields.ts";

type Issues = Record<string, string>;

const PinMap = lazy(() => import("./pickers/pin-map.tsx").then((m) => ({ default: m.PinMap })));

/** Placeholders that show how a date of each precision is written. */
const DATE_EXAMPLES: Record<string, string> = {
  time: "2021-11-16T08:30+04:00",
  day: "2021-11-16",
  month: "2021-11",
  year: "2021",
  range: "2021-11",
};

const humanize = (name: string) => {
  const words = name.replace(/_ids?$/, "").replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

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
  const [pinning, setPinning] = useState<string | undefined>();
  if (!kind) return null;
  const kindName = t(`kinds.${props.type}` as "kinds.commitment");
  const fieldLabel = (name: string) =>
    t(`fields.${name}` as "fields.name", { defaultValue: humanize(name) });

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
    const input = {
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

  const set = (key: string, value: FormValues[string]) =>
    setValues((current) => ({ ...current, [key]: value }));
  /** A date's value; its precision follows what was typed (2021-11 is a month) unless a range. */
  const setDate = (name: string, value: string) =>
    setValues((current) => {
      const written = precisionOf(value.trim());
      const isRange = current[`${name}.precision`] === "range";
      return {
        ...current,
        [`${name}.value`]: value,
        ...(written && !isRange ? { [`${name}.precision`]: written } : {}),
      };
    });
  const described = (key: string) =>
    issues[key] ? { "aria-invalid": true as const, "aria-describedby": `rf-e-${key}` } : {};
  const error = (key: string) =>
    issues[key] ? (
      <p className="field-error" id={`rf-e-${key}`} role="alert">
        {issues[key]}
      </p>
    ) : null;
  const textInput = (key: string, props: Record<string, unknown> = {}) => (
    <input
      id={`rf-${key}`}
      value={String(values[key] ?? "")}
      onChange={(event) => set(key, event.target.value)}
      {...described(key)}
      {...props}
    />
  );
  const select = (key: string, options: readonly string[], hasEmpty: boolean) => (
    <select
      id={`rf-${key}`}
      value={String(values[key] ?? "")}
      onChange={(event) => set(key, event.target.value)}
      {...described(key)}
    >
      {hasEmpty ? <option value="">—</option> : null}
      {options.map((option) => (
        <option key={option} value={option}>
          {valueLabel(t)(option)}
        </option>
      ))}
    </select>
  );
  const single = (key: string, label: ReactNode, control: ReactNode, hint?: string) => (
    <div className={`field${issues[key] ? " invalid" : ""}`} key={key}>
      <label htmlFor={`rf-${key}`}>{label}</label>
      {control}
      {hint ? <p className="hint">{hint}</p> : null}
      {error(key)}
    </div>
  );
  const errorId = (key: string) => (issues[key] ? `rf-e-${key}` : undefined);
  const picked = (key: string, control: ReactNode) => (
    <div className={`field${issues[key] ? " invalid" : ""}`} key={key}>
      {control}
      {error(key)}
    </div>
  );

  const numberAt = (key: string) => {
    const text = String(values[key] ?? "").trim();
    return text !== "" && Number.isFinite(Number(text)) ? Number(text) : undefined;
  };

  const control = (field: FieldSpec): ReactNode => {
    // The asterisk is for the eye; screen readers hear the field's name alone.
    const label = (
      <>
        {fieldLabel(field.name)}
        {field.isOptional ? null : <span aria-hidden="true"> *</span>}
      </>
    );
    const hint = field.description;
    const name = field.name;
    switch (field.control) {
      case "text":
        return single(
          name,
          label,
          field.isLong ? (
            <textarea
              id={`rf-${name}`}
              rows={3}
              value={String(values[name] ?? "")}
              onChange={(event) => set(name, event.target.value)}
              {...described(name)}
            />
          ) : (
            textInput(name)
          ),
          hint,
        );
      case "enum":
        return single(name, label, select(name, field.options, field.isOptional), hint);
      case "number":
        return single(name, label, textInput(name, { inputMode: "decimal" }), hint);
      case "boolean":
        return (
          <div className={`field checkbox${issues[name] ? " invalid" : ""}`} key={name}>
            <label>
              <input
                type="checkbox"
                checked={values[name] === true}
                onChange={(event) => set(name, event.target.checked)}
                {...described(name)}
              />{" "}
              {label}
            </label>
            {error(name)}
          </div>
        );
      case "id":
        if (field.refersTo.length === 0) return single(name, label, textInput(name), hint);
        return picked(
          name,
          <RecordPicker
            id={`rf-${name}`}
            label={label}
            types={field.refersTo}
            value={String(values[name] ?? "")}
            onChange={(id) => set(name, id)}
            hint={hint}
            errorId={errorId(name)}
          />,
        );
      case "ids":
        return picked(
          name,
          <RecordsPicker
            id={`rf-${name}`}
            label={label}
            types={field.refersTo.length > 0 ? field.refersTo : ["actor"]}
            value={Array.isArray(values[name]) ? (values[name] as string[]) : []}
            onChange={(ids) => set(name, ids)}
            hint={hint}
            errorId={errorId(name)}
          />,
        );
      case "figures":
      case "counts":
        return (
          <div className={`field${issues[name] ? " invalid" : ""}`} key={name}>
            <FiguresTable
              id={`rf-${name}`}
              caption={fieldLabel(name)}
              rows={Array.isArray(values[name]) ? (values[name] as FigureRow[]) : []}
              onChange={(rows) => set(name, rows)}
              hasSide={field.control === "figures"}
            />
            {hint && field.control === "counts" ? <p className="hint">{hint}</p> : null}
            {error(name)}
          </div>
        );
      case "enums": {
        const options = field.options;
        const chosen = Array.isArray(values[name]) ? (values[name] as string[]) : [];
        // A group of checkboxes: each one reachable and togglable from the keyboard.
        return (
          <fieldset className={`field choices${issues[name] ? " invalid" : ""}`} key={name}>
            <legend>{label}</legend>
            {options.map((option) => (
              <label key={option}>
                <input
                  type="checkbox"
                  checked={chosen.includes(option)}
                  onChange={(event) =>
                    set(
                      name,
                      event.target.checked
                        ? [...chosen, option]
                        : chosen.filter((c) => c !== option),
                    )
                  }
                />{" "}
                {valueLabel(t)(option)}
              </label>
            ))}
            {hint ? <p className="hint">{hint}</p> : null}
            {error(name)}
          </fieldset>
        );
      }
      case "strings":
      case "json":
        return single(
          name,
          label,
          <textarea
            id={`rf-${name}`}
            rows={field.control === "json" ? 4 : 3}
            className={field.control === "json" ? "code" : undefined}
            value={String(values[name] ?? "")}
            onChange={(event) => set(name, event.target.value)}
            {...described(name)}
          />,
          field.control === "json" ? `${hint ? `${hint}. ` : ""}${t("forms.jsonHint")}` : hint,
        );
      case "date":
        return (
          <fieldset className="field group" key={name}>
            <legend>{label}</legend>
            {single(
              `${name}.value`,
              `${fieldLabel(name)}: ${t("forms.dateValue")}`,
              textInput(`${name}.value`, {
                placeholder: DATE_EXAMPLES[String(values[`${name}.precision`])],
                onChange: (event: { target: { value: string } }) =>
                  setDate(name, event.target.value),
              }),
            )}
            {single(
              `${name}.precision`,
              `${fieldLabel(name)}: ${t("forms.precision")}`,
              select(`${name}.precision`, DATE_PRECISIONS, false),
              t("forms.precisionHint"),
            )}
            {values[`${name}.precision`] === "range" || values[`${name}.end`]
              ? single(
                  `${name}.end`,
                  `${fieldLabel(name)}: ${t("forms.dateEnd")}`,
                  textInput(`${name}.end`, { placeholder: "2021-12" }),
                )
              : null}
          </fieldset>
        );
      case "place":
        return (
          <fieldset className="field group" key={name}>
            <legend>{label}</legend>
            {picked(
              `${name}.name`,
              <PlaceNamePicker
                id={`rf-${name}.name`}
                label={`${fieldLabel(name)}: ${t("forms.placeName")}`}
                value={String(values[`${name}.name`] ?? "")}
                onType={(typed) => set(`${name}.name`, typed)}
                onChoose={(place) =>
                  setValues((current) => ({
                    ...current,
                    [`${name}.name`]: place.name,
                    ...(place.precision ? { [`${name}.precision`]: place.precision } : {}),
                    [`${name}.lat`]: place.lat === undefined ? "" : String(place.lat),
                    [`${name}.lon`]: place.lon === undefined ? "" : String(place.lon),
                    [`${name}.country`]: place.country ?? "",
                    [`${name}.admin1`]: place.admin1 ?? "",
                    [`${name}.admin2`]: place.admin2 ?? "",
                    [`${name}.place_id`]: place.place_id ?? "",
                  }))
                }
                errorId={errorId(`${name}.name`)}
              />,
            )}
            {single(
              `${name}.precision`,
              `${fieldLabel(name)}: ${t("forms.precision")}`,
              select(`${name}.precision`, PLACE_PRECISIONS, false),
            )}
            {single(
              `${name}.lat`,
              `${fieldLabel(name)}: ${t("forms.latitude")}`,
              textInput(`${name}.lat`, { inputMode: "decimal" }),
            )}
            {single(
              `${name}.lon`,
              `${fieldLabel(name)}: ${t("forms.longitude")}`,
              textInput(`${name}.lon`, { inputMode: "decimal" }),
            )}
            <div className="field wide">
              <button
                type="button"
                className="secondary"
                aria-expanded={pinning === name}
                onClick={() => setPinning(pinning === name ? undefined : name)}
              >
                {t("forms.pinOnMap")}
              </button>
              {pinning === name ? (
                <Suspense fallback={null}>
                  <PinMap
                    lat={numberAt(`${name}.lat`)}
                    lon={numberAt(`${name}.lon`)}
                    onPin={(lat, lon) =>
                      setValues((current) => ({
                        ...current,
                        [`${name}.lat`]: String(lat),
                        [`${name}.lon`]: String(lon),
                      }))
                    }
                  />
                </Suspense>
              ) : null}
            </div>
          </fieldset>
        );
    }
  };

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
      {fields.map(control)}
      {single("visibility", t("forms.visibility"), select("visibility", VISIBILITIES, false))}
      {values.visibility === "restricted"
        ? picked(
            "restricted_to",
            <RecordPicker
              id="rf-restricted_to"
              label={t("forms.restrictedTo")}
              types={["actor"]}
              value={String(values.restricted_to ?? "")}
              onChange={(id) => set("restricted_to", id)}
              errorId={errorId("restricted_to")}
            />,
          )
        : null}
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
