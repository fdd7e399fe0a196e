import type { z } from "zod";
import { type Count, FIGURE_CATEGORIES } from "../../../src/domain/figures.ts";
import type { FuzzyDate } from "../../../src/domain/fuzzy-date.ts";
import type { KindDefinition } from "../../../src/domain/kind.ts";
import { RecordIdSchema } from "../../../src/domain/record.ts";

/**
 * What control a field of a kind's schema gets in the generic record form. Derived by walking the
 * zod schema itself, so a field added to a kind shows up in its form without touching the web app.
 */
export type FieldSpec = {
  name: string;
  isOptional: boolean;
  description: string | undefined;
} & (
  | { control: "text"; isLong: boolean }
  | { control: "enum"; options: string[] }
  | { control: "enums"; options: string[] }
  | { control: "number" }
  | { control: "boolean" }
  | { control: "id"; refersTo: string[] }
  | { control: "ids"; refersTo: string[] }
  | { control: "strings" }
  | { control: "date" }
  | { control: "place" }
  | { control: "figures" }
  | { control: "counts" }
  /** An object of its own fields (a verification): a group of the same controls. */
  | { control: "object"; fields: FieldSpec[] }
  /** A list of such objects (an exchange's transfers): a group per item, added and removed. */
  | { control: "objects"; fields: FieldSpec[] }
  /** Values by key (names by language, ids in other datasets): a row per key. */
  | { control: "pairs"; isNumber: boolean }
  /** A GeoJSON geometry: drawn on a map, never typed. */
  | { control: "geometry"; types: string[] }
  | { control: "json" }
);

/** One row of a figures table: a category, a side (none in totals) and the count as typed. */
export type FigureRow = { category: string; side: string; best: string; low: string; high: string };

/** One row of values by key. */
export type PairRow = { key: string; value: string };

export type FormValue =
  | string
  | string[]
  | boolean
  | FigureRow[]
  | PairRow[]
  | FormValues
  | FormValues[];
export type FormValues = { [key: string]: FormValue };

type AnySchema = z.ZodType & {
  _zod: { def: Record<string, unknown> & { type: string } };
  description?: string;
};

const def = (schema: AnySchema) => schema._zod.def;

/** Peels optional, default, nullable and readonly wrappers; says whether the field may be left out. */
function unwrap(schema: AnySchema): { inner: AnySchema; isOptional: boolean } {
  let inner = schema;
  let isOptional = false;
  for (;;) {
    const type = def(inner).type;
    if (type === "optional" || type === "default" || type === "nullable") isOptional = true;
    else if (type === "pipe") {
      // A preprocess (older shapes read into the new one): the form edits what comes out.
      inner = def(inner).out as AnySchema;
      continue;
    } else if (type !== "readonly" && type !== "prefault") return { inner, isOptional };
    inner = def(inner).innerType as AnySchema;
  }
}

/** An id field: RecordIdSchema itself, or a copy of it with a description (zod keeps its checks). */
const isIdString = (schema: AnySchema) =>
  schema === (RecordIdSchema as unknown as AnySchema) ||
  (def(schema).type === "string" &&
    def(schema).checks === (RecordIdSchema as unknown as AnySchema)._zod.def.checks);

function shapeOf(schema: AnySchema): Record<string, AnySchema> | undefined {
  return def(schema).type === "object"
    ? (def(schema).shape as Record<string, AnySchema>)
    : undefined;
}

/**
 * The kinds each reference field may point at, asked of the kind itself: its `references` function
 * is run on a probe record whose id fields all hold a marker, so the form knows that `owners` are
 * actors without a list of field names kept in the web app.
 */
function referenceTargets(kind: KindDefinition, shape: Record<string, AnySchema>) {
  const targets = new Map<string, string[]>();
  // The deep probe fills nested objects and lists of them (an exchange's transfers) as well; a
  // kind whose references cannot read it gets the shallow one.
  for (const isDeep of [true, false]) {
    try {
      for (const ref of kind.references(probeOf(shape, isDeep))) {
        // "transfers.0.from" is the field "from" of any transfer.
        targets.set(ref.field.replace(/\.\d+(?=\.|$)/g, ""), [...ref.to_types]);
      }
      return targets;
    } catch {
      targets.clear();
    }
  }
  return targets;
}

