import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { INCIDENT_KINDS } from "../../../src/domain/kinds/incident.schema.ts";
import { PLACE_PRECISIONS } from "../../../src/domain/place.ts";
import { CANDIDATE_KINDS, type Candidate } from "../../../src/extract/index.ts";
import { ApiError, createRecord } from "../api.ts";
import {
  claimBody,
  type Draft,
  draftOf,
  hasClaim,
  incidentBody,
  otherBody,
} from "../candidate-records.ts";
import { valueLabel } from "../format.ts";
import { Link } from "../router.tsx";
import { useMayCreate } from "../session.tsx";
import { IncidentChoice, useNearbyIncidents } from "./nearby-incidents.tsx";
import { FiguresTable } from "./pickers/figures-table.tsx";
import { PlaceNamePicker } from "./pickers/place-name-picker.tsx";
import { RecordPicker } from "./pickers/record-picker.tsx";
import { RecordsPicker } from "./pickers/records-picker.tsx";

/** A record made from the card; `incident` is the incident page that shows it. */
type Recorded = { type: Draft["kind"]; id: string; incident?: string };

type Issue = { path: string; message: string; field: string | undefined };

/** Which of the card's inputs a field of the record the server refused stands for. */
function fieldFor(path: string): string | undefined {
  const [head, second] = path.split(".");
  switch (head) {
    case "title":
      return "title";
    case "kind":
      return "incident_kind";
    case "date":
      return second === "end" ? "date_end" : "date";
    case "due":
      return "due";
    case "place":
      return second === "lat" ? "lat" : second === "lon" ? "lon" : "place";
    case "actors":
    case "participants":
    case "owners":
    case "signatories":
    case "transfers":
      return "actors";
    case "claimant":
    case "reported_by":
      return "reported_by";
    case "blamed":
      return "blamed";
    case "figures":
      return "figures";
    case "statement":
    case "summary":
    case "notes":
    case "outcome":
      return "statement";
    default:
      return undefined;
  }
}

const usesIncident = (kind: string) => kind === "incident" || kind === "claim";

/**
 * One candidate record, editable, with the action that makes it records: an incident or claim
 * becomes a new incident (and the claim about it) or a claim attached to an incident nearby; any
 * other kind becomes that record. The source is recorded first, once, and linked from each.
 */
