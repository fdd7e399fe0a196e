import type { Viewer } from "../domain/access.ts";
import { kindByType } from "../domain/kinds/index.ts";
import { isObject } from "../domain/plain-object.ts";
import type { Process } from "../domain/process.schema.ts";
import {
  assembleSituationReport,
  type ReportInput,
  type ReportKind,
  reportPeriod,
  type SituationReport,
} from "../domain/situation-report.ts";
import {
  findRecords,
  listRecords as listStored,
  type StoredRecord,
} from "../store/record.repository.ts";
import { findClaimsAbout } from "../store/report.repository.ts";
import { presentRecord } from "./present.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

/**
 * The most records of one kind a report reads: a day with more incidents than this is summarised
 * by its first ones (a bound on the document, not a sample: they are the earliest), and says so.
 */
export const REPORT_MAX_RECORDS = 2000;

type Window = { from?: string; to?: string; verification?: string };

/** Every record of a kind the viewer may see in a window, oldest first, up to the cap. */
async function readAll(
  services: Services,
  slug: string,
  viewer: Viewer,
  type: string,
  window: Window,
): Promise<Record<string, unknown>[]> {
  const kind = kindByType(type);
  const records: Record<string, unknown>[] = [];
  let after: { sort_key: string; id: string } | undefined;
  while (records.length < REPORT_MAX_RECORDS) {
    const limit = Math.min(500, REPORT_MAX_RECORDS - records.length);
    const rows = await listStored(services.store.db, slug, viewer, {
      type,
      from: window.from,
      to: window.to,
      verification: window.verification,
      after,
      limit,
      sortsByDate: kind?.sortsByDate === true,
    });
    const page = rows.slice(0, limit);
    records.push(...page.map(presentRecord));
    const last = page.at(-1);
    if (rows.length <= limit || !last) break;
    after = { sort_key: last.sort_key, id: last.id };
  }
  return records;
}

/** The strings a field holds: itself, or the strings of its array. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The objects of an array field (transfers, reports). */
function objects(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** The actor ids a record names: sides, claimants, the blamed, figures' sides, owners... */
function actorIdsOf(r: Record<string, unknown>): string[] {
  const figures = isObject(r.figures) ? Object.values(r.figures) : [];
  return [
    ...["actors", "claimant", "blamed", "reporter", "reported_by", "participants", "owners"]
      .concat(["withdrawing"])
      .flatMap((field) => strings(r[field])),
    ...figures.flatMap((perSide) => (isObject(perSide) ? Object.keys(perSide) : [])),
    ...objects(r.transfers).flatMap((t) => [...strings(t.from), ...strings(t.to)]),
    ...objects(r.reports).flatMap((x) => strings(x.by)),
  ];
}

/** The source ids a record cites, its reports' too. */
function sourceIdsOf(r: Record<string, unknown>): string[] {
  return [...strings(r.source_ids), ...objects(r.reports).flatMap((x) => strings(x.source_ids))];
}

const present = (rows: readonly StoredRecord[]) => rows.map(presentRecord);

/**
 * Incidents whose place names a place of the process's gazetteer but gives no point take that
 * place's point, as the map of the web app does: the place record's representative point, at the
 * precision the incident's place already states (a district stays a district).
 */
async function locateByGazetteer(
  services: Services,
  slug: string,
  viewer: Viewer,
  incidents: Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const unlocated = (record: Record<string, unknown>) => {
    const place = record.place;
    return isObject(place) && place.lat === undefined && typeof place.place_id === "string"
      ? place.place_id
      : null;
  };
  const ids = incidents.flatMap((i) => unlocated(i) ?? []);
  if (ids.length === 0) return incidents;
  const points = new Map(
    present(await findRecords(services.store.db, slug, ids, viewer)).flatMap((place) =>
      typeof place.lat === "number" && typeof place.lon === "number"
        ? [[String(place.id), { lat: place.lat, lon: place.lon }] as const]
        : [],
    ),
  );
  return incidents.map((incident) => {
    const point = points.get(unlocated(incident) ?? "");
    return point ? { ...incident, place: { ...(incident.place as object), ...point } } : incident;
  });
}

/**
 * The daily or weekly situation report of a process as its viewer may see it: the period's
 * incidents with every claim about them, violation counts, exchanges, meetings, withdrawals, and
 * the commitments overdue or due within the look ahead, with the actors and sources they name.
 */
export async function buildSituationReport(
  services: Services,
  slug: string,
  kind: ReportKind,
  date: string,
  language: string,
  viewer: Viewer,
): Promise<SituationReport> {
  const stored = await requireProcess(services, slug);
  const process = stored.body as Process;
  const period = reportPeriod(kind, date);
  const within = { from: period.start, to: period.end };
  const ahead = { from: period.start, to: `${period.ahead_to}T23:59:59.999Z` };
  const [read, violationCounts, exchanges, meetings, commitments, withdrawals] = await Promise.all([
    readAll(services, slug, viewer, "incident", within),
    readAll(services, slug, viewer, "violation_count", within),
    readAll(services, slug, viewer, "exchange", within),
    readAll(services, slug, viewer, "meeting", ahead),
    // Open commitments due by the look ahead's end, however long ago: the overdue among them too.
    readAll(services, slug, viewer, "commitment", {
      to: ahead.to,
      verification: "open",
    }),
    readAll(services, slug, viewer, "withdrawal", {}),
  ]);
  const incidents = await locateByGazetteer(services, slug, viewer, read);
  const claims = present(
    await findClaimsAbout(
      services.store.db,
      slug,
      incidents.map((i) => String(i.id)),
      viewer,
    ),
  );
  const all = [
    ...incidents,
    ...claims,
    ...violationCounts,
    ...exchanges,
    ...meetings,
    ...commitments,
    ...withdrawals,
  ];
  const actorIds = all.flatMap(actorIdsOf);
  const sourceIds = all.flatMap(sourceIdsOf);
  const [actors, sources] = await Promise.all([
    findRecords(services.store.db, slug, actorIds, viewer),
    findRecords(services.store.db, slug, sourceIds, viewer),
  ]);
  const input = {
    process: { slug, name: process.name, names: process.names },
    period,
    language,
    generated_at: services.now().toISOString(),
    incidents,
    claims,
    violation_counts: violationCounts,
    exchanges,
    meetings,
    commitments,
    withdrawals,
    actors: present(actors),
    sources: present(sources),
    bbox: process.bbox,
    truncated: Object.entries({
      incident: incidents,
      violation_count: violationCounts,
      exchange: exchanges,
      meeting: meetings,
      commitment: commitments,
      withdrawal: withdrawals,
    })
      .filter(([, records]) => records.length >= REPORT_MAX_RECORDS)
      .map(([type]) => type),
    max_records: REPORT_MAX_RECORDS,
  } as unknown as ReportInput;
  return assembleSituationReport(input);
}
