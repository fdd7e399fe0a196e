import { lazy, type ReactNode, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { DATE_PRECISIONS, precisionOf } from "../../../src/domain/fuzzy-date.ts";
import { PLACE_PRECISIONS } from "../../../src/domain/place.ts";
import { valueLabel } from "../format.ts";
import { FiguresTable } from "./pickers/figures-table.tsx";
import { PlaceNamePicker } from "./pickers/place-name-picker.tsx";
import { RecordPicker } from "./pickers/record-picker.tsx";
import { RecordsPicker } from "./pickers/records-picker.tsx";
import {
  type FieldSpec,
  type FigureRow,
  type FormValue,
  type FormValues,
  type PairRow,
  toFormValues,
} from "./schema-fields.ts";

const PinMap = lazy(() => import("./pickers/pin-map.tsx").then((m) => ({ default: m.PinMap })));
const DrawMap = lazy(() => import("./pickers/draw-map.tsx").then((m) => ({ default: m.DrawMap })));

/** Placeholders that show how a date of each precision is written. */
const DATE_EXAMPLES: Record<string, string> = {
  time: "2021-11-16T08:30+04:00",
  day: "2021-11-16",
  month: "2021-11",
  year: "2021",
  range: "2021-11",
};

/** The values of a nested object: an empty one when it has none yet. */
const subValues = (value: FormValue | undefined): FormValues =>
  value !== undefined && typeof value === "object" && !Array.isArray(value) ? value : {};

/** A stored geometry's type, to say what is drawn. */
function shapeOf(geometry: string): string {
  try {
    return String((JSON.parse(geometry) as { type?: unknown }).type ?? "");
  } catch {
    return "";
  }
}

export const humanize = (name: string) => {
  const words = name.replace(/_ids?$/, "").replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * The controls of a kind's fields, at one level of its record: the record itself, or an object
 * inside it (a verification, each of an exchange's transfers), which gets the same controls in a
 * group of its own. What control a field gets is the schema's to say (schema-fields.ts): a picker
 * for an id, a table for figures, a map for a geometry; nothing asks for an id or for JSON.
 */
export function FieldControls(props: {
  fields: FieldSpec[];
  values: FormValues;
  setValues: (update: (current: FormValues) => FormValues) => void;
  /** Issues by form key at this level. */
  issues: Record<string, string>;
  /** Makes the controls' ids unique in the page: "rf-", "rf-transfers-0-". */
  idPrefix: string;
  /** Goes before every label of a nested level: "Transfer 1: ". */
  labelPrefix?: string;
}) {
  const { t } = useTranslation();
  const { values, setValues, issues, idPrefix } = props;
  const [pinning, setPinning] = useState<string | undefined>();
  const [drawing, setDrawing] = useState<string | undefined>();
  const fieldLabel = (name: string) =>
    `${props.labelPrefix ?? ""}${t(`fields.${name}` as "fields.name", { defaultValue: humanize(name) })}`;
  const set = (key: string, value: FormValue) =>
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
    issues[key] ? { "aria-invalid": true as const, "aria-describedby": `${idPrefix}e-${key}` } : {};
  const error = (key: string) =>
    issues[key] ? (
      <p className="field-error" id={`${idPrefix}e-${key}`} role="alert">
        {issues[key]}
      </p>
    ) : null;
  const textInput = (key: string, props: Record<string, unknown> = {}) => (
    <input
      id={`${idPrefix}${key}`}
      value={String(values[key] ?? "")}
      onChange={(event) => set(key, event.target.value)}
      {...described(key)}
      {...props}
    />
  );
  const select = (key: string, options: readonly string[], hasEmpty: boolean) => (
    <select
      id={`${idPrefix}${key}`}
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
      <label htmlFor={`${idPrefix}${key}`}>{label}</label>
      {control}
      {hint ? <p className="hint">{hint}</p> : null}
      {error(key)}
    </div>
  );
  const errorId = (key: string) => (issues[key] ? `${idPrefix}e-${key}` : undefined);
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
              id={`${idPrefix}${name}`}
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
            id={`${idPrefix}${name}`}
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
            id={`${idPrefix}${name}`}
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
              id={`${idPrefix}${name}`}
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
      case "object": {
        const inner = subValues(values[name]);
        return (
          <fieldset className={`field group${issues[name] ? " invalid" : ""}`} key={name}>
            <legend>{label}</legend>
            {hint ? <p className="hint wide">{hint}</p> : null}
            <FieldControls
              fields={field.fields}
              values={inner}
              setValues={(update) =>
                setValues((current) => ({ ...current, [name]: update(subValues(current[name])) }))
              }
              issues={{}}
              idPrefix={`${idPrefix}${name}-`}
              labelPrefix={`${fieldLabel(name)}: `}
            />
            {error(name)}
          </fieldset>
        );
      }
      case "objects": {
        const items = Array.isArray(values[name]) ? (values[name] as FormValues[]) : [];
        const setItems = (update: (items: FormValues[]) => FormValues[]) =>
          setValues((current) => ({
            ...current,
            [name]: update(Array.isArray(current[name]) ? (current[name] as FormValues[]) : []),
          }));
        return (
          <fieldset className={`field items${issues[name] ? " invalid" : ""}`} key={name}>
            <legend>{label}</legend>
            {hint ? <p className="hint">{hint}</p> : null}
            {items.map((item, index) => {
              const itemLabel = t("forms.item", { name: fieldLabel(name), n: index + 1 });
              return (
                // Items have no identity but their place; removing one renumbers the rest.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <fieldset className="field group" key={index}>
                  <legend>{itemLabel}</legend>
                  <FieldControls
                    fields={field.fields}
                    values={item}
                    setValues={(update) =>
                      setItems((all) => all.map((one, i) => (i === index ? update(one) : one)))
                    }
                    issues={{}}
                    idPrefix={`${idPrefix}${name}-${index}-`}
                    labelPrefix={`${itemLabel}: `}
                  />
                  <div className="field wide">
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setItems((all) => all.filter((_, i) => i !== index))}
                    >
                      {t("forms.removeItem", { name: itemLabel })}
                    </button>
                  </div>
                </fieldset>
              );
            })}
            <button
              type="button"
              className="secondary"
              onClick={() => setItems((all) => [...all, toFormValues(field.fields)])}
            >
              {t("forms.addItem", { name: fieldLabel(name) })}
            </button>
            {error(name)}
          </fieldset>
        );
      }
      case "pairs": {
        const rows = Array.isArray(values[name]) ? (values[name] as PairRow[]) : [];
        const setRow = (index: number, change: Partial<PairRow>) =>
          set(
            name,
            rows.map((row, i) => (i === index ? { ...row, ...change } : row)),
          );
        return (
          <fieldset className={`field items${issues[name] ? " invalid" : ""}`} key={name}>
            <legend>{label}</legend>
            {hint ? <p className="hint">{hint}</p> : null}
            {rows.map((row, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are known by their place
              <div className="pair" key={index}>
                <input
                  aria-label={`${fieldLabel(name)}: ${t("forms.key")} (${t("forms.row", { n: index + 1 })})`}
                  value={row.key}
                  onChange={(event) => setRow(index, { key: event.target.value })}
                />
                <input
                  aria-label={`${fieldLabel(name)}: ${t("forms.value")} (${t("forms.row", { n: index + 1 })})`}
                  value={row.value}
                  inputMode={field.isNumber ? "decimal" : undefined}
                  onChange={(event) => setRow(index, { value: event.target.value })}
                />
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    set(
                      name,
                      rows.filter((_, i) => i !== index),
                    )
                  }
                >
                  {t("forms.removeRow", { n: index + 1 })}
                </button>
              </div>
            ))}
            <button
              type="button"
              className="secondary"
              onClick={() => set(name, [...rows, { key: "", value: "" }])}
            >
              {t("forms.addItem", { name: fieldLabel(name) })}
            </button>
            {error(name)}
          </fieldset>
        );
      }
      case "geometry": {
        const value = String(values[name] ?? "");
        return (
          <div className={`field wide${issues[name] ? " invalid" : ""}`} key={name}>
            {drawing === name ? (
              <Suspense fallback={null}>
                <DrawMap
                  id={`${idPrefix}${name}`}
                  label={fieldLabel(name)}
                  types={field.types}
                  value={value}
                  onChange={(geometry) => set(name, geometry)}
                />
              </Suspense>
            ) : (
              <>
                <span id={`${idPrefix}${name}-label`}>{label}</span>{" "}
                <span className="hint">
                  {value ? t("forms.hasShape", { shape: shapeOf(value) }) : t("forms.noShape")}
                </span>{" "}
                <button
                  type="button"
                  className="secondary"
                  id={`${idPrefix}${name}`}
                  aria-describedby={`${idPrefix}${name}-label`}
                  onClick={() => setDrawing(name)}
                >
                  {t("forms.drawOnMap")}
                </button>
              </>
            )}
            {hint ? <p className="hint">{hint}</p> : null}
            {error(name)}
          </div>
        );
      }
      case "strings":
      case "json":
        return single(
          name,
          label,
          <textarea
            id={`${idPrefix}${name}`}
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
                id={`${idPrefix}${name}.name`}
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

  return <>{props.fields.map(control)}</>;
}
