import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { DomainError } from "../../../src/domain/errors.ts";
import { INCIDENT_KINDS } from "../../../src/domain/kinds/incident.schema.ts";
import { kindByType } from "../../../src/domain/kinds/index.ts";
import { PLACE_PRECISIONS } from "../../../src/domain/place.ts";
import { parseRecordInput } from "../../../src/domain/record-input.ts";
import { ApiError, getJson, PROCESS } from "../api.ts";

type Issues = Record<string, string>;

/** Turns the form's strings into the record the API takes; numbers stay strings when not numbers, so the schema can say so. */
function toInput(form: FormData): Record<string, unknown> {
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
    date: { value: text("date"), precision: text("precision") },
    place: {
      name: text("place"),
      precision: text("place_precision"),
      ...(number("lat") !== undefined ? { lat: number("lat") } : {}),
      ...(number("lon") !== undefined ? { lon: number("lon") } : {}),
    },
    ...(text("description") ? { description: text("description") } : {}),
  };
}

/**
 * A form to record an incident, checked with the same zod schema the server uses: errors show next
 * to their field before anything is sent, and any the server finds show the same way.
 */
export function IncidentForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [issues, setIssues] = useState<Issues>({});
  const [busy, setBusy] = useState(false);
  const kind = kindByType("incident");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!kind) return;
    const input = toInput(new FormData(event.currentTarget));
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
      const created = await getJson<{ id: string }>(`/api/processes/${PROCESS}/incidents`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(input),
      });
      setIssues({});
      await queryClient.invalidateQueries();
      onCreated(created.id);
    } catch (error) {
      if (error instanceof ApiError) {
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
      className="record-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={t("incidents.new")}
    >
      <h2>{t("incidents.new")}</h2>
      {issues[""] ? <p className="field-error">{issues[""]}</p> : null}
      {field(
        "title",
        t("incidents.titleField"),
        <input id="f-title" name="title" {...described("title")} />,
      )}
      {field(
        "kind",
        t("common.kind"),
        <select id="f-kind" name="kind" defaultValue="shelling" {...described("kind")}>
          {INCIDENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {k.replaceAll("_", " ")}
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
          {...described("date.value")}
        />,
      )}
      {field(
        "date.precision",
        t("incidents.precision"),
        <select
          id="f-date.precision"
          name="precision"
          defaultValue="day"
          {...described("date.precision")}
        >
          {["day", "month", "year", "time"].map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>,
      )}
      {field(
        "place.name",
        t("common.place"),
        <input id="f-place.name" name="place" {...described("place.name")} />,
      )}
      {field(
        "place.precision",
        t("incidents.placePrecision"),
        <select
          id="f-place.precision"
          name="place_precision"
          defaultValue="settlement"
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
        <input id="f-place.lat" name="lat" inputMode="decimal" {...described("place.lat")} />,
      )}
      {field(
        "place.lon",
        t("incidents.longitude"),
        <input id="f-place.lon" name="lon" inputMode="decimal" {...described("place.lon")} />,
      )}
      {field(
        "description",
        t("incidents.description"),
        <textarea id="f-description" name="description" rows={3} {...described("description")} />,
      )}
      <button type="submit" disabled={busy}>
        {t("incidents.save")}
      </button>
    </form>
  );
}
