import { describe, expect, it } from "vitest";
import { KINDS, kindByType, loadOrder } from "../domain/kinds/index.ts";
import { PLACE_PRECISIONS } from "../domain/place.ts";
import { ProcessSchema } from "../domain/process.schema.ts";
import { parseRecordInput } from "../domain/record-input.ts";
// The example as it loads: its place records first, then the rest.
import { REFERENCE_PROCESS } from "./index.ts";

const { process, records } = REFERENCE_PROCESS;

/** Splits off the type and parses the rest as a client's input for that kind. */
function parse(record: { type: string } & Record<string, unknown>) {
  const { type, ...rest } = record;
  const kind = kindByType(type);
  if (kind === undefined) throw new Error(`unknown type ${type}`);
  return { kind, parsed: parseRecordInput(kind, rest) };
}

function ofType(type: string) {
  return records.filter((r) => r.type === type);
}

/** Every object nested anywhere in a value. */
function objectsIn(value: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(value)) return value.flatMap(objectsIn);
  if (typeof value !== "object" || value === null) return [];
  const object = value as Record<string, unknown>;
  return [object, ...Object.values(object).flatMap(objectsIn)];
}

describe("the reference process (Armenia–Azerbaijan)", () => {
  it("has a valid process", () => {
    const parsed = ProcessSchema.parse(process);
    expect(parsed.slug).toBe("armenia-azerbaijan");
    expect(parsed.countries).toEqual(["AM", "AZ"]);
    expect(parsed.started).toEqual({ value: "2020-11-09", precision: "day" });
  });

  it("parses every record with its kind's schema", () => {
    for (const record of records) {
      expect(() => parse(record), `${record.type} ${String(record.id)}`).not.toThrow();
      const { kind, parsed } = parse(record);
      expect(parsed.id).toBe(record.id);
      expect(parsed.visibility).toBe("public");
      expect(() => kind.index(parsed.body)).not.toThrow();
    }
  });

  it("gives every record a unique id", () => {
    const ids = records.map((r) => r.id);
    expect(ids.every((id) => typeof id === "string")).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("lists records in load order", () => {
    const orders = records.map((r) => loadOrder(r.type));
    expect(orders.every((o) => o >= 0)).toBe(true);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });

  it("refers only to earlier records of an allowed type", () => {
    const seen = new Map<string, string>();
    for (const record of records) {
      const { kind, parsed } = parse(record);
      for (const ref of kind.references(parsed.body)) {
        const found = seen.get(ref.to_id);
        expect(found, `${String(record.id)}.${ref.field} -> ${ref.to_id}`).toBeDefined();
        expect(ref.to_types, `${String(record.id)}.${ref.field} -> ${ref.to_id}`).toContain(found);
      }
      seen.set(String(record.id), record.type);
    }
  });

  it("has exactly the five actors of the reference file", () => {
    expect(
      ofType("actor")
        .map((a) => a.id)
        .sort(),
    ).toEqual(["ARM", "AZE", "EU", "RPK", "RUS"]);
  });

  it("has the three documents and their provisions", () => {
    const documents = ofType("document").map((d) => d.id);
    expect(documents).toEqual(["doc-2020-11-09", "doc-2021-01-11", "doc-2021-11-26"]);
    const provisionsOf = (documentId: string) =>
      ofType("provision")
        .filter((p) => p.document_id === documentId)
        .map((p) => p.number);
    expect(provisionsOf("doc-2020-11-09")).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    expect(provisionsOf("doc-2021-01-11")).toHaveLength(3);
    expect(provisionsOf("doc-2021-11-26")).toHaveLength(3);
    expect(ofType("provision")).toHaveLength(15);
  });

  it("keeps the ceasefire's effective time with its offset", () => {
    const [first] = ofType("document");
    expect(first?.effective).toEqual({ value: "2020-11-10T00:00:00+03:00", precision: "time" });
    expect(first?.place).toBeUndefined();
  });

  it("has four meetings, one of them planned, and three bodies", () => {
    const meetings = ofType("meeting");
    expect(meetings).toHaveLength(4);
    expect(meetings.filter((m) => m.status === "planned").map((m) => m.id)).toEqual([
      "mtg-2021-12-15",
    ]);
    expect(ofType("body")).toHaveLength(3);
  });

  it("has the delimitation commitment due on 2021-12-31", () => {
    const commitment = records.find((r) => r.id === "cmt-border-mechanisms-2021");
    expect(commitment?.type).toBe("commitment");
    expect(commitment?.due).toEqual({ value: "2021-12-31", precision: "day" });
    expect(commitment?.owners).toEqual(["ARM", "AZE"]);
    expect(commitment?.supporters).toEqual(["RUS"]);
  });

  it("records 'as soon as possible' as open-ended", () => {
    const commitment = records.find((r) => r.id === "cmt-launch-projects");
    expect(commitment?.due).toBeUndefined();
    expect(commitment?.due_text).toBe("as soon as possible");
  });

  it("names a claimant or a source for every claim", () => {
    const claims = ofType("claim");
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims) {
      const sources = (claim.source_ids as string[] | undefined) ?? [];
      expect(claim.claimant !== undefined || sources.length > 0, String(claim.id)).toBe(true);
    }
  });

  it("holds no personal data", () => {
    expect(ofType("detainee")).toHaveLength(0);
  });

  it("gives coordinates only to places known to a settlement or better", () => {
    const precisions: readonly string[] = PLACE_PRECISIONS;
    // A gazetteer's place record holds a representative point at any precision (what the place
    // is); where something happened is the records' inline places, checked here.
    const located = records.filter((r) => r.type !== "place");
    const places = located
      .flatMap(objectsIn)
      .filter((o) => typeof o.precision === "string" && precisions.includes(o.precision));
    expect(places.length).toBeGreaterThan(0);
    for (const place of places) {
      const hasCoordinates = place.lat !== undefined || place.lon !== undefined;
      if (hasCoordinates)
        expect(["settlement", "exact"], String(place.name)).toContain(place.precision);
    }
    // Nothing else carries coordinates either (no border markers, no geometries).
    for (const object of located.flatMap(objectsIn)) {
      if (object.lat !== undefined) expect(precisions).toContain(object.precision);
      expect(object.coordinates).toBeUndefined();
    }
  });

  it("loads kinds known to the domain", () => {
    const types = new Set<string>(KINDS.map((k) => k.type));
    for (const record of records) expect(types.has(record.type), record.type).toBe(true);
  });
});
