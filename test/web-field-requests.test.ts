import { describe, expect, it } from "vitest";
import { FuzzyDateSchema } from "../src/domain/fuzzy-date.ts";
import { kindByType } from "../src/domain/kinds/index.ts";
import { parseRecordInput } from "../src/domain/record-input.ts";
import {
  type FieldReport,
  fieldRequests,
  fuzzyDateOf,
  incidentIdOf,
  placeFromPosition,
} from "../web/src/offline/field-requests.ts";

const KEY = "0b6c1f5e-7d1e-4c55-9a39-2f7f5e2b9a10";
const PHOTO = { sha256: "a".repeat(64), media_type: "image/jpeg", size: 48_213 };

function report(changes: Partial<FieldReport>): FieldReport {
  return {
    kind: "patrol",
    reported_at: "2026-11-30T06:15:42+04:00",
    offset_minutes: 240,
    when: { local: "2026-11-30T05:50", precision: "time" },
    place: placeFromPosition({ lat: 39.812345, lon: 46.751234, accuracy: 12.4 }),
    accuracy_m: 12,
    reporter: "RPK",
    title: "",
    incident_kind: "shelling",
    text: "Two vehicles on the road north",
    figures: [],
    blamed: [],
    visibility: "members",
    ...changes,
  };
}

/** What the server would make of a request's body: its kind's schema and the common fields. */
function parsedAs(type: string, body: Record<string, unknown>) {
  const kind = kindByType(type);
  if (!kind) throw new Error(`no kind ${type}`);
  return parseRecordInput(kind, body);
}

describe("a field report's requests (web/src/offline/field-requests.ts)", () => {
  it("writes the time with its precision as the domain reads dates", () => {
    const when = { local: "2026-11-30T05:50", precision: "time" as const };
    expect(fuzzyDateOf(when, 240)).toEqual({
      value: "2026-11-30T05:50:00+04:00",
      precision: "time",
    });
    expect(fuzzyDateOf(when, -150).value).toBe("2026-11-30T05:50:00-02:30");
    for (const precision of ["time", "day", "month", "year"] as const) {
      expect(FuzzyDateSchema.safeParse(fuzzyDateOf({ ...when, precision }, 240)).success).toBe(
        true,
      );
    }
  });

  it("claims no more precision for a position than its accuracy allows", () => {
    expect(placeFromPosition({ lat: 39.8, lon: 46.7, accuracy: 12 }).precision).toBe("exact");
    expect(placeFromPosition({ lat: 39.8, lon: 46.7, accuracy: 1500 }).precision).toBe(
      "settlement",
    );
    expect(placeFromPosition({ lat: 39.8, lon: 46.7, accuracy: 20_000 })).toMatchObject({
      precision: "district",
      name: "39.80000, 46.70000 (± 20000 m)",
    });
  });

  it("sends a patrol with the time it was made and its photos, as the server accepts it", () => {
    const [request, ...more] = fieldRequests(KEY, report({}), [PHOTO]);
    expect(more).toEqual([]);
    expect(request).toMatchObject({ method: "POST", path: "patrols" });
    const parsed = parsedAs("patrol", request?.body ?? {});
    expect(parsed.body).toMatchObject({
      reported_at: "2026-11-30T06:15:42+04:00",
      attachments: [PHOTO],
      reported_by: "RPK",
      date: { value: "2026-11-30T05:50:00+04:00", precision: "time" },
    });
  });

  it("sends an incident with figures per side as the incident and its reporter's claim", () => {
    const requests = fieldRequests(
      KEY,
      report({
        kind: "incident",
        title: "Shelling near the orchard",
        figures: [
          { category: "killed", side: "ARM", count: 2 },
          { category: "wounded", side: "ARM", count: 3 },
          { category: "wounded", side: "civilians", count: 1 },
        ],
        blamed: ["AZE"],
      }),
      [PHOTO],
    );
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST incidents", "POST claims"]);
    const [incident, claim] = requests;
    expect(incident?.body).toMatchObject({ id: incidentIdOf(KEY), actors: ["ARM"] });
    expect(parsedAs("incident", incident?.body ?? {}).id).toBe(incidentIdOf(KEY));
    expect(parsedAs("claim", claim?.body ?? {}).body).toMatchObject({
      incident_id: incidentIdOf(KEY),
      claimant: "RPK",
      figures: { killed: { ARM: 2 }, wounded: { ARM: 3, civilians: 1 } },
      blamed: ["AZE"],
    });
  });

  it("sends an addition as an update of the version seen, keeping the record's photos", () => {
    const seen = {
      id: "inc-1",
      type: "incident",
      version: 3,
      created_at: "2026-11-01T00:00:00Z",
      updated_at: "2026-11-02T00:00:00Z",
      claimed_figures: {},
      title: "Shelling",
      description: "First account.",
      attachments: [{ ...PHOTO, sha256: "b".repeat(64) }],
    };
    const [request] = fieldRequests(
      KEY,
      report({
        kind: "incident_update",
        text: "Craters confirmed",
        target: { path: "incidents", id: "inc-1", version: 3, record: seen },
      }),
      [PHOTO],
    );
    expect(request).toMatchObject({ method: "PUT", path: "incidents/inc-1", ifMatch: 3 });
    expect(request?.body).not.toHaveProperty("version");
    expect(request?.body.description).toBe(
      "First account.\n\n2026-11-30T06:15:42+04:00: Craters confirmed",
    );
    expect(request?.body.attachments).toEqual([{ ...PHOTO, sha256: "b".repeat(64) }, PHOTO]);
  });
});
