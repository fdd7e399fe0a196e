import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, lazy, type ReactNode, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldIssues } from "../../../src/domain/errors.ts";
import { type Process, ProcessSchema } from "../../../src/domain/process.schema.ts";
import { ApiError, getJson } from "../api.ts";
import { PROCESSES_KEY } from "../process.tsx";
import { useFocusFirstError } from "./focus-first-error.ts";
import { Failure, Loading } from "./status.tsx";

// MapLibre loads only if the region is chosen on a map.
const BboxMap = lazy(() => import("./bbox-map.tsx").then((m) => ({ default: m.BboxMap })));

type Values = Record<string, string>;
type Issues = Record<string, string>;
type Bbox = [number, number, number, number];

/** `GET /api/processes/{slug}`: the fields, and the version an edit names in If-Match. */
type Stored = Process & { version: number };

const SIDES = ["west", "south", "east", "north"] as const;
const KEYS = ["slug", "name", "description", "languages", "countries", "bbox"];

function valuesOf(process: Partial<Process> | undefined): Values {
  return {
    slug: process?.slug ?? "",
    name: process?.name ?? "",
    description: process?.description ?? "",
    languages: (process?.languages ?? []).join(", "),
    countries: (process?.countries ?? []).join(", "),
    ...Object.fromEntries(SIDES.map((_, i) => [`bbox.${i}`, String(process?.bbox?.[i] ?? "")])),
  };
}

/** An issue's field: "bbox.2" is its own input, "languages.1" the languages' one. */
function keyOf(path: string): string {
  if (/^bbox\.[0-3]$/.test(path)) return path;
  const field = path.split(".")[0] ?? "";
  return KEYS.includes(field) ? field : "";
}

function issuesOf(list: ReadonlyArray<{ path: string; message: string }>): Issues {
  const found: Issues = {};
  for (const issue of list) {
    const key = keyOf(issue.path);
    found[key] = found[key] ? `${found[key]}; ${issue.message}` : issue.message;
  }
  return found;
}

const words = (text: string) => text.split(/[\s,;]+/).filter((word) => word !== "");

/**
 * A process's own fields in plain words: create one, or change one (a JSON Merge Patch with
 * If-Match, so a change made meanwhile is not overwritten). Checked with the domain's schema before
 * anything is sent; its errors and the server's show next to their fields.
 */
export function ProcessForm(props: {
  /** The slug of the process to change; a new one otherwise. */
  editing?: string;
  onSaved: (process: Process) => void;
  onCancel: () => void;
}) {
  const [attempt, setAttempt] = useState(0);
  const stored = useQuery({
    queryKey: ["processes", props.editing, "fields", attempt],
    queryFn: () => getJson<Stored>(`/api/processes/${encodeURIComponent(props.editing ?? "")}`),
    enabled: props.editing !== undefined,
    staleTime: 0,
  });
  if (props.editing === undefined) return <Fields {...props} />;
  if (stored.isPending) return <Loading />;
  if (stored.error) return <Failure error={stored.error} />;
  return (
    <Fields
      // A reload after a change made meanwhile starts again from what is stored now.
      key={`${stored.data.version}-${attempt}`}
      {...props}
      stored={stored.data}
      onReload={() => setAttempt((n) => n + 1)}
    />
  );
}

