import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { INCIDENT_KINDS } from "../../../../src/domain/kinds/incident.schema.ts";
import type { Place } from "../../../../src/domain/place.ts";
import type { ApiRecord } from "../../api.ts";
import {
  FIELD_REPORT_KINDS,
  FIGURE_CATEGORIES,
  type FieldReport,
  type FieldReportKind,
  placeFromPosition,
} from "../../offline/field-requests.ts";
import type { OutboxItem, OutboxPhoto } from "../../offline/outbox.ts";
import { hasLocation, preparePhoto } from "../../offline/photo.ts";
import { useFieldList } from "./use-field-lists.ts";

const REPORTER_KEY = "truce.field.reporter";

/** A photo chosen but not yet prepared: prepared on saving, as the reporter chose about its location. */
type ChosenPhoto = { file: File; url: string; hasLocation: boolean; keepLocation: boolean };

/** Now, as a datetime-local input's value ("2026-11-30T06:15"). */
function localNow(date = new Date()): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** Now as ISO 8601 with the device's offset: when the report was made. */
export function reportedNow(date = new Date()): { at: string; offset: number } {
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  const pad = (n: number) => String(Math.abs(n)).padStart(2, "0");
  return {
    at: `${localNow(date)}:${pad(date.getSeconds())}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`,
    offset,
  };
}

function emptyReport(kind: FieldReportKind): FieldReport {
  const { at, offset } = reportedNow();
  let reporter = "";
  try {
    reporter = localStorage.getItem(REPORTER_KEY) ?? "";
  } catch {
    // No storage: the reporter picks each time.
  }
  return {
    kind,
    reported_at: at,
    offset_minutes: offset,
    when: { local: localNow(), precision: "time" },
    reporter,
    title: "",
    incident_kind: "ceasefire_violation",
    text: "",
    figures: [],
    blamed: [],
    visibility: "members",
  };
}

const nameOf = (record: ApiRecord) => String(record.name ?? record.id);

/**
 * The field report form for phones: what is reported, who reports, when with its precision,
 * where (the device's position with its accuracy, a named post, or a place typed), what was seen,
 * figures per side, and photos, resized on the device with their location removed unless kept.
 * Saving puts the report in the outbox, which sends it when it can.
 */