/** A record whose every text holds a marker, for a kind's references function to report. */
function probeOf(shape: Record<string, AnySchema>, isDeep: boolean): Record<string, unknown> {
  const probe: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(shape)) {
    const { inner } = unwrap(field);
    // Any text may be a reference a kind declares without RecordIdSchema (a meeting's
    // document_ids): the kind's own references say which are.
    if (def(inner).type === "string") probe[name] = "probe";
    else if (def(inner).type === "array") {
      const element = unwrap(def(inner).element as AnySchema).inner;
      const elementShape = shapeOf(element);
      probe[name] =
        def(element).type === "string"
          ? ["probe"]
          : isDeep && elementShape
            ? [probeOf(elementShape, true)]
            : [];
    } else if (def(inner).type === "object") {
      // Nested objects (a verification) are read by the references function: give it one.
      const innerShape = shapeOf(inner) ?? {};
      probe[name] = isDeep ? probeOf(innerShape, true) : {};
    }
  }
  return probe;
}

/** A GeoJSON geometry's schema: a union of objects each with a type and coordinates. */
function geometryTypes(schema: AnySchema): string[] | undefined {
  if (def(schema).type !== "union") return undefined;
  const types: string[] = [];
  for (const option of def(schema).options as AnySchema[]) {
    const shape = shapeOf(unwrap(option).inner);
    const literal = shape?.type ? def(shape.type) : undefined;
    if (!shape?.coordinates || literal?.type !== "literal") return undefined;
    types.push(...((literal.values as unknown[]) ?? []).map(String));
  }
  return types;
}

/** The form's fields for a kind, in the order its schema declares them. */
export function fieldsOf(kind: KindDefinition): FieldSpec[] {
  const shape = shapeOf(kind.schema as AnySchema) ?? {};
  return fieldsOfShape(shape, referenceTargets(kind, shape), "");
}

/** The fields of an object's shape; `path` is where the object sits, for its references. */
function fieldsOfShape(
  shape: Record<string, AnySchema>,
  targets: Map<string, string[]>,
  path: string,
): FieldSpec[] {
  return Object.entries(shape).map(([name, field]): FieldSpec => {
    const { inner, isOptional } = unwrap(field);
    const base = { name, isOptional, description: field.description ?? inner.description };
    const type = def(inner).type;
    const at = `${path}${name}`;
    if (type === "string") {
      if (isIdString(inner) || targets.has(at))
        return { ...base, control: "id", refersTo: targets.get(at) ?? [] };
      const max = (inner as unknown as { maxLength: number | null }).maxLength ?? 0;
      return { ...base, control: "text", isLong: max > 500 || max === 0 };
    }
    if (type === "enum")
      return { ...base, control: "enum", options: Object.values(def(inner).entries as object) };
    if (type === "number") return { ...base, control: "number" };
    if (type === "boolean") return { ...base, control: "boolean" };
    // A count is a number or a {low, best, high} range: the form offers the number.
    if (
      type === "union" &&
      def((def(inner).options as AnySchema[])[0] as AnySchema).type === "number"
    )
      return { ...base, control: "number" };
    const geometry = geometryTypes(inner);
    if (geometry) return { ...base, control: "geometry", types: geometry };
    if (type === "record") {
      const value = unwrap(def(inner).valueType as AnySchema).inner;
      if (["string", "number", "union"].includes(def(value).type))
        return { ...base, control: "pairs", isNumber: def(value).type === "number" };
    }
    if (type === "array") {
      const element = unwrap(def(inner).element as AnySchema).inner;
      if (isIdString(element) || (def(element).type === "string" && targets.has(at)))
        return { ...base, control: "ids", refersTo: targets.get(at) ?? [] };
      if (def(element).type === "enum")
        return {
          ...base,
          control: "enums",
          options: Object.values(def(element).entries as object),
        };
      if (def(element).type === "string") return { ...base, control: "strings" };
      const elementShape = shapeOf(element);
      if (elementShape)
        return {
          ...base,
          control: "objects",
          fields: fieldsOfShape(elementShape, targets, `${at}.`),
        };
    }
    const keys = Object.keys(shapeOf(inner) ?? {});
    if (
      keys.length > 0 &&
      keys.every((k) => (FIGURE_CATEGORIES as readonly string[]).includes(k))
    ) {
      // Counts by category: per side (a record of counts under each) or for all sides together.
      const first = unwrap(
        (shapeOf(inner) as Record<string, AnySchema>)[keys[0] as string] as AnySchema,
      ).inner;
      if (def(first).type === "record") return { ...base, control: "figures" };
      if (def(first).type === "union") return { ...base, control: "counts" };
    }
    if (keys.includes("value") && keys.includes("precision")) return { ...base, control: "date" };
    if (keys.includes("name") && keys.includes("precision") && keys.includes("lat"))
      return { ...base, control: "place" };
    const objectShape = shapeOf(inner);
    if (objectShape)
      return { ...base, control: "object", fields: fieldsOfShape(objectShape, targets, `${at}.`) };
    return { ...base, control: "json" };
  });
}

