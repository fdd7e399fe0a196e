import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  INCIDENT_KINDS,
  VERIFICATION_STATUSES,
} from "../../../src/domain/kinds/incident.schema.ts";
import { listRecords } from "../api.ts";
import { useActors } from "../components/actors.tsx";
import { DateRangeFilter } from "../components/date-range.tsx";
import { TimeSlider } from "../components/time-slider.tsx";
import { valueLabel } from "../format.ts";
import { chosenLayers, layersParam, MAP_LAYERS, type MapLayer } from "../map/record-layers.ts";
import { setParams, useLocation } from "../router.tsx";

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

const thisMonth = () => new Date().toISOString().slice(0, 7);

/**
 * The time slider over the months from the earliest incident to this month. The earliest comes
 * from the record (one incident, oldest first); until it answers, the 2020 war's start stands in.
 */
export function MapTimeSlider() {
  const earliest = useQuery({
    queryKey: ["incidents", "earliest"],
    queryFn: () => listRecords("incidents", { order: "asc", limit: 1 }),
    staleTime: 60_000,
  });
  const date = earliest.data?.items[0]?.date as { value?: string } | undefined;
  const first = date?.value?.slice(0, 7) ?? "2020-09";
  return <TimeSlider first={first} last={thisMonth()} />;
}

/** One labelled checkbox per layer, kept in the URL's `layers`. */
export function LayerToggles() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const chosen = chosenLayers(params.get("layers"));
  const toggle = (layer: MapLayer, isOn: boolean) => {
    const next = new Set(chosen);
    if (isOn) next.add(layer);
    else next.delete(layer);
    // All layers on is the default: the URL stays short.
    setParams({ layers: next.size === MAP_LAYERS.length ? undefined : layersParam(next) });
  };
  return (
    <fieldset className="layer-toggles">
      <legend>{t("map.layers")}</legend>
      {[...MAP_LAYERS].reverse().map((layer) => (
        <label key={layer}>
          <input
            type="checkbox"
            checked={chosen.has(layer)}
            onChange={(event) => toggle(layer, event.target.checked)}
          />{" "}
          {t(`map.layer.${layer}`)}
        </label>
      ))}
    </fieldset>
  );
}