function Fields(props: {
  editing?: string;
  stored?: Stored;
  onReload?: () => void;
  onSaved: (process: Process) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(() => valuesOf(props.stored));
  const [issues, setIssues] = useState<Issues>({});
  const formRef = useFocusFirstError(issues);
  const [isStale, setIsStale] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [isMapOpen, setIsMapOpen] = useState(false);
  const isEdit = props.stored !== undefined;
  // Opened from a button: the keyboard continues in the form, at its first field to fill.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("input:not([readonly]), textarea")?.focus();
  }, [formRef]);
  const set = (key: string, value: string) =>
    setValues((current) => ({ ...current, [key]: value }));

  /** The form's fields as the schema takes them, and what is wrong before the schema looks. */
  function fieldsOf(): { fields: Record<string, unknown>; issues: Issues; bbox?: Bbox } {
    const found: Issues = {};
    const texts = SIDES.map((_, i) => (values[`bbox.${i}`] ?? "").trim());
    let bbox: Bbox | undefined;
    if (texts.some((text) => text !== "")) {
      const numbers = texts.map(Number);
      texts.forEach((text, i) => {
        if (text === "" || !Number.isFinite(numbers[i])) {
          found[`bbox.${i}`] =
            text === "" ? t("processes.bboxIncomplete") : t("processes.notANumber");
        }
      });
      if (Object.keys(found).length === 0) bbox = numbers as Bbox;
    }
    const description = (values.description ?? "").trim();
    return {
      fields: {
        slug: (values.slug ?? "").trim(),
        name: (values.name ?? "").trim(),
        ...(description ? { description } : {}),
        languages: words(values.languages ?? ""),
        countries: words(values.countries ?? "").map((code) => code.toUpperCase()),
        ...(bbox ? { bbox } : {}),
      },
      issues: found,
      ...(bbox ? { bbox } : {}),
    };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const built = fieldsOf();
    const parsed = ProcessSchema.safeParse(built.fields);
    const found = {
      ...(parsed.success ? {} : issuesOf(fieldIssues(parsed.error.issues))),
      ...built.issues,
    };
    setIssues(found);
    if (Object.keys(found).length > 0) return;
    setIsBusy(true);
    try {
      const { slug, ...changes } = built.fields;
      const saved = props.stored
        ? await getJson<Process>(`/api/processes/${encodeURIComponent(props.stored.slug)}`, {
            method: "PATCH",
            headers: {
              "content-type": "application/json",
              "if-match": `"${props.stored.version}"`,
            },
            // A merge patch: what the form left empty is removed (null), the rest replaced.
            body: JSON.stringify({
              description: null,
              bbox: null,
              ...changes,
            }),
          })
        : await getJson<Process>("/api/processes", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ slug, ...changes }),
          });
      await queryClient.invalidateQueries({ queryKey: PROCESSES_KEY });
      props.onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setIsStale(true);
      else if (error instanceof ApiError)
        setIssues(issuesOf(error.problem.issues ?? [{ path: "", message: error.message }]));
      else throw error;
    } finally {
      setIsBusy(false);
    }
  }

  const described = (key: string) =>
    issues[key] ? { "aria-invalid": true as const, "aria-describedby": `pf-e-${key}` } : {};
  const error = (key: string) =>
    issues[key] ? (
      <p className="field-error" id={`pf-e-${key}`} role="alert">
        {issues[key]}
      </p>
    ) : null;
  const field = (key: string, label: ReactNode, control: ReactNode, hint?: string) => (
    <div className={`field${issues[key] ? " invalid" : ""}`} key={key}>
      <label htmlFor={`pf-${key}`}>{label}</label>
      {control}
      {hint ? <p className="hint">{hint}</p> : null}
      {error(key)}
    </div>
  );
  const input = (key: string, extra: Record<string, unknown> = {}) => (
    <input
      id={`pf-${key}`}
      value={values[key] ?? ""}
      onChange={(event) => set(key, event.target.value)}
      {...described(key)}
      {...extra}
    />
  );
  const required = (text: string) => (
    <>
      {text}
      <span aria-hidden="true"> *</span>
    </>
  );
  const opening = fieldsOf().bbox;
  const title = props.stored
    ? t("processes.editTitle", { name: props.stored.name })
    : t("processes.createTitle");

  return (
    <form
      ref={formRef}
      className="record-form process-form"
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === "Escape") props.onCancel();
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
          <p>{t("processes.stale")}</p>
          <button type="button" onClick={() => props.onReload?.()}>
            {t("processes.reload")}
          </button>
        </div>
      ) : null}
      {field(
        "slug",
        required(t("processes.slug")),
        input("slug", isEdit ? { readOnly: true } : { autoComplete: "off", spellCheck: false }),
        t("processes.slugHint"),
      )}
      {field("name", required(t("processes.name")), input("name"))}
      <div className={`field wide${issues.description ? " invalid" : ""}`}>
        <label htmlFor="pf-description">{t("processes.description")}</label>
        <textarea
          id="pf-description"
          rows={3}
          value={values.description ?? ""}
          onChange={(event) => set("description", event.target.value)}
          {...described("description")}
        />
        {error("description")}
      </div>
      {field(
        "languages",
        t("processes.languages"),
        input("languages", { spellCheck: false }),
        t("processes.languagesHint"),
      )}
      {field(
        "countries",
        t("processes.countries"),
        input("countries", { spellCheck: false }),
        t("processes.countriesHint"),
      )}
      <fieldset className={`field bbox${issues.bbox ? " invalid" : ""}`}>
        <legend>{t("processes.bbox")}</legend>
        <p className="hint">{t("processes.bboxHint")}</p>
        <div className="bbox-sides">
          {SIDES.map((side, i) =>
            field(
              `bbox.${i}`,
              t(`processes.${side}`),
              input(`bbox.${i}`, { inputMode: "decimal" }),
            ),
          )}
        </div>
        {error("bbox")}
        {isMapOpen ? (
          <Suspense fallback={<Loading />}>
            <BboxMap
              opening={opening}
              onPick={(bbox) =>
                setValues((current) => ({
                  ...current,
                  ...Object.fromEntries(bbox.map((degrees, i) => [`bbox.${i}`, String(degrees)])),
                }))
              }
            />
          </Suspense>
        ) : (
          <button type="button" className="start" onClick={() => setIsMapOpen(true)}>
            {t("processes.chooseOnMap")}
          </button>
        )}
      </fieldset>
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
