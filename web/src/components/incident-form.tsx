import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { DomainError } from "../../../src/domain/errors.ts";
import { INCIDENT_KINDS, type Incident } from "../../../src/domain/kinds/incident.schema.ts";
import { kindByType } from "../../../src/domain/kinds/index.ts";
import { PLACE_PRECISIONS } from "../../../src/domain/place.ts";
import { parseRecordInput } from "../../../src/domain/record-input.ts";
import { ApiError, type ApiRecord, getJson, processUrl } from "../api.ts";
import { valueLabel } from "../format.ts";
import { useFocusFirstError } from "./focus-first-error.ts";
import { editedIncident } from "./incident-edit.ts";
import { type KnownPlace, PlaceNamePicker } from "./pickers/place-name-picker.tsx";
import { RecordsPicker } from "./pickers/records-picker.tsx";

const PinMap = lazy(() => import("./pickers/pin-map.tsx").then((m) => ({ default: m.PinMap })));

/** The place as the form holds it while it is edited: what a chosen known place filled in. */
type PlaceDraft = {
  name: string;
  precision: string;
  lat: string;
  lon: string;
  known: Partial<KnownPlace>;
};

type Issues = Record<string, string>;

/** Turns the form's strings into the record the API takes; numbers stay strings when not numbers, so the schema can say so. */
function toInput(
  form: FormData,
  actors: string[],
  known: Partial<KnownPlace>,
): Record<string, unknown> {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const number = (name: string) =>
    text(name) === ""
      ? undefined
      : Number.isNaN(Number(text(name)))
        ? text(name)
        : Number(text(name));
  return {
    title: text("title"),
    kind: text("kind"),
    date: {
      value: text("date"),
      precision: text("precision"),
      ...(text("date_end") ? { end: text("date_end") } : {}),
    },
    place: {
      name: text("place"),
      precision: text("place_precision"),
      ...(number("lat") !== undefined ? { lat: number("lat") } : {}),
      ...(number("lon") !== undefined ? { lon: number("lon") } : {}),
      // A known place chosen by name brings its country, admin areas and gazetteer record.
      ...(known.name === text("place")
        ? Object.fromEntries(
            (["country", "admin1", "admin2", "place_id"] as const)
              .filter((key) => known[key] !== undefined)
              .map((key) => [key, known[key]]),
          )
        : {}),
    },
    actors,
    ...(text("description") ? { description: text("description") } : {}),
  };
}

/**
 * A form to record an incident, checked with the same zod schema the server uses: errors show next
 * to their field before anything is sent, and any the server finds show the same way.
 */
