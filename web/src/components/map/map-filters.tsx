import { useTranslation } from "react-i18next";
import {
  INCIDENT_KINDS,
  VERIFICATION_STATUSES,
} from "../../../../src/domain/kinds/incident.schema.ts";
import { valueLabel } from "../../format.ts";
import { setParams, useLocation } from "../../router.tsx";
import { useActors } from "../actors.tsx";
import { DateRangeFilter } from "../date-range.tsx";

/** A select kept in one URL parameter, "All" first. */
function ParamSelect(props: { name: string; label: string; options: Array<[string, string]> }) {
  const { t } = useTranslation();
  const { params } = useLocation();
  return (
    <label>
      {props.label}{" "}
      <select
        value={params.get(props.name) ?? ""}
        onChange={(event) => setParams({ [props.name]: event.target.value })}
      >
        <option value="">{t("common.all")}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The incident filters of the map, all kept in the URL and sent with every tile request. */
export function MapFilters() {
  const { t, i18n } = useTranslation();
  const actors = useActors();
  const actorOptions = [...actors.values()]
    .map((a): [string, string] => {
      const names = a.names as Record<string, string> | undefined;
      return [a.id, String(names?.[i18n.language] ?? a.short_name ?? a.name ?? a.id)];
    })
    .sort((a, b) => a[1].localeCompare(b[1], i18n.language));
  return (
    <form
      className="filters"
      onSubmit={(event) => event.preventDefault()}
      aria-label={t("common.filter")}
    >
      <ParamSelect
        name="kind"
        label={t("common.kind")}
        options={INCIDENT_KINDS.map((k) => [k, valueLabel(t)(k)])}
      />
      <ParamSelect name="actor" label={t("map.actor")} options={actorOptions} />
      <ParamSelect
        name="verification"
        label={t("incidents.verification")}
        options={VERIFICATION_STATUSES.map((v) => [v, valueLabel(t)(v)])}
      />
      <DateRangeFilter />
    </form>
  );
}
