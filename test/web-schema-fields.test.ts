import { describe, expect, it } from "vitest";
import { KINDS, kindByType } from "../src/domain/kinds/index.ts";
import {
  fieldsOf,
  issueKey,
  keysOf,
  toFormValues,
  toRecordInput,
} from "../web/src/components/schema-fields.ts";

describe("the generic record form's fields", () => {
  it("gives every kind a control for each of its fields", () => {
    for (const kind of KINDS) {
      const shape = (kind.schema as unknown as { shape: object }).shape;
      expect(fieldsOf(kind).map((f) => f.name)).toEqual(Object.keys(shape));
    }
  });

  it("knows what every kind's id fields refer to, kinds with nested judgements included", () => {
    // The probe once failed on an incident's and a withdrawal's verification, leaving their
    // actors as free text in the form and the list.
    const refersTo = (type: string, name: string) =>
      fieldsOf(kindByType(type) as never).find((f) => f.name === name);
    expect(refersTo("incident", "actors")).toMatchObject({ control: "ids", refersTo: ["actor"] });
    expect(refersTo("withdrawal", "withdrawing")).toMatchObject({ refersTo: ["actor"] });
    expect(refersTo("withdrawal", "provision_id")).toMatchObject({ refersTo: ["provision"] });
    expect(refersTo("violation_count", "reporter")).toMatchObject({ refersTo: ["actor"] });
  });

  it("reads a commitment's schema: enums, actor lists, fuzzy dates", () => {
    const fields = fieldsOf(kindByType("commitment") as never);
    const byName = new Map(fields.map((f) => [f.name, f]));
    expect(byName.get("status")).toMatchObject({ control: "enum", isOptional: false });
    expect(byName.get("owners")).toMatchObject({ control: "ids", refersTo: ["actor"] });
    expect(byName.get("due")).toMatchObject({ control: "date", isOptional: true });
    expect(byName.get("document_id")).toMatchObject({ control: "id", refersTo: ["document"] });
    // A required select starts on what it shows.
    expect(toFormValues(fields).status).toBe("open");
  });

  it("turns values into a record the schema accepts, and back", () => {
    const kind = kindByType("hazard");
    const fields = fieldsOf(kind as never);
    const values = {
      ...toFormValues(fields),
      name: "Field near Sotk",
      status: "confirmed",
      "place.name": "Sotk",
      "place.lat": "40.2",
      "place.lon": "45.9",
      released_m2: "1200",
      "as_of.value": "2021-11",
      "as_of.precision": "month",
      reported_by: "RPK",
    };
    const { input, issues } = toRecordInput(fields, values);
    expect(issues).toEqual({});
    expect(kind?.schema.safeParse(input).success).toBe(true);
    expect(input).toMatchObject({ released_m2: 1200, place: { lat: 40.2 } });
    expect(toFormValues(fields, input)).toMatchObject({
      released_m2: "1200",
      "as_of.value": "2021-11",
    });
  });

  it("puts an issue next to the control it is about", () => {
    const keys = fieldsOf(kindByType("border_segment") as never).flatMap(keysOf);
    expect(issueKey("lines.0.geometry", keys)).toBe("lines");
    expect(issueKey("name", keys)).toBe("name");
    expect(issueKey("sides.1", keys)).toBe("sides");
    expect(issueKey("nowhere", keys)).toBe("");
  });

  it("gives figures a table of category and side rows, numbers or low/best/high, and back", () => {
    const kind = kindByType("claim");
    const fields = fieldsOf(kind as never);
    const byName = new Map(fields.map((f) => [f.name, f]));
    expect(byName.get("figures")).toMatchObject({ control: "figures" });
    expect(byName.get("totals")).toMatchObject({ control: "counts" });
    expect(byName.get("incident_id")).toMatchObject({ control: "id", refersTo: ["incident"] });
    const row = (category: string, side: string, best: string, low = "", high = "") => ({
      category,
      side,
      best,
      low,
      high,
    });
    const values = {
      ...toFormValues(fields),
      claimant: "ARM",
      subject: "incident",
      incident_id: "inc-1",
      statement: "Our losses",
      figures: [
        row("killed", "ARM", "15"),
        row("wounded", "ARM", "30", "25", "40"),
        row("captured", "civilians", "several"),
        row("missing", "AZE", ""),
      ],
      totals: [row("killed", "", "", "10", "20")],
    };
    const { input } = toRecordInput(fields, values);
    // An empty row is left out; words that are no number are kept as the words used.
    expect(input.figures).toEqual({
      killed: { ARM: 15 },
      wounded: { ARM: { best: 30, low: 25, high: 40 } },
      captured: { civilians: { text: "several" } },
    });
    expect(input.totals).toEqual({ killed: { low: 10, high: 20 } });
    expect(kind?.schema.safeParse(input).success).toBe(true);
    expect(toFormValues(fields, input).figures).toEqual(values.figures.slice(0, 3));
    // A count that is not a number is sent as typed, for the schema to name.
    const bad = toRecordInput(fields, { ...values, figures: [row("killed", "ARM", "", "x")] });
    expect(kind?.schema.safeParse(bad.input).success).toBe(false);
  });

  it("finds references a kind declares on plain text fields: a meeting's documents", () => {
    const fields = fieldsOf(kindByType("meeting") as never);
    expect(fields.find((f) => f.name === "document_ids")).toMatchObject({
      control: "ids",
      refersTo: ["document"],
    });
    // Text that refers to nothing stays text.
    expect(fields.find((f) => f.name === "persons")).toMatchObject({ control: "strings" });
  });
});
