/**
 * A field report as the reporter made it, and the API requests that store it: pure, so the outbox
 * can build them again on every attempt (each with the same Idempotency-Key) and tests can read
 * them. A report is one request, or two for an incident with figures (the incident, then the
 * reporter's claim about it with the figures per side: figures always belong to a claim).
 */
import type { FuzzyDate } from "../../../src/domain/fuzzy-date.ts";
import type { Place } from "../../../src/domain/place.ts";

export const FIELD_REPORT_KINDS = ["incident", "patrol", "violation_count", "observation"] as const;
export type FieldReportKind = (typeof FIELD_REPORT_KINDS)[number] | "incident_update";

export const FIGURE_CATEGORIES = ["killed", "wounded", "captured", "missing"] as const;

/** When it happened, as precisely as the reporter knows: a local date and time and its precision. */
export type FieldTime = { local: string; precision: "time" | "day" | "month" | "year" };

export type FieldReport = {
  kind: FieldReportKind;
  /** When the report was made, with the device's UTC offset (ISO 8601). */
  reported_at: string;
  /** The device's UTC offset when it was made, in minutes east of UTC (for the time's value). */
  offset_minutes: number;
  when: FieldTime;
  /** Where: a named post's place, a position from the device, or a place typed. */
  place?: Place | undefined;
  post_id?: string | undefined;
  /** The device's position's accuracy, in metres, when the place came from it. */
  accuracy_m?: number | undefined;
  /** Who reports: the monitoring mission or monitor (an actor). */
  reporter: string;
  title: string;
  incident_kind: string;
  text: string;
  figures: Array<{ category: string; side: string; count: number }>;
  violations?: number | undefined;
  explosions?: number | undefined;
  blamed: string[];
  visibility: "public" | "members";
  /** A report that changes a record: the record as the reporter last saw it, with its version. */
  target?: { path: string; id: string; version: number; record: Record<string, unknown> };
};

/** One request of a report: sent with the Idempotency-Key `${report key}:${index}`. */
export type FieldRequest = {
  method: "POST" | "PUT";
  /** Under the process: "incidents", "incidents/inc-1". */
  path: string;
  body: Record<string, unknown>;
  ifMatch?: number;
};

const pad = (value: number) => String(Math.abs(value)).padStart(2, "0");

/** "+04:00" for 240 minutes east of UTC. */
export function offsetText(minutes: number): string {
  return `${minutes < 0 ? "-" : "+"}${pad(Math.trunc(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The report's time as a date with precision (src/domain/fuzzy-date.ts). */
export function fuzzyDateOf(when: FieldTime, offsetMinutes: number): FuzzyDate {
  const [date = "", time = "00:00"] = when.local.split("T");
  switch (when.precision) {
    case "time":
      return {
        value: `${date}T${time.slice(0, 5)}:00${offsetText(offsetMinutes)}`,
        precision: "time",
      };
    case "day":
      return { value: date, precision: "day" };
    case "month":
      return { value: date.slice(0, 7), precision: "month" };
    case "year":
      return { value: date.slice(0, 4), precision: "year" };
  }
}

/** A place from the device's position: its accuracy decides the precision claimed, and is named. */
export function placeFromPosition(position: { lat: number; lon: number; accuracy: number }): Place {
  const metres = Math.round(position.accuracy);
  return {
    name: `${position.lat.toFixed(5)}, ${position.lon.toFixed(5)} (± ${metres} m)`,
    precision: metres <= 100 ? "exact" : metres <= 5000 ? "settlement" : "district",
    lat: Number(position.lat.toFixed(6)),
    lon: Number(position.lon.toFixed(6)),
  };
}

/** The id an incident reported in the field gets: chosen on the device, so its claim can name it. */
export function incidentIdOf(key: string): string {
  return `inc-${key}`;
}

/** The fields a client never sends back (the store sets or derives them). */
const READ_ONLY = ["version", "created_at", "updated_at", "claimed_figures", "claim_ids"];

/**
 * The requests that store a report with its photos (`attachments`, by hash), in order.
 */
export function fieldRequests(
  key: string,
  report: FieldReport,
  attachments: Array<{ sha256: string; media_type: string; size: number }>,
): FieldRequest[] {
  const common = {
    reported_at: report.reported_at,
    ...(attachments.length > 0 ? { attachments } : {}),
  };
  const date = fuzzyDateOf(report.when, report.offset_minutes);
  const text = report.text.trim();
  switch (report.kind) {
    case "incident": {
      const id = incidentIdOf(key);
      const sides = [...new Set(report.figures.map((f) => f.side))].filter(
        (side) => side !== "civilians" && side !== "unknown",
      );
      const requests: FieldRequest[] = [
        {
          method: "POST",
          path: "incidents",
          body: {
            id,
            visibility: report.visibility,
            title: report.title.trim(),
            kind: report.incident_kind,
            date,
            place: report.place,
            actors: sides,
            ...(text ? { description: text } : {}),
            ...common,
          },
        },
      ];
      if (report.figures.length > 0 || report.blamed.length > 0) {
        const figures: Record<string, Record<string, number>> = {};
        for (const figure of report.figures) {
          figures[figure.category] ??= {};
          (figures[figure.category] as Record<string, number>)[figure.side] = figure.count;
        }
        requests.push({
          method: "POST",
          path: "claims",
          body: {
            visibility: report.visibility,
            claimant: report.reporter,
            subject: "incident",
            incident_id: id,
            date,
            statement: text || report.title.trim(),
            figures,
            blamed: report.blamed,
            reported_at: report.reported_at,
          },
        });
      }
      return requests;
    }
    case "patrol":
    case "observation":
      return [
        {
          method: "POST",
          path: "patrols",
          body: {
            visibility: report.visibility,
            date,
            reported_by: report.reporter,
            ...(report.post_id ? { post_id: report.post_id } : {}),
            ...(report.place ? { place: report.place } : {}),
            observations: text,
            ...common,
          },
        },
      ];
    case "violation_count":
      return [
        {
          method: "POST",
          path: "violation-counts",
          body: {
            visibility: report.visibility,
            reporter: report.reporter,
            period:
              report.when.precision === "time"
                ? { ...date, value: date.value.slice(0, 10), precision: "day" }
                : date,
            ...(report.place ? { place: report.place } : {}),
            ...(report.violations !== undefined ? { violations: report.violations } : {}),
            ...(report.explosions !== undefined ? { explosions: report.explosions } : {}),
            blamed: report.blamed,
            ...(text ? { notes: text } : {}),
            ...common,
          },
        },
      ];
    case "incident_update": {
      const target = report.target;
      if (!target) return [];
      const body: Record<string, unknown> = { ...target.record };
      for (const field of READ_ONLY) delete body[field];
      const before = typeof body.description === "string" ? `${body.description}\n\n` : "";
      body.description = `${before}${report.reported_at}: ${text}`;
      const earlier = Array.isArray(body.attachments) ? body.attachments : [];
      if (attachments.length > 0) body.attachments = [...earlier, ...attachments];
      return [
        { method: "PUT", path: `${target.path}/${target.id}`, body, ifMatch: target.version },
      ];
    }
  }
}