/** A place's fields the form keeps without showing them: a chosen place's, or an edited one's. */
const PLACE_EXTRAS = ["country", "admin1", "admin2", "place_id"] as const;

/** The keys of the form values (and so of the controls' ids) that one field fills. */
export function keysOf(field: FieldSpec): string[] {
  if (field.control === "date")
    return ["value", "precision", "end"].map((k) => `${field.name}.${k}`);
  if (field.control === "place")
    return ["name", "precision", "lat", "lon"].map((k) => `${field.name}.${k}`);
  return [field.name];
}

const text = (values: FormValues, key: string) => {
  const value = values[key];
  return typeof value === "string" ? value.trim() : "";
};

/** A number when it reads as one; otherwise the text itself, so the schema can say what is wrong. */
const numberOrText = (value: string) => (Number.isFinite(Number(value)) ? Number(value) : value);

/** The values of a nested object: an empty one when it has none yet. */
const subValues = (value: FormValue | undefined): FormValues =>
  value !== undefined && typeof value === "object" && !Array.isArray(value) ? value : {};

/** A nested object's issues under its field's name. */
const prefixed = (name: string, issues: Record<string, string>) =>
  Object.fromEntries(Object.entries(issues).map(([key, message]) => [`${name}.${key}`, message]));

/**
 * True when a nested object holds nothing typed: an optional one is then left out. What a select
 * or a box starts on (a verification's "unverified", a unit of "days") is no input of the user's;
 * another choice is, and is sent for the schema to check (a "verified" needs its reason).
 */
function isEmptyInput(fields: FieldSpec[], input: Record<string, unknown>): boolean {
  return fields.every((field) => {
    const value = input[field.name];
    if (field.control === "enum") return value === undefined || value === field.options[0];
    if (field.control === "boolean") return value !== true;
    if (field.control === "object")
      return value === undefined || isEmptyInput(field.fields, value as Record<string, unknown>);
    return value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
  });
}

/** A count as a table row shows it: a plain number is its "best", a range its three numbers. */
function rowOf(count: Count): Pick<FigureRow, "best" | "low" | "high"> {
  if (typeof count === "number") return { best: String(count), low: "", high: "" };
  const shown = (n: number | undefined) => (n === undefined ? "" : String(n));
  return {
    best: shown(count.best) || (count.text ?? ""),
    low: shown(count.low),
    high: shown(count.high),
  };
}

/**
 * A row's count: the number alone when only it is given, else low/best/high; what is not a number
 * is sent as typed (words go in `text`), so the schema says what is wrong with it.
 */
function countOf(row: FigureRow): unknown {
  const [best, low, high] = [row.best.trim(), row.low.trim(), row.high.trim()];
  const isNumber = (text: string) => text !== "" && Number.isFinite(Number(text));
  if (low === "" && high === "" && isNumber(best)) return Number(best);
  const count: Record<string, unknown> = {};
  if (best !== "") {
    if (isNumber(best)) count.best = Number(best);
    else count.text = best;
  }
  if (low !== "") count.low = numberOrText(low);
  if (high !== "") count.high = numberOrText(high);
  return count;
}

