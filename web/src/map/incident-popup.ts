import type { ParseKeys } from "i18next";
import type { FuzzyDate } from "../../../src/domain/fuzzy-date.ts";
import type { Place } from "../../../src/domain/place.ts";
import type { ApiRecord } from "../api.ts";
import { formatDate } from "../format.ts";

/**
 * An incident's popup on the map: its title, date and place, what each side claims about it (in
 * its own words, by claimant or source), and a link to the record. DOM text nodes only, never
 * HTML: record fields are user input.
 */
export function incidentPopupContent(
  incident: ApiRecord,
  claims: ApiRecord[],
  options: {
    t: (key: ParseKeys) => string;
    language: string;
    claimantName: (claim: ApiRecord) => string;
    open: (href: string) => void;
  },
): HTMLElement {
  const { t, language } = options;
  const root = document.createElement("div");
  root.className = "map-popup";
  const title = document.createElement("strong");
  title.textContent = String(incident.title ?? incident.id);
  const when = document.createElement("p");
  const place = (incident.place as Place | undefined)?.name;
  when.className = "muted";
  when.textContent = [formatDate(incident.date as FuzzyDate | undefined, language), place]
    .filter(Boolean)
    .join(" · ");
  root.append(title, when);
  if (claims.length > 0) {
    const heading = document.createElement("p");
    heading.textContent = t("map.popup.claims");
    const list = document.createElement("ul");
    for (const claim of claims.slice(0, 5)) {
      const item = document.createElement("li");
      const who = document.createElement("b");
      who.textContent = `${options.claimantName(claim)}: `;
      item.append(who, `“${String(claim.statement ?? "")}”`);
      list.append(item);
    }
    root.append(heading, list);
    if (claims.length > 5) {
      const more = document.createElement("p");
      more.className = "muted";
      more.textContent = `+${claims.length - 5}`;
      root.append(more);
    }
  }
  const href = `/incidents?id=${encodeURIComponent(incident.id)}`;
  const link = document.createElement("a");
  link.href = href;
  link.textContent = t("map.popup.open");
  link.addEventListener("click", (event) => {
    event.preventDefault();
    options.open(href);
  });
  root.append(link);
  return root;
}
