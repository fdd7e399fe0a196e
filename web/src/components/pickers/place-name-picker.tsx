import { useQuery } from "@tanstack/react-query";
import { useCombobox } from "downshift";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { kindByType } from "../../../../src/domain/kinds/index.ts";
import { getJson, listRecords, processUrl } from "../../api.ts";
import { placeName } from "../../format.ts";

/** A place a picker offers: its name and what a record's place takes from it. */
export type KnownPlace = {
  name: string;
  precision?: string;
  lat?: number;
  lon?: number;
  country?: string;
  admin1?: string;
  admin2?: string;
  /** The process's place record, when it comes from its gazetteer. */
  place_id?: string;
  /** Its name in the reader's language, where the gazetteer has one. */
  label?: string;
  /** Where it was found: the process's gazetteer, the world's, or a record that names it. */
  from: "gazetteer" | "world" | "record";
};

const PLACE_FIELDS = ["precision", "lat", "lon", "country", "admin1", "admin2"] as const;

function knownPlace(
  place: Record<string, unknown>,
  language: string,
  from: KnownPlace["from"],
): KnownPlace {
  const known: KnownPlace = {
    name: placeName(place as { name: string; names?: Record<string, string> }, language),
    from,
  };
  for (const field of PLACE_FIELDS) {
    if (place[field] !== undefined) Object.assign(known, { [field]: place[field] });
  }
  return known;
}

/** A place the gazetteer route found (`GET .../gazetteer?q=`). */
type GazetteerHit = Record<string, unknown> & { source: "process" | "world"; id?: string };

/**
 * The places that match what was typed: the gazetteer's (the process's own places first, then
 * the world's, shipped offline), then the places the process's incidents name, each name once.
 * Before anything is typed: the process's own places.
 */
function useKnownPlaces(typed: string): KnownPlace[] {
  const { i18n } = useTranslation();
  const [q, setQ] = useState(typed);
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 200);
    return () => clearTimeout(timer);
  }, [typed]);
  const hasGazetteer = kindByType("place") !== undefined;
  const { data } = useQuery({
    queryKey: ["picker-places", q],
    queryFn: async () => {
      const [gazetteer, incidents] = await Promise.all([
        q
          ? getJson<{ places: GazetteerHit[] }>(
              `${processUrl("gazetteer")}?${new URLSearchParams({ q, lang: i18n.language, limit: "15" })}`,
            ).then((found) => found.places)
          : hasGazetteer
            ? listRecords("places", { limit: 20 }).then((page) =>
                page.items.map(
                  (p): GazetteerHit => ({
                    ...p,
                    source: "process",
                    label: placeName(
                      { name: String(p.name), names: p.names as Record<string, string> },
                      i18n.language,
                    ),
                  }),
                ),
              )
            : Promise.resolve([] as GazetteerHit[]),
        listRecords("incidents", { q: q || undefined, limit: 50, order: "desc" }),
      ]);
      return [
        ...gazetteer.map((hit) => ({
          ...knownPlace(hit, "", hit.source === "process" ? "gazetteer" : "world"),
          ...(typeof hit.label === "string" ? { label: hit.label } : {}),
          ...(hit.source === "process" && hit.id ? { place_id: hit.id } : {}),
        })),
        ...incidents.items
          .map((i) => i.place as Record<string, unknown> | undefined)
          .filter((p): p is Record<string, unknown> => typeof p?.name === "string")
          .map((p) => knownPlace(p, i18n.language, "record")),
      ];
    },
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });
  const seen = new Set<string>();
  const needle = typed.trim().toLocaleLowerCase();
  return (data ?? []).filter((place) => {
    const key = place.name.toLocaleLowerCase();
    // The incidents found by their text may name other places: keep those whose name matches.
    if (seen.has(key) || (place.from === "record" && needle && !key.includes(needle))) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A place's name, typed freely or chosen from the places Truce knows (the combobox pattern):
 * choosing one fills its precision and coordinates as well, which stay editable.
 */
export function PlaceNamePicker(props: {
  id: string;
  /** The input's name, for a form read with FormData. */
  name?: string;
  label: ReactNode;
  value: string;
  onType: (name: string) => void;
  onChoose: (place: KnownPlace) => void;
  errorId?: string | undefined;
}) {
  const { t } = useTranslation();
  const places = useKnownPlaces(props.value);
  const combobox = useCombobox<KnownPlace>({
    items: places,
    inputId: props.id,
    // The box's text is downshift's own (a controlled one loses keys typed faster than a
    // render); it starts from the place's name and reports every change.
    initialInputValue: props.value,
    // The choice is not held as controlled null either: downshift would then empty the box.
    itemToString: (place) => place?.name ?? "",
    itemToKey: (place) => place?.place_id ?? place?.name,
    onInputValueChange: ({ inputValue }) => props.onType(inputValue),
    onSelectedItemChange: ({ selectedItem }) => {
      if (selectedItem) props.onChoose(selectedItem);
    },
    // Leaving the box keeps what was typed: a new place is as good a name as a known one.
    stateReducer: (state, { changes, type }) =>
      type === useCombobox.stateChangeTypes.InputBlur
        ? { ...changes, selectedItem: state.selectedItem, inputValue: state.inputValue }
        : changes,
  });
  return (
    <div className="picker">
      <label {...combobox.getLabelProps()} htmlFor={props.id}>
        {props.label}
      </label>
      <input
        {...combobox.getInputProps({
          ...(props.name ? { name: props.name } : {}),
          ...(props.errorId ? { "aria-invalid": true, "aria-describedby": props.errorId } : {}),
          placeholder: t("forms.typeToSearch"),
        })}
      />
      <ul {...combobox.getMenuProps()} className="picker-menu" hidden={!combobox.isOpen}>
        {combobox.isOpen
          ? places.map((place, index) => (
              <li
                key={place.place_id ?? place.name}
                className={combobox.highlightedIndex === index ? "highlighted" : undefined}
                {...combobox.getItemProps({ item: place, index })}
              >
                <span>{place.label ?? place.name}</span>{" "}
                <small>
                  {[place.admin2, place.admin1, place.country].filter(Boolean).join(", ")}
                  {place.lat !== undefined ? ` (${place.lat}, ${place.lon})` : ""}
                </small>
              </li>
            ))
          : null}
      </ul>
    </div>
  );
}
