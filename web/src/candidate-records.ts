/**
 * Turning an extracted candidate into the records Truce keeps: the editable draft a card shows, and
 * the API bodies an accepted draft becomes. Pure, so the page's logic can be read in one place.
 */
import type { Candidate, CandidateKind } from "../../src/extract/index.ts";
import { type FigureRow, figuresOf as figuresOfRows } from "./components/schema-fields.ts";

export const FIGURE_KEYS = ["killed", "wounded", "captured", "missing"] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** A candidate as the card edits it: strings for inputs, lists of actor ids, figures as table rows. */
export type Draft = {
  kind: CandidateKind;
  title: string;
  incident_kind: string;
  date: string;
  precision: string;
  date_end: string;
  due: string;
  place: string;
  place_precision: string;
  lat: string;
  lon: string;
  actors: string[];
  reported_by: string;
  blamed: string[];
  /** A row per category and side, as the figures table edits them. */
  figures: FigureRow[];
  statement: string;
};

const ids = (list: readonly string[]) => list.map((id) => id.trim()).filter(Boolean);

/** The kind of incident the words suggest; the person accepting it corrects what is wrong. */
export function guessIncidentKind(text: string): string {
  const lower = text.toLowerCase();
  if (/drone|uav/.test(lower)) return "drone_strike";
  if (/shell|artillery|mortar/.test(lower)) return "shelling";
  if (/\bmine\b|landmine|explosive device/.test(lower)) return "mine_explosion";
  if (/detain|captur|abduct/.test(lower)) return "detention";
  if (/fire|shot|shoot|sniper/.test(lower)) return "shooting";
  return "ceasefire_violation";
}

export function draftOf(candidate: Candidate): Draft {
  const place = candidate.places[0];
  const incidentKind = guessIncidentKind(candidate.text);
  const where = place ? ` near ${place.name}` : "";
  return {
    kind: candidate.kind,
    title: `${incidentKind.replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase())}${where}`,
    incident_kind: incidentKind,
    date: candidate.date?.value ?? "",
    precision: candidate.date?.precision ?? "day",
    date_end: candidate.date?.end ?? "",
    due: candidate.due?.value ?? "",
    place: place?.name ?? "",
    place_precision: place?.precision ?? "settlement",
    lat: place?.lat === undefined ? "" : String(place.lat),
    lon: place?.lon === undefined ? "" : String(place.lon),
    actors: [
      ...((candidate.participants?.length ? candidate.participants : candidate.actors) ?? []),
    ],
    reported_by: candidate.reported_by ?? "",
    blamed: [...(candidate.blamed ?? [])],
    figures: FIGURE_KEYS.flatMap((category) =>
      Object.entries(candidate.figures?.[category] ?? {}).map(([side, count]) => ({
        category,
        side,
        best: String(count),
        low: "",
        high: "",
      })),
    ),
    statement: candidate.text,
  };
}

/** The figures table's rows as a claim's figures; a count that is not a number stays as typed. */
const figuresOf = (draft: Draft) => figuresOfRows(draft.figures);

const numberOrText = (text: string) =>
  text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : text.trim();

function dateOf(draft: Draft) {
  return {
    value: draft.date.trim(),
    precision: draft.precision,
    ...(draft.precision === "range" && draft.date_end ? { end: draft.date_end.trim() } : {}),
  };
}

function placeOf(draft: Draft) {
  return {
    name: draft.place.trim(),
    precision: draft.place_precision,
    ...(draft.lat.trim() !== "" ? { lat: numberOrText(draft.lat) } : {}),
    ...(draft.lon.trim() !== "" ? { lon: numberOrText(draft.lon) } : {}),
  };
}

/** Whether a claim about the event would say anything beyond the incident itself. */
export function hasClaim(draft: Draft): boolean {
  const figures = figuresOf(draft);
  return (
    draft.reported_by.trim() !== "" ||
    ids(draft.blamed).length > 0 ||
    Object.keys(figures).length > 0
  );
}