const isEmptyRow = (row: FigureRow) => !row.best.trim() && !row.low.trim() && !row.high.trim();

/** Figures by category and side from the table's rows; empty rows are left out. */
export function figuresOf(rows: readonly FigureRow[]): Record<string, Record<string, unknown>> {
  const figures: Record<string, Record<string, unknown>> = {};
  for (const row of rows) {
    if (isEmptyRow(row)) continue;
    figures[row.category] = { ...figures[row.category], [row.side]: countOf(row) };
  }
  return figures;
}

/** Totals for all sides together, one count per category. */
function totalsOf(rows: readonly FigureRow[]): Record<string, unknown> {
  return Object.fromEntries(
    rows.filter((row) => !isEmptyRow(row)).map((row) => [row.category, countOf(row)]),
  );
}

/**
 * The record the API takes, from the form's values. Empty optional fields are left out; empty
 * required ones are sent empty so the schema names them. JSON fields that do not parse are reported
 * in `issues` under their own key.
 */
export function toRecordInput(
  fields: FieldSpec[],
  values: FormValues,
): { input: Record<string, unknown>; issues: Record<string, string> } {
  const input: Record<string, unknown> = {};
  const issues: Record<string, string> = {};
  for (const field of fields) {
    const name = field.name;
    const raw = text(values, name);
    switch (field.control) {
      case "text":
      case "enum":
      case "id":
        if (raw !== "" || !field.isOptional) input[name] = raw;
        break;
      case "number":
        if (raw !== "" || !field.isOptional) input[name] = raw === "" ? raw : numberOrText(raw);
        break;
      case "boolean":
        input[name] = values[name] === true;
        break;
      case "ids":
      case "enums": {
        const value = values[name];
        input[name] = Array.isArray(value) ? value : raw.split(/[\s,]+/).filter(Boolean);
        break;
      }
      case "strings":
        input[name] = raw
          .split("\n")
          .map((line) => line.trim())
          .filter(Boolean);
        break;
      case "date": {
        const value = text(values, `${name}.value`);
        const end = text(values, `${name}.end`);
        if (value === "" && field.isOptional) break;
        input[name] = {
          value,
          precision: text(values, `${name}.precision`),
          ...(end ? { end } : {}),
        };
        break;
      }
      case "place": {
        const placeName = text(values, `${name}.name`);
        if (placeName === "" && field.isOptional) break;
        const lat = text(values, `${name}.lat`);
        const lon = text(values, `${name}.lon`);
        // What a known place brings beside its name (its country, admin areas, gazetteer record)
        // is sent only when it holds something: a typed place has none of it.
        const known = Object.fromEntries(
          PLACE_EXTRAS.map((k) => [k, text(values, `${name}.${k}`)]).filter(([, v]) => v !== ""),
        );
        input[name] = {
          name: placeName,
          precision: text(values, `${name}.precision`),
          ...(lat ? { lat: numberOrText(lat) } : {}),
          ...(lon ? { lon: numberOrText(lon) } : {}),
          ...known,
        };
        break;
      }
      case "figures":
      case "counts": {
        const rows = Array.isArray(values[name]) ? (values[name] as FigureRow[]) : [];
        const built = field.control === "figures" ? figuresOf(rows) : totalsOf(rows);
        if (Object.keys(built).length > 0 || !field.isOptional) input[name] = built;
        break;
      }
      case "object": {
        const sub = toRecordInput(field.fields, subValues(values[name]));
        Object.assign(issues, prefixed(name, sub.issues));
        if (!isEmptyInput(field.fields, sub.input) || !field.isOptional) input[name] = sub.input;
        break;
      }
      case "objects": {
        const items = Array.isArray(values[name]) ? (values[name] as FormValues[]) : [];
        input[name] = items.map((item, index) => {
          const sub = toRecordInput(field.fields, item);
          Object.assign(issues, prefixed(`${name}.${index}`, sub.issues));
          return sub.input;
        });
        break;
      }
      case "pairs": {
        const rows = Array.isArray(values[name]) ? (values[name] as PairRow[]) : [];
        const filled = rows.filter((row) => row.key.trim() !== "" || row.value.trim() !== "");
        if (filled.length === 0 && field.isOptional) break;
        input[name] = Object.fromEntries(
          filled.map((row) => [
            row.key.trim(),
            field.isNumber ? numberOrText(row.value.trim()) : row.value.trim(),
          ]),
        );
        break;
      }
      case "geometry":
      case "json":
        if (raw === "") break;
        try {
          input[name] = JSON.parse(raw);
        } catch {
          issues[name] = "not valid JSON";
        }
        break;
    }
  }
  return { input, issues };
}

