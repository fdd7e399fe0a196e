import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FuzzyDate } from "../../../src/domain/fuzzy-date.ts";
import { INCIDENT_KINDS, type Incident } from "../../../src/domain/kinds/incident.schema.ts";
import type { Place } from "../../../src/domain/place.ts";
import { type ApiRecord, getJson, listRecords, processUrl } from "../api.ts";
import { ActorName } from "../components/actors.tsx";
import { ClaimCard } from "../components/claim-card.tsx";
import { DateRangeFilter } from "../components/date-range.tsx";
import { DownloadLinks } from "../components/download-links.tsx";
import { IncidentForm } from "../components/incident-form.tsx";
import { RecordEditor } from "../components/record-editor.tsx";
import { Failure, Loading } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { formatDate, placeName, valueLabel } from "../format.ts";
import { Link, setParams, useLocation } from "../router.tsx";
import { useMayCreate } from "../session.tsx";

const KINDS = INCIDENT_KINDS;

/**
 * One incident and each side's claims. `isChosen` says it was picked from the list, not opened
 * from a link: then it comes into view and takes the focus, since on a phone it opens below the
 * list, out of sight.
 */
function IncidentDetail({ id, isChosen }: { id: string; isChosen: boolean }) {
  const { t, i18n } = useTranslation();
  const label = valueLabel(t);
  const mayWrite = useMayCreate("incident");
  const incident = useQuery({
    queryKey: ["incident", id],
    queryFn: () => getJson<ApiRecord>(`${processUrl()}/incidents/${encodeURIComponent(id)}`),
  });
  const claims = useQuery({
    queryKey: ["claims", id],
    queryFn: () => listRecords("claims", { refers_to: id, limit: 500 }),
  });
  const heading = useRef<HTMLHeadingElement>(null);
  const isLoaded = incident.data !== undefined;
  useEffect(() => {
    if (isChosen && isLoaded && id) heading.current?.focus();
  }, [id, isChosen, isLoaded]);
  if (incident.isLoading) return <Loading />;
  if (incident.error) return <Failure error={incident.error} />;
  const record = incident.data as ApiRecord;
  const verification = record.verification as Incident["verification"];
  return (
    <article className="detail" aria-labelledby="incident-title">
      <h2 id="incident-title" ref={heading} tabIndex={-1}>
        {String(record.title)}
      </h2>
      <p>
        {formatDate(record.date as FuzzyDate, i18n.language)} ·{" "}
        {placeName(record.place as Place | undefined, i18n.language)}
      </p>
      {record.description ? <p>{String(record.description)}</p> : null}
      <p>
        <strong>{t("incidents.verification")}:</strong>{" "}
        <span className={`badge verification-${verification.status}`}>
          {label(verification.status)}
        </span>
        {verification.reason ? ` — ${verification.reason}` : ""}
        {verification.by ? (
          <>
            {" "}
            (<ActorName id={verification.by} />)
          </>
        ) : null}
      </p>
      {mayWrite ? (
        <p>
          <button type="button" onClick={() => setParams({ edit: "1", new: undefined })}>
            {t("incidents.edit")}
          </button>
        </p>
      ) : null}
      <h3>{t("incidents.claims")}</h3>
      {(claims.data?.items ?? []).length === 0 ? (
        <p className="muted">{t("incidents.noClaims")}</p>
      ) : null}
      <div className="claims">
        {(claims.data?.items ?? []).map((claim) => (
          <ClaimCard key={claim.id} claim={claim} />
        ))}
      </div>
    </article>
  );
}

/** The edit form for an incident, on the version just read; `?edit=1` keeps it in the URL. */
function EditIncident({ id }: { id: string }) {
  const incident = useQuery({
    queryKey: ["incident", id],
    queryFn: () => getJson<ApiRecord>(`${processUrl()}/incidents/${encodeURIComponent(id)}`),
  });
  if (!incident.data) return <Loading />;
  return (
    <IncidentForm
      key={incident.data.version}
      editing={incident.data}
      onCreated={() => setParams({ edit: undefined })}
    />
  );
}