export function CandidateCard(props: {
  candidate: Candidate;
  index: number;
  published: string;
  isSelected: boolean;
  onSelect: () => void;
  /** Records the report's source (once) and gives its id; throws when the source is refused. */
  ensureSource: () => Promise<string>;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.candidate));
  const [choice, setChoice] = useState<string | undefined>();
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);
  const [incidentId, setIncidentId] = useState<string | undefined>();
  const [recorded, setRecorded] = useState<Recorded[] | undefined>();
  const may = {
    source: useMayCreate("source"),
    incident: useMayCreate("incident"),
    claim: useMayCreate("claim"),
    meeting: useMayCreate("meeting"),
    commitment: useMayCreate("commitment"),
    exchange: useMayCreate("exchange"),
    document: useMayCreate("document"),
  };
  const isIncidentLike = usesIncident(draft.kind);
  const nearby = useNearbyIncidents(draft, isIncidentLike);
  // Attaching to the closest incident is the default when there is one: one event, one incident.
  const target = choice ?? nearby?.[0]?.id ?? "new";
  const isNew = target === "new";
  const mayAccept =
    may.source &&
    (isIncidentLike
      ? may.claim && (!isNew || may.incident)
      : may[draft.kind as keyof typeof may] === true);

  const id = (name: string) => `c${props.index}-${name.replace(".", "-")}`;
  // Functional updates: a picker reports its text and its choice in one event.
  const set = (name: keyof Draft) => (value: string | string[]) =>
    setDraft((current) => ({ ...current, [name]: value }));

  async function accept() {
    setBusy(true);
    setIssues([]);
    const done: Recorded[] = [];
    try {
      const sourceId = await props.ensureSource();
      if (isIncidentLike) {
        let about = target;
        if (isNew) {
          // An incident made on an earlier try whose claim was refused is not made twice.
          about = incidentId ?? (await createRecord("incidents", incidentBody(draft, sourceId))).id;
          setIncidentId(about);
          done.push({ type: "incident", id: about, incident: about });
        }
        if (!isNew || draft.kind === "claim" || hasClaim(draft)) {
          const claim = await createRecord(
            "claims",
            claimBody(draft, about, sourceId, props.published),
          );
          done.push({ type: "claim", id: claim.id, incident: about });
        }
      } else {
        const { path, body } = otherBody(draft, sourceId, props.published);
        const record = await createRecord(path, body);
        done.push({ type: draft.kind, id: record.id });
      }
      setRecorded(done);
      await queryClient.invalidateQueries();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const found = error.problem.issues?.length
        ? error.problem.issues
        : [{ path: "", message: error.message }];
      setIssues(found.map((i) => ({ ...i, field: fieldFor(i.path) })));
    } finally {
      setBusy(false);
    }
  }

  const errorOf = (name: string) => issues.find((i) => i.field === name);
  const unplaced = issues.filter((i) => i.field === undefined);
  const field = (name: string, label: string, control: (props: object) => ReactNode) => {
    const issue = errorOf(name);
    const described = issue ? { "aria-invalid": true, "aria-describedby": `${id(name)}-e` } : {};
    return (
      <div className={`field${issue ? " invalid" : ""}`}>
        <label htmlFor={id(name)}>{label}</label>
        {control({ id: id(name), ...described })}
        {issue ? (
          <p className="field-error" id={`${id(name)}-e`}>
            {issue.message}
          </p>
        ) : null}
      </div>
    );
  };
  /** A picker, which names its own control, with the issue of the field it fills. */
  const picked = (name: string, control: ReactNode) => {
    const issue = errorOf(name);
    return (
      <div className={`field${issue ? " invalid" : ""}`}>
        {control}
        {issue ? (
          <p className="field-error" id={`${id(name)}-e`}>
            {issue.message}
          </p>
        ) : null}
      </div>
    );
  };
  const text = (name: keyof Draft, label: string, extra: object = {}) =>
    field(name, label, (attrs) => (
      <input
        {...attrs}
        {...extra}
        value={draft[name] as string}
        onChange={(e) => set(name)(e.target.value)}
      />
    ));
  const select = (name: keyof Draft, label: string, options: readonly string[]) =>
    field(name, label, (attrs) => (
      <select {...attrs} value={draft[name] as string} onChange={(e) => set(name)(e.target.value)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {valueLabel(t)(o)}
          </option>
        ))}
      </select>
    ));

  const heading = `${t("sources.candidate", { n: props.index + 1 })}: ${t(`sources.kinds.${draft.kind}`)}`;
  return (
    <article
      className={`candidate${props.isSelected ? " selected" : ""}`}
      aria-labelledby={id("title-h")}
      onFocus={props.onSelect}
    >
      <header>
        <h3 id={id("title-h")}>{heading}</h3>
        <button type="button" aria-pressed={props.isSelected} onClick={props.onSelect}>
          {t("sources.showInText")}
        </button>
      </header>
      {recorded ? (
        <p className="recorded" role="status">
          {t("sources.recorded")}{" "}
          {recorded.map((r, i) => (
            <span key={r.id}>
              {i > 0 ? ", " : ""}
              {r.incident ? (
                <Link to={`/incidents?id=${encodeURIComponent(r.incident)}`}>
                  {t(`sources.kinds.${r.type}`)} {r.id}
                </Link>
              ) : (
                `${t(`sources.kinds.${r.type}`)} ${r.id}`
              )}
            </span>
          ))}
        </p>
      ) : (
        <>
          {unplaced.length > 0 ? (
            <ul className="field-error" role="alert">
              {unplaced.map((i) => (
                <li key={`${i.path}-${i.message}`}>
                  {i.path ? `${i.path}: ` : ""}
                  {i.message}
                </li>
              ))}
            </ul>
          ) : issues.length > 0 ? (
            <p className="field-error" role="alert">
              {t("sources.fixFields")}
            </p>
          ) : null}
          <div className="candidate-fields">
            {select("kind", t("common.kind"), CANDIDATE_KINDS)}
            {draft.kind !== "commitment" && draft.kind !== "exchange"
              ? text("title", t("incidents.titleField"))
              : null}
            {isIncidentLike
              ? select("incident_kind", t("sources.incidentKind"), INCIDENT_KINDS)
              : null}
            {draft.kind === "commitment"
              ? text("due", t("sources.due"), { placeholder: "2021-12-31" })
              : text("date", t("common.date"), { placeholder: "2021-11-16" })}
            {draft.kind !== "commitment"
              ? select("precision", t("incidents.precision"), ["day", "month", "year", "range"])
              : null}
            {draft.precision === "range" ? text("date_end", t("incidents.dateEnd")) : null}
            {draft.kind !== "commitment"
              ? picked(
                  "place",
                  <PlaceNamePicker
                    id={id("place")}
                    label={t("common.place")}
                    value={draft.place}
                    onType={set("place")}
                    onChoose={(place) =>
                      setDraft((current) => ({
                        ...current,
                        place: place.name,
                        place_precision: place.precision ?? current.place_precision,
                        lat: place.lat === undefined ? "" : String(place.lat),
                        lon: place.lon === undefined ? "" : String(place.lon),
                      }))
                    }
                    errorId={errorOf("place") ? `${id("place")}-e` : undefined}
                  />,
                )
              : null}
            {draft.kind !== "commitment" ? (
              <>
                {text("lat", t("incidents.latitude"), { inputMode: "decimal" })}
                {text("lon", t("incidents.longitude"), { inputMode: "decimal" })}
                {select("place_precision", t("incidents.placePrecision"), PLACE_PRECISIONS)}
              </>
            ) : null}
            {picked(
              "actors",
              <RecordsPicker
                id={id("actors")}
                label={t("sources.actors")}
                types={["actor"]}
                value={draft.actors}
                onChange={set("actors")}
                errorId={errorOf("actors") ? `${id("actors")}-e` : undefined}
              />,
            )}
            {isIncidentLike || draft.kind === "exchange"
              ? picked(
                  "reported_by",
                  <RecordPicker
                    id={id("reported_by")}
                    label={t("sources.reportedBy")}
                    types={["actor"]}
                    value={draft.reported_by}
                    onChange={set("reported_by")}
                    errorId={errorOf("reported_by") ? `${id("reported_by")}-e` : undefined}
                  />,
                )
              : null}
            {isIncidentLike
              ? picked(
                  "blamed",
                  <RecordsPicker
                    id={id("blamed")}
                    label={t("incidents.blamed")}
                    types={["actor"]}
                    value={draft.blamed}
                    onChange={set("blamed")}
                    errorId={errorOf("blamed") ? `${id("blamed")}-e` : undefined}
                  />,
                )
              : null}
            {isIncidentLike ? (
              <div className="wide">
                {picked(
                  "figures",
                  <FiguresTable
                    id={id("figures")}
                    caption={t("fields.figures")}
                    rows={draft.figures}
                    onChange={(figures) => setDraft((current) => ({ ...current, figures }))}
                    hasSide
                  />,
                )}
              </div>
            ) : null}
            <div className="wide">
              {field("statement", t("sources.statement"), (attrs) => (
                <textarea
                  {...attrs}
                  rows={3}
                  value={draft.statement}
                  onChange={(e) => set("statement")(e.target.value)}
                />
              ))}
            </div>
          </div>
          {isIncidentLike && nearby !== undefined ? (
            <IncidentChoice
              name={id("target")}
              nearby={nearby}
              value={target}
              onChange={setChoice}
            />
          ) : null}
          {mayAccept ? (
            <button type="button" className="primary" disabled={busy} onClick={() => void accept()}>
              {isIncidentLike
                ? isNew
                  ? t("sources.acceptNew")
                  : t("sources.acceptAttach")
                : t("sources.accept", { kind: t(`sources.kinds.${draft.kind}`) })}
            </button>
          ) : null}
        </>
      )}
    </article>
  );
}
