import type { ParseKeys } from "i18next";
import type { FuzzyDate } from "../../../src/domain/fuzzy-date.ts";
import type { Place } from "../../../src/domain/place.ts";
import type { ApiRecord } from "../api.ts";
import { formatDate } from "../format.ts";

type Fact = [label: string, value: string];

/**
 * A popup's content for a post or a link: its name and facts, built as DOM text nodes (never
 * HTML), since record fields are user input.
 */
export function popupContent(record: ApiRecord, facts: (record: ApiRecord) => Fact[]): HTMLElement {
  const root = document.createElement("div");
  root.className = "map-popup";
  const title = document.createElement("strong");
  title.textContent = String(record.name ?? record.id);
  const list = document.createElement("dl");
  for (const [label, value] of facts(record)) {
    if (!value) continue;
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.textContent = value;
    list.append(dt, dd);
  }
  root.append(title, list);
  return root;
}

/** The facts a popup shows, in the reader's language; actors by name. */
export function recordFacts(
  t: (key: ParseKeys) => string,
  language: string,
  actorName: (id: string) => string,
): (record: ApiRecord) => Fact[] {
  const place = (p: unknown) => (p as Place | undefined)?.name ?? "";
  const date = (d: unknown) => formatDate(d as FuzzyDate | undefined, language);
  const actors = (ids: unknown) => ((ids as string[] | undefined) ?? []).map(actorName).join(", ");
  return (record) =>
    record.type === "post"
      ? [
          [t("map.facts.kind"), t("kinds.post")],
          [t("common.place"), place(record.place)],
          [t("map.facts.operatedBy"), actorName(String(record.operated_by ?? ""))],
          [t("map.facts.established"), date(record.established)],
          [t("map.facts.closed"), date(record.closed)],
        ]
      : [
          [t("map.facts.kind"), String(record.kind ?? "").replaceAll("_", " ")],
          [t("common.status"), String(record.status ?? "").replaceAll("_", " ")],
          [t("map.facts.from"), place(record.from)],
          [t("map.facts.to"), place(record.to)],
          [t("map.facts.controlledBy"), actors(record.controlled_by)],
          [t("map.facts.soughtBy"), actors(record.sought_by)],
          [t("common.date"), date(record.as_of)],
        ];
}