/** The incident an incident or claim candidate describes. */
export function incidentBody(draft: Draft, sourceId: string): Record<string, unknown> {
  return {
    title: draft.title.trim(),
    kind: draft.incident_kind,
    date: dateOf(draft),
    place: placeOf(draft),
    actors: ids(draft.actors),
    source_ids: [sourceId],
  };
}

/** A party's (or the source's) version of an incident: who says it, figures, blame, the source. */
export function claimBody(
  draft: Draft,
  incidentId: string,
  sourceId: string,
  published: string,
): Record<string, unknown> {
  return {
    ...(draft.reported_by.trim() ? { claimant: draft.reported_by.trim() } : {}),
    subject: "incident",
    incident_id: incidentId,
    ...(published ? { date: { value: published, precision: "day" } } : {}),
    statement: draft.statement.trim(),
    figures: figuresOf(draft),
    blamed: ids(draft.blamed),
    source_ids: [sourceId],
  };
}

/**
 * The one record a meeting, commitment, exchange or document candidate becomes, with the fields its
 * schema allows; what the text cannot tell (a meeting's kind, an exchange's principle) gets the
 * schema's "other", and a date after publication makes a meeting planned rather than held.
 */
export function otherBody(
  draft: Draft,
  sourceId: string,
  published: string,
): { path: string; body: Record<string, unknown> } {
  const actors = ids(draft.actors);
  const place = draft.place.trim() ? { place: placeOf(draft) } : {};
  switch (draft.kind) {
    case "meeting":
      return {
        path: "meetings",
        body: {
          title: draft.title.trim(),
          kind: actors.length === 2 ? "bilateral" : actors.length === 3 ? "trilateral" : "other",
          date: dateOf(draft),
          ...place,
          participants: actors,
          status: published && draft.date > published ? "planned" : "held",
          outcome: draft.statement.trim().slice(0, 20_000),
          source_ids: [sourceId],
        },
      };
    case "commitment":
      return {
        path: "commitments",
        body: {
          summary: draft.statement.trim().slice(0, 2000),
          owners: actors,
          ...(draft.due.trim() ? { due: { value: draft.due.trim(), precision: "day" } } : {}),
          status: "open",
          source_ids: [sourceId],
        },
      };
    case "exchange":
      return {
        path: "exchanges",
        body: {
          date: dateOf(draft),
          ...place,
          principle: "other",
          // The text rarely says who handed over to whom in a form the rules read: the first two
          // actors named, one way, for the person accepting it to check.
          transfers:
            actors.length >= 2 ? [{ from: actors[0], to: actors[1] }] : [{ from: "", to: "" }],
          ...(draft.reported_by.trim() ? { reported_by: draft.reported_by.trim() } : {}),
          notes: draft.statement.trim().slice(0, 5000),
          source_ids: [sourceId],
        },
      };
    default:
      return {
        path: "documents",
        body: {
          title: draft.title.trim(),
          kind: "statement",
          date: dateOf(draft),
          ...place,
          signatories: actors,
          summary: draft.statement.trim().slice(0, 20_000),
          source_ids: [sourceId],
        },
      };
  }
}

/** YYYY-MM-DD moved by some days (UTC, as Truce's dates are). */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The list filters for incidents close to a draft: ±3 days of its day and within half a degree of
 * its place. Undefined when it has no day to compare.
 */
export function nearbyFilter(draft: Draft): Record<string, string> | undefined {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(draft.date)?.[0];
  if (!day) return undefined;
  const lat = Number(draft.lat);
  const lon = Number(draft.lon);
  const hasPlace = draft.lat.trim() !== "" && Number.isFinite(lat) && Number.isFinite(lon);
  const round = (n: number) => String(Math.round(n * 1000) / 1000);
  return {
    from: shiftDay(day, -3),
    to: shiftDay(day, 3),
    ...(hasPlace
      ? {
          bbox: [
            round(Math.max(-180, lon - 0.5)),
            round(Math.max(-90, lat - 0.5)),
            round(Math.min(180, lon + 0.5)),
            round(Math.min(90, lat + 0.5)),
          ].join(","),
        }
      : {}),
  };
}