/** The form's values for a record being edited (or the defaults for a new one). */
export function toFormValues(
  fields: FieldSpec[],
  record: Record<string, unknown> = {},
): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = record[field.name];
    switch (field.control) {
      case "date": {
        const date = (value ?? {}) as Partial<FuzzyDate>;
        values[`${field.name}.value`] = date.value ?? "";
        values[`${field.name}.precision`] = date.precision ?? "day";
        values[`${field.name}.end`] = date.end ?? "";
        break;
      }
      case "place": {
        const place = (value ?? {}) as Record<string, unknown>;
        values[`${field.name}.name`] = String(place.name ?? "");
        values[`${field.name}.precision`] = String(place.precision ?? "settlement");
        values[`${field.name}.lat`] = place.lat === undefined ? "" : String(place.lat);
        values[`${field.name}.lon`] = place.lon === undefined ? "" : String(place.lon);
        for (const key of PLACE_EXTRAS) values[`${field.name}.${key}`] = String(place[key] ?? "");
        break;
      }
      case "boolean":
        values[field.name] = value === true;
        break;
      case "ids":
      case "enums":
        values[field.name] = Array.isArray(value) ? value.map(String) : [];
        break;
      case "strings":
        values[field.name] = Array.isArray(value) ? value.join("\n") : "";
        break;
      case "figures":
        values[field.name] = Object.entries(
          (value ?? {}) as Record<string, Record<string, Count>>,
        ).flatMap(([category, perSide]) =>
          Object.entries(perSide ?? {}).map(([side, count]) => ({
            category,
            side,
            ...rowOf(count),
          })),
        );
        break;
      case "counts":
        values[field.name] = Object.entries((value ?? {}) as Record<string, Count>).map(
          ([category, count]) => ({ category, side: "", ...rowOf(count) }),
        );
        break;
      case "object":
        values[field.name] = toFormValues(field.fields, (value ?? {}) as Record<string, unknown>);
        break;
      case "objects":
        values[field.name] = Array.isArray(value)
          ? value.map((item) => toFormValues(field.fields, item as Record<string, unknown>))
          : [];
        break;
      case "pairs":
        values[field.name] = Object.entries((value ?? {}) as Record<string, unknown>).map(
          ([key, v]) => ({ key, value: String(v) }),
        );
        break;
      case "geometry":
      case "json":
        values[field.name] = value === undefined ? "" : JSON.stringify(value, null, 2);
        break;
      case "number":
        // A count given as a range shows as its JSON; the number box then reports it as not a number.
        values[field.name] =
          value === undefined
            ? ""
            : typeof value === "number"
              ? String(value)
              : JSON.stringify(value);
        break;
      case "enum":
        // A required choice starts on its first option: a select cannot show "nothing chosen"
        // without an empty option, and what it shows must be what is sent.
        values[field.name] =
          value === undefined ? (field.isOptional ? "" : (field.options[0] ?? "")) : String(value);
        break;
      default:
        values[field.name] = value === undefined ? "" : String(value);
    }
  }
  return values;
}

/**
 * The form key an issue path belongs to: the control itself, a date's value or a place's name
 * when the issue is about the whole object, else the nearest enclosing field (a JSON field's inside).
 */
export function issueKey(path: string, keys: readonly string[]): string {
  if (keys.includes(path)) return path;
  for (const sub of ["value", "name"]) if (keys.includes(`${path}.${sub}`)) return `${path}.${sub}`;
  const parts = path.split(".");
  for (let i = parts.length - 1; i > 0; i--) {
    const prefix = parts.slice(0, i).join(".");
    if (keys.includes(prefix)) return prefix;
  }
  return "";
}