export function FieldReportForm(props: {
  /** A report from the outbox to edit, or a new one to start from. */
  editing: OutboxItem | undefined;
  start: FieldReport | undefined;
  onSave: (report: FieldReport, photos: OutboxPhoto[]) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [report, setReport] = useState<FieldReport>(
    () => props.editing?.report ?? props.start ?? emptyReport("incident"),
  );
  const [kept, setKept] = useState<OutboxPhoto[]>(() => props.editing?.photos ?? []);
  const [chosen, setChosen] = useState<ChosenPhoto[]>([]);
  const [positionState, setPositionState] = useState<"idle" | "finding" | "failed">("idle");
  const [placeMode, setPlaceMode] = useState<"position" | "post" | "typed">(
    report.post_id ? "post" : report.accuracy_m !== undefined ? "position" : "typed",
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isSaving, setSaving] = useState(false);
  const actors = useFieldList("actors");
  const posts = useFieldList("posts");
  const parties = (actors.data ?? []).filter((actor) =>
    (actor.roles as string[] | undefined)?.includes("party"),
  );
  const reporters = actors.data ?? [];

  // The previews' object URLs are let go when the form closes.
  const previews = useRef<string[]>([]);
  previews.current = chosen.map((photo) => photo.url);
  useEffect(
    () => () => {
      for (const url of previews.current) URL.revokeObjectURL(url);
    },
    [],
  );

  const set = (changes: Partial<FieldReport>) => setReport((before) => ({ ...before, ...changes }));
  const isUpdate = report.kind === "incident_update";

  const findPosition = () => {
    if (!("geolocation" in navigator)) {
      setPositionState("failed");
      return;
    }
    setPositionState("finding");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        set({
          place: placeFromPosition({
            lat: position.coords.latitude,
            lon: position.coords.longitude,
            accuracy: position.coords.accuracy,
          }),
          accuracy_m: Math.round(position.coords.accuracy),
          post_id: undefined,
        });
        setPositionState("idle");
      },
      () => setPositionState("failed"),
      { enableHighAccuracy: true, timeout: 30_000, maximumAge: 60_000 },
    );
  };

  const choosePost = (postId: string) => {
    const post = posts.data?.find((p) => p.id === postId);
    set({
      post_id: postId || undefined,
      place: post?.place as Place | undefined,
      accuracy_m: undefined,
    });
  };

  const addPhotos = async (files: FileList | null) => {
    const added: ChosenPhoto[] = [];
    for (const file of [...(files ?? [])]) {
      added.push({
        file,
        url: URL.createObjectURL(file),
        hasLocation: await hasLocation(file),
        keepLocation: false,
      });
    }
    setChosen((before) => [...before, ...added]);
  };

  const check = (): Record<string, string> => {
    const found: Record<string, string> = {};
    if (!isUpdate && !report.reporter) found.reporter = t("field.required");
    if (report.kind === "incident" && !report.title.trim()) found.title = t("field.required");
    if (report.kind === "incident" && !report.place) found.place = t("field.placeRequired");
    if (report.kind === "observation" && !report.post_id) found.place = t("field.postRequired");
    if (report.kind !== "incident" && report.kind !== "violation_count" && !report.text.trim())
      found.text = t("field.required");
    if (
      report.kind === "violation_count" &&
      report.violations === undefined &&
      report.explosions === undefined
    )
      found.violations = t("field.countRequired");
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      const first = Object.keys(found)[0];
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setSaving(true);
    try {
      const prepared = await Promise.all(
        chosen.map((photo) => preparePhoto(photo.file, photo.keepLocation)),
      );
      try {
        if (report.reporter) localStorage.setItem(REPORTER_KEY, report.reporter);
      } catch {
        // Not remembered: picked again next time.
      }
      await props.onSave(report, [...kept, ...prepared]);
    } finally {
      setSaving(false);
    }
  };

  const fieldId = (name: string) => `${id}-${name}`;
  const errorOf = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`${fieldId(name)}-error`}>
        {errors[name]}
      </p>
    ) : null;
  const described = (name: string) =>
    errors[name] ? { "aria-invalid": true, "aria-describedby": `${fieldId(name)}-error` } : {};

  return (
    <form className="field-form" onSubmit={(event) => void submit(event)} noValidate>
      {isUpdate ? (
        <p className="note">
          {t("field.addingTo", { title: String(report.target?.record.title ?? report.target?.id) })}
        </p>
      ) : (
        <fieldset className="field-kinds">
          <legend>{t("field.whatKind")}</legend>
          {FIELD_REPORT_KINDS.map((kind) => (
            <label key={kind} className="big-choice">
              <input
                type="radio"
                name={`${id}-kind`}
                value={kind}
                checked={report.kind === kind}
                onChange={() => set({ kind })}
              />{" "}
              {t(`field.kinds.${kind}`)}
            </label>
          ))}
        </fieldset>
      )}

      {isUpdate ? null : (
        <div className="field">
          <label htmlFor={fieldId("reporter")}>{t("field.reporter")}</label>
          <select
            id={fieldId("reporter")}
            value={report.reporter}
            onChange={(event) => set({ reporter: event.target.value })}
            {...described("reporter")}
          >
            <option value="">{t("field.choose")}</option>
            {reporters.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {nameOf(actor)}
              </option>
            ))}
          </select>
          {errorOf("reporter")}
        </div>
      )}

      {report.kind === "incident" ? (
        <>
          <div className="field">
            <label htmlFor={fieldId("title")}>{t("field.incidentTitle")}</label>
            <input
              id={fieldId("title")}
              value={report.title}
              onChange={(event) => set({ title: event.target.value })}
              {...described("title")}
            />
            {errorOf("title")}
          </div>
          <div className="field">
            <label htmlFor={fieldId("incident-kind")}>{t("field.incidentKind")}</label>
            <select
              id={fieldId("incident-kind")}
              value={report.incident_kind}
              onChange={(event) => set({ incident_kind: event.target.value })}
            >
              {INCIDENT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`values.${kind}`, { defaultValue: kind.replaceAll("_", " ") })}
                </option>
              ))}
            </select>
          </div>
        </>
      ) : null}

      {isUpdate ? null : (
        <fieldset className="field-when">
          <legend>{t("field.when")}</legend>
          <div className="field">
            <label htmlFor={fieldId("when")}>{t("field.dateTime")}</label>
            <input
              id={fieldId("when")}
              type="datetime-local"
              value={report.when.local}
              onChange={(event) => set({ when: { ...report.when, local: event.target.value } })}
            />
          </div>
          <div className="field">
            <label htmlFor={fieldId("precision")}>{t("field.precision")}</label>
            <select
              id={fieldId("precision")}
              value={report.when.precision}
              onChange={(event) =>
                set({
                  when: {
                    ...report.when,
                    precision: event.target.value as FieldReport["when"]["precision"],
                  },
                })
              }
            >
              {(["time", "day", "month", "year"] as const).map((precision) => (
                <option key={precision} value={precision}>
                  {t(`field.precisions.${precision}`)}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
      )}

      {isUpdate ? null : (
        <fieldset className="field-where">
          <legend>{t("field.where")}</legend>
          <div className="segmented" role="radiogroup" aria-label={t("field.where")}>
            {(["position", "post", "typed"] as const).map((mode) => (
              <label key={mode} className="big-choice">
                <input
                  type="radio"
                  name={`${id}-where`}
                  checked={placeMode === mode}
                  onChange={() => setPlaceMode(mode)}
                />{" "}
                {t(`field.placeModes.${mode}`)}
              </label>
            ))}
          </div>
          {placeMode === "position" ? (
            <div className="field">
              <button type="button" className="big" onClick={findPosition}>
                {t("field.findPosition")}
              </button>
              <p role="status">
                {positionState === "finding"
                  ? t("field.finding")
                  : positionState === "failed"
                    ? t("field.positionFailed")
                    : report.accuracy_m !== undefined && report.place
                      ? t("field.positionFound", {
                          lat: report.place.lat ?? 0,
                          lon: report.place.lon ?? 0,
                          accuracy: report.accuracy_m,
                        })
                      : null}
              </p>
            </div>
          ) : placeMode === "post" ? (
            <div className="field">
              <label htmlFor={fieldId("place")}>{t("field.post")}</label>
              <select
                id={fieldId("place")}
                value={report.post_id ?? ""}
                onChange={(event) => choosePost(event.target.value)}
                {...described("place")}
              >
                <option value="">{t("field.choose")}</option>
                {(posts.data ?? []).map((post) => (
                  <option key={post.id} value={post.id}>
                    {nameOf(post)}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <div className="field">
              <label htmlFor={fieldId("place")}>{t("field.placeName")}</label>
              <input
                id={fieldId("place")}
                value={
                  report.accuracy_m === undefined && !report.post_id
                    ? (report.place?.name ?? "")
                    : ""
                }
                onChange={(event) =>
                  set({
                    place: event.target.value
                      ? { name: event.target.value, precision: "settlement" }
                      : undefined,
                    post_id: undefined,
                    accuracy_m: undefined,
                  })
                }
                {...described("place")}
              />
            </div>
          )}
          {errorOf("place")}
        </fieldset>
      )}

      <div className="field">
        <label htmlFor={fieldId("text")}>
          {isUpdate ? t("field.addition") : t(`field.textLabels.${report.kind}`)}
        </label>
        <textarea
          id={fieldId("text")}
          rows={5}
          value={report.text}
          onChange={(event) => set({ text: event.target.value })}
          {...described("text")}
        />
        {errorOf("text")}
      </div>

      {report.kind === "violation_count" ? (
        <div className="field-pair">
          {(["violations", "explosions"] as const).map((name) => (
            <div className="field" key={name}>
              <label htmlFor={fieldId(name)}>{t(`field.${name}`)}</label>
              <input
                id={fieldId(name)}
                type="number"
                inputMode="numeric"
                min={0}
                value={report[name] ?? ""}
                onChange={(event) =>
                  set({
                    [name]: event.target.value === "" ? undefined : Number(event.target.value),
                  })
                }
                {...described(name)}
              />
              {errorOf(name)}
            </div>
          ))}
        </div>
      ) : null}

      {report.kind === "incident" ? (
        <fieldset className="field-figures">
          <legend>{t("field.figures")}</legend>
          {report.figures.map((figure, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, never reordered
            <div className="figure-row" key={index}>
              <label>
                {t("field.category")}
                <select
                  value={figure.category}
                  onChange={(event) =>
                    set({
                      figures: report.figures.map((f, i) =>
                        i === index ? { ...f, category: event.target.value } : f,
                      ),
                    })
                  }
                >
                  {FIGURE_CATEGORIES.map((category) => (
                    <option key={category} value={category}>
                      {t(`incidents.${category}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t("field.side")}
                <select
                  value={figure.side}
                  onChange={(event) =>
                    set({
                      figures: report.figures.map((f, i) =>
                        i === index ? { ...f, side: event.target.value } : f,
                      ),
                    })
                  }
                >
                  {parties.map((party) => (
                    <option key={party.id} value={party.id}>
                      {nameOf(party)}
                    </option>
                  ))}
                  <option value="civilians">{t("field.civilians")}</option>
                  <option value="unknown">{t("field.unknownSide")}</option>
                </select>
              </label>
              <label>
                {t("field.count")}
                <input
                  type="number"
                  inputMode="numeric"
                  min={0}
                  value={figure.count}
                  onChange={(event) =>
                    set({
                      figures: report.figures.map((f, i) =>
                        i === index ? { ...f, count: Math.max(0, Number(event.target.value)) } : f,
                      ),
                    })
                  }
                />
              </label>
              <button
                type="button"
                className="big"
                onClick={() => set({ figures: report.figures.filter((_, i) => i !== index) })}
              >
                {t("field.removeFigure")}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="big"
            onClick={() =>
              set({
                figures: [
                  ...report.figures,
                  { category: "killed", side: parties[0]?.id ?? "unknown", count: 0 },
                ],
              })
            }
          >
            {t("field.addFigure")}
          </button>
        </fieldset>
      ) : null}

      {report.kind === "incident" || report.kind === "violation_count" ? (
        <fieldset className="field-blamed">
          <legend>{t("field.blamed")}</legend>
          {parties.map((party) => (
            <label key={party.id} className="big-choice">
              <input
                type="checkbox"
                checked={report.blamed.includes(party.id)}
                onChange={(event) =>
                  set({
                    blamed: event.target.checked
                      ? [...report.blamed, party.id]
                      : report.blamed.filter((b) => b !== party.id),
                  })
                }
              />{" "}
              {nameOf(party)}
            </label>
          ))}
        </fieldset>
      ) : null}

      <fieldset className="field-photos">
        <legend>{t("field.photos")}</legend>
        <label className="big file-button" htmlFor={fieldId("photos")}>
          {t("field.addPhotos")}
        </label>
        <input
          id={fieldId("photos")}
          className="visually-hidden"
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          onChange={(event) => void addPhotos(event.target.files)}
        />
        <ul className="photo-list">
          {kept.map((photo) => (
            <li key={photo.sha256}>
              <span>
                {t("field.photoReady", { kb: Math.round(photo.size / 1024) })}{" "}
                {photo.keeps_location ? t("field.keepsLocation") : t("field.noLocation")}
              </span>
              <button
                type="button"
                className="big"
                onClick={() => setKept(kept.filter((p) => p.sha256 !== photo.sha256))}
              >
                {t("field.removePhoto")}
              </button>
            </li>
          ))}
          {chosen.map((photo, index) => (
            <li key={photo.url}>
              <img src={photo.url} alt={t("field.photoAlt", { n: kept.length + index + 1 })} />
              {photo.hasLocation ? (
                <label className="big-choice">
                  <input
                    type="checkbox"
                    checked={photo.keepLocation}
                    onChange={(event) =>
                      setChosen(
                        chosen.map((p) =>
                          p.url === photo.url ? { ...p, keepLocation: event.target.checked } : p,
                        ),
                      )
                    }
                  />{" "}
                  {t("field.keepLocation")}
                </label>
              ) : (
                <span>{t("field.noLocation")}</span>
              )}
              <button
                type="button"
                className="big"
                onClick={() => setChosen(chosen.filter((p) => p.url !== photo.url))}
              >
                {t("field.removePhoto")}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>

      {isUpdate ? null : (
        <div className="field">
          <label htmlFor={fieldId("visibility")}>{t("field.visibility")}</label>
          <select
            id={fieldId("visibility")}
            value={report.visibility}
            onChange={(event) =>
              set({ visibility: event.target.value as FieldReport["visibility"] })
            }
          >
            <option value="members">{t("field.visibilities.members")}</option>
            <option value="public">{t("field.visibilities.public")}</option>
          </select>
        </div>
      )}

      <div className="field-actions">
        <button type="submit" className="primary big" disabled={isSaving}>
          {props.editing ? t("field.saveChanges") : t("field.save")}
        </button>
        <button type="button" className="big" onClick={props.onCancel}>
          {t("field.cancel")}
        </button>
      </div>
    </form>
  );
}