export function IncidentsPage() {
  const { t, i18n } = useTranslation();
  const label = valueLabel(t);
  const mayWrite = useMayCreate("incident");
  const { params } = useLocation();
  const filters = {
    kind: params.get("kind") ?? undefined,
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    q: params.get("q") ?? undefined,
  };
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const page = useQuery({
    queryKey: ["incidents", filters, cursor],
    queryFn: () => listRecords("incidents", { ...filters, order: "desc", limit: 25, cursor }),
  });
  const selected = params.get("id");
  const linkedId = useRef(selected);
  return (
    <div>
      <h1>{t("incidents.title")}</h1>
      <form
        className="filters"
        onSubmit={(event) => event.preventDefault()}
        aria-label={t("common.filter")}
      >
        <label>
          {t("common.kind")}{" "}
          <select
            value={filters.kind ?? ""}
            onChange={(event) => {
              setCursors([]);
              setParams({ kind: event.target.value });
            }}
          >
            <option value="">{t("common.all")}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {label(k)}
              </option>
            ))}
          </select>
        </label>
        <DateRangeFilter onChange={() => setCursors([])} />
        <label>
          {t("common.search")}{" "}
          <input
            type="search"
            defaultValue={filters.q ?? ""}
            onChange={(event) => {
              setCursors([]);
              setParams({ q: event.target.value });
            }}
          />
        </label>
      </form>
      <DownloadLinks kind="incidents" type="incident" filters={{ ...filters, order: "desc" }} />
      {page.isLoading ? <Loading /> : page.error ? <Failure error={page.error} /> : null}
      <TableScroll>
        <table className="records">
          <thead>
            <tr>
              <th scope="col">{t("common.date")}</th>
              <th scope="col">{t("incidents.title")}</th>
              <th scope="col">{t("common.kind")}</th>
              <th scope="col">{t("common.place")}</th>
              <th scope="col">{t("incidents.verification")}</th>
            </tr>
          </thead>
          <tbody>
            {(page.data?.items ?? []).map((incident) => (
              <tr key={incident.id} aria-selected={incident.id === selected}>
                <td>{formatDate(incident.date as FuzzyDate, i18n.language)}</td>
                <td>
                  <Link
                    to={`/incidents?${new URLSearchParams({ ...Object.fromEntries(params), id: incident.id })}`}
                  >
                    {String(incident.title)}
                  </Link>
                </td>
                <td>{label(incident.kind)}</td>
                <td>{placeName(incident.place as Place | undefined, i18n.language)}</td>
                <td>{label((incident.verification as Incident["verification"]).status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <div className="pager">
        {cursors.length > 0 ? (
          <button type="button" onClick={() => setCursors(cursors.slice(0, -1))}>
            ←
          </button>
        ) : null}
        {page.data?.next_cursor ? (
          <button
            type="button"
            onClick={() => setCursors([...cursors, page.data?.next_cursor ?? ""])}
          >
            {t("common.more")} →
          </button>
        ) : null}
      </div>
      {selected ? <IncidentDetail id={selected} isChosen={selected !== linkedId.current} /> : null}
      {selected && params.get("edit") === "1" && mayWrite ? <EditIncident id={selected} /> : null}
      {!mayWrite ? null : params.get("new") === "1" ? (
        <IncidentForm onCreated={(id) => setParams({ new: undefined, id })} />
      ) : (
        <p>
          <button type="button" onClick={() => setParams({ new: "1", id: undefined })}>
            {t("incidents.new")}
          </button>
        </p>
      )}
      {/* Each side's claims are added here too; the report reader on /sources is the other way. */}
      <RecordEditor
        types={["claim"]}
        defaults={selected ? { claim: { subject: "incident", incident_id: selected } } : {}}
      />
    </div>
  );
}
