import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { FuzzyDate } from "../../../src/domain/fuzzy-date.ts";
import type { Place } from "../../../src/domain/place.ts";
import { type ApiRecord, listRecords } from "../api.ts";
import { type Draft, nearbyFilter } from "../candidate-records.ts";
import { formatDate, placeName } from "../format.ts";

/**
 * The incidents a claim is probably about: within three days and half a degree of it. Both sides'
 * versions of one event should end up on one incident, so these are offered before a new one.
 */
export function useNearbyIncidents(draft: Draft, isWanted: boolean): ApiRecord[] | undefined {
  const filter = nearbyFilter(draft);
  const query = useQuery({
    queryKey: ["incidents", "nearby", filter],
    enabled: isWanted && filter !== undefined,
    queryFn: () => listRecords("incidents", { ...filter, limit: 10 }),
  });
  if (!isWanted || filter === undefined) return [];
  return query.data?.items;
}

/** Radio buttons: attach to one of the nearby incidents, or record a new one. */
export function IncidentChoice(props: {
  name: string;
  nearby: readonly ApiRecord[];
  value: string;
  onChange: (value: string) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="incident-choice">
      <legend>{t("sources.nearby")}</legend>
      {props.nearby.length === 0 ? <p className="muted">{t("sources.noNearby")}</p> : null}
      {props.nearby.map((incident) => (
        <label key={incident.id}>
          <input
            type="radio"
            name={props.name}
            value={incident.id}
            checked={props.value === incident.id}
            onChange={() => props.onChange(incident.id)}
          />{" "}
          {t("sources.attachTo")} <strong>{String(incident.title)}</strong> ·{" "}
          {formatDate(incident.date as FuzzyDate, i18n.language)} ·{" "}
          {placeName(incident.place as Place | undefined, i18n.language)}
        </label>
      ))}
      <label>
        <input
          type="radio"
          name={props.name}
          value="new"
          checked={props.value === "new"}
          onChange={() => props.onChange("new")}
        />{" "}
        {t("sources.newIncident")}
      </label>
    </fieldset>
  );
}
