import { type ReactElement, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { KindDefinition } from "../../../src/domain/kind.ts";
import { KINDS, kindByPath } from "../../../src/domain/kinds/index.ts";
import { kindPagePath } from "../../../src/domain/web-routes.ts";
import { capitalized } from "../../../src/domain/words.ts";
import type { FuzzyDate } from "../api.ts";
import { ActorName } from "../components/actors.tsx";
import { useLabels } from "../components/field-label.ts";
import { RecordEditor } from "../components/record-editor.tsx";
import { type FieldSpec, fieldsOf } from "../components/schema-fields.ts";
import { formatCount, formatDate, placeName, valueLabel } from "../format.ts";
import { pluginOf } from "../kinds/plugins.ts";
import { Link } from "../router.tsx";
import { type Column, RecordList } from "./record-list.tsx";

/** Long text is cut in a list; the record's form shows it whole. */
const clip = (text: string) => (text.length > 160 ? `${text.slice(0, 157)}…` : text);

/**
 * One column of a kind's list, shown as its schema says: a date with its precision, actors by
 * name, a coded value in the reader's language, a place by name, a count, or text.
 */
function columnOf(field: FieldSpec, header: string, code: (value: unknown) => string): Column {
  const { name } = field;
  const ids = (value: unknown) =>
    (Array.isArray(value) ? value : value === undefined ? [] : [value]) as string[];
  switch (field.control) {
    case "date":
      return { header, cell: (r, language) => formatDate(r[name] as FuzzyDate, language) };
    case "place":
      return {
        header,
        cell: (r, language) => placeName(r[name] as Parameters<typeof placeName>[0], language),
      };
    case "enum":
    case "enums":
      return { header, cell: (r) => ids(r[name]).map(code).join(", ") };
    case "number":
      return {
        header,
        cell: (r, language) => (r[name] === undefined ? "" : formatCount(r[name], language)),
      };
    case "id":
    case "ids":
      if (field.refersTo.length === 1 && field.refersTo[0] === "actor") {
        return {
          header,
          cell: (r) =>
            ids(r[name]).map((id, i) => (
              <span key={id}>
                {i ? ", " : ""}
                <ActorName id={id} />
              </span>
            )),
        };
      }
      return { header, cell: (r) => ids(r[name]).join(", ") };
    case "text":
    case "strings":
      return { header, cell: (r) => clip(ids(r[name]).join(", ")) };
    default:
      return {
        header,
        cell: (r) => {
          const value = r[name];
          if (value === undefined || value === null) return "";
          // A judgement or a nested status reads by its status.
          const status = (value as { status?: unknown }).status;
          return typeof status === "string" ? code(status) : clip(JSON.stringify(value));
        },
      };
  }
}

/** The list of any kind, with the columns its definition names and its form to add one. */
export function KindPage({ kind }: { kind: KindDefinition }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const code = valueLabel(t);
  const columns = useMemo(() => {
    const fields = new Map(fieldsOf(kind).map((field) => [field.name, field]));
    return [
      ...kind.list.columns.flatMap((name) => {
        const field = fields.get(name);
        return field ? [columnOf(field, labels.field(name), code)] : [];
      }),
      ...(pluginOf(kind.type)?.columns?.(t) ?? []),
    ];
  }, [kind, labels, code, t]);
  const Summary = pluginOf(kind.type)?.Summary;
  return (
    <div>
      <RecordList
        title={capitalized(labels.kinds(kind))}
        kind={kind.path}
        columns={columns}
        intro={
          <>
            <p className="muted">{kind.title}</p>
            {Summary ? <Summary /> : null}
          </>
        }
        isEditable
      />
      <RecordEditor types={[kind.type]} />
    </div>
  );
}

/** Every kind of record the process can hold, each linking to its list. */
export function RecordsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <div>
      <h1>{t("nav.records", { defaultValue: "All records" })}</h1>
      <ul className="kind-index">
        {KINDS.map((kind) => (
          <li key={kind.type}>
            <Link to={kindPagePath(kind)}>{capitalized(labels.kinds(kind))}</Link>
            <span className="muted"> — {kind.title}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The page for a path under /records/, or undefined when no kind has that path. */
export function kindPageFor(path: string): (() => ReactElement) | undefined {
  const match = /^\/records\/([a-z-]+)$/.exec(path);
  const kind = match?.[1] ? kindByPath(match[1]) : undefined;
  if (!kind) return undefined;
  return () => <KindPage kind={kind} />;
}