export function IncidentForm(props: {
  onCreated: (id: string) => void;
  /** An incident to edit instead of a new one: its fields are the form's defaults. */
  editing?: ApiRecord;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [issues, setIssues] = useState<Issues>({});
  const formRef = useFocusFirstError(issues);
  const [isStale, setIsStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const kind = kindByType("incident");
  const editing = props.editing;
  const initial = editing as Partial<Incident> | undefined;
  const [actors, setActors] = useState<string[]>(() => initial?.actors ?? []);
  const [place, setPlace] = useState<PlaceDraft>(() => ({
    name: initial?.place?.name ?? "",
    precision: initial?.place?.precision ?? "settlement",
    lat: initial?.place?.lat === undefined ? "" : String(initial.place.lat),
    lon: initial?.place?.lon === undefined ? "" : String(initial.place.lon),
    known: {},
  }));
  const [isPinning, setIsPinning] = useState(false);
  const numberOf = (text: string) =>
    text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : undefined;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!kind) return;
    const input = toInput(new FormData(event.currentTarget), actors, place.known);
    try {
      parseRecordInput(kind, input);
    } catch (error) {
      if (error instanceof DomainError) {
        setIssues(Object.fromEntries((error.details.issues ?? []).map((i) => [i.path, i.message])));
        return;
      }
      throw error;
    }
    setBusy(true);
    try {
      // An edit sends the version it started from; someone else's change in between answers 412.
      const saved = await getJson<{ id: string }>(
        `${processUrl()}/incidents${editing ? `/${encodeURIComponent(editing.id)}` : ""}`,
        {
          method: editing ? "PUT" : "POST",
          headers: {
            "content-type": "application/json",
            ...(editing ? { "if-match": `"${editing.version}"` } : {}),
          },
          body: JSON.stringify(editing ? editedIncident(editing, input) : input),
        },
      );
      setIssues({});
      await queryClient.invalidateQueries();
      props.onCreated(saved.id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setIsStale(true);
      } else if (error instanceof ApiError) {
        setIssues(
          Object.fromEntries(
            (error.problem.issues ?? [{ path: "", message: error.message }]).map((i) => [
              i.path,
              i.message,
            ]),
          ),
        );
      } else throw error;
    } finally {
      setBusy(false);
    }
  }

  const field = (name: string, label: string, control: React.ReactNode) => (
    <div className={`field${issues[name] ? " invalid" : ""}`}>
      <label htmlFor={`f-${name}`}>{label}</label>
      {control}
      {issues[name] ? (
        <p className="field-error" id={`e-${name}`} role="alert">
          {issues[name]}
        </p>
      ) : null}
    </div>
  );
  const described = (name: string) =>
    issues[name] ? { "aria-invalid": true as const, "aria-describedby": `e-${name}` } : {};

  return (
    <form
      ref={formRef}
      className="record-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={t("incidents.new")}
    >
      <h2>{editing ? t("incidents.edit") : t("incidents.new")}</h2>
      {issues[""] ? <p className="field-error">{issues[""]}</p> : null}
      {isStale ? (
        <div className="stale" role="alert">
          <p>{t("incidents.stale")}</p>
          <button
            type="button"
            onClick={() => {
              setIsStale(false);
              void queryClient.invalidateQueries();
            }}
          >
            {t("incidents.reload")}
          </button>
        </div>
      ) : null}
      {field(
        "title",
        t("incidents.titleField"),
        <input id="f-title" name="title" defaultValue={initial?.title} {...described("title")} />,
      )}
      {field(
        "kind",
        t("common.kind"),
        <select
          id="f-kind"
          name="kind"
          defaultValue={initial?.kind ?? "shelling"}
          {...described("kind")}
        >
          {INCIDENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {valueLabel(t)(k)}
            </option>
          ))}
        </select>,
      )}
      {field(
        "date.value",
        t("common.date"),
        <input
          id="f-date.value"
          name="date"
          placeholder="2021-11-16"
          defaultValue={initial?.date?.value}
          {...described("date.value")}
        />,
      )}
      {field(
        "date.precision",
        t("incidents.precision"),
        <select
          id="f-date.precision"
          name="precision"
          defaultValue={initial?.date?.precision ?? "day"}
          {...described("date.precision")}
        >
          {["day", "month", "year", "time", "range"].map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>,
      )}
      {field(
        "date.end",
        t("incidents.dateEnd"),
        <input
          id="f-date.end"
          name="date_end"
          defaultValue={initial?.date?.end}
          {...described("date.end")}
        />,
      )}
      <div className={`field${issues.actors ? " invalid" : ""}`}>
        <RecordsPicker
          id="f-actors"
          label={t("fields.actors")}
          types={["actor"]}
          value={actors}
          onChange={setActors}
          errorId={issues.actors ? "e-actors" : undefined}
        />
        {issues.actors ? (
          <p className="field-error" id="e-actors" role="alert">
            {issues.actors}
          </p>
        ) : null}
      </div>
      <div className={`field${issues["place.name"] ? " invalid" : ""}`}>
        <PlaceNamePicker
          id="f-place.name"
          name="place"
          label={t("common.place")}
          value={place.name}
          onType={(name) => setPlace((current) => ({ ...current, name }))}
          onChoose={(known) =>
            setPlace((current) => ({
              name: known.name,
              precision: known.precision ?? current.precision,
              lat: known.lat === undefined ? "" : String(known.lat),
              lon: known.lon === undefined ? "" : String(known.lon),
              known,
            }))
          }
          errorId={issues["place.name"] ? "e-place.name" : undefined}
        />
        {issues["place.name"] ? (
          <p className="field-error" id="e-place.name" role="alert">
            {issues["place.name"]}
          </p>
        ) : null}
      </div>
      {field(
        "place.precision",
        t("incidents.placePrecision"),
        <select
          id="f-place.precision"
          name="place_precision"
          value={place.precision}
          onChange={(event) => setPlace({ ...place, precision: event.target.value })}
          {...described("place.precision")}
        >
          {PLACE_PRECISIONS.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>,
      )}
      {field(
        "place.lat",
        t("incidents.latitude"),
        <input
          id="f-place.lat"
          name="lat"
          inputMode="decimal"
          value={place.lat}
          onChange={(event) => setPlace({ ...place, lat: event.target.value })}
          {...described("place.lat")}
        />,
      )}
      {field(
        "place.lon",
        t("incidents.longitude"),
        <input
          id="f-place.lon"
          name="lon"
          inputMode="decimal"
          value={place.lon}
          onChange={(event) => setPlace({ ...place, lon: event.target.value })}
          {...described("place.lon")}
        />,
      )}
      <div className="field wide">
        <button
          type="button"
          className="secondary"
          aria-expanded={isPinning}
          onClick={() => setIsPinning(!isPinning)}
        >
          {t("forms.pinOnMap")}
        </button>
        {isPinning ? (
          <Suspense fallback={null}>
            <PinMap
              lat={numberOf(place.lat)}
              lon={numberOf(place.lon)}
              onPin={(lat, lon) =>
                setPlace((current) => ({ ...current, lat: String(lat), lon: String(lon) }))
              }
            />
          </Suspense>
        ) : null}
      </div>
      {field(
        "description",
        t("incidents.description"),
        <textarea
          id="f-description"
          name="description"
          rows={3}
          defaultValue={initial?.description}
          {...described("description")}
        />,
      )}
      <button type="submit" disabled={busy}>
        {t("incidents.save")}
      </button>
    </form>
  );
}
