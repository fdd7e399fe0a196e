import { describe, expect, it } from "vitest";
import { DomainError } from "./errors.ts";
import { kindByType } from "./kinds/index.ts";
import { orderForLoad } from "./load-order.ts";
import { parseRecordInput } from "./record-input.ts";

const incident = kindByType("incident");
if (!incident) throw new Error("incident kind missing");

const valid = {
  title: "Shelling",
  kind: "shelling",
  date: { value: "2021-11-16", precision: "day" },
  place: { name: "Sotk", precision: "settlement", lat: 40.2, lon: 45.9 },
};

function issuesOf(input: unknown): string[] {
  try {
    parseRecordInput(incident as NonNullable<typeof incident>, input);
  } catch (error) {
    if (error instanceof DomainError) return (error.details.issues ?? []).map((i) => i.path);
    throw error;
  }
  return [];
}

describe("record input", () => {
  it("splits envelope and fields and applies defaults", () => {
    const parsed = parseRecordInput(incident, { ...valid, id: "inc-1" });
    expect(parsed.id).toBe("inc-1");
    expect(parsed.visibility).toBe("public");
    expect(parsed.body.verification).toEqual({ status: "unverified" });
    expect(parsed.body).not.toHaveProperty("id");
  });

  it("reports every bad field at once, by path", () => {
    expect(
      issuesOf({
        ...valid,
        title: "",
        place: { ...valid.place, lat: 200 },
        extra: true,
        visibility: "secret",
      }).sort(),
    ).toEqual(["extra", "place.lat", "title", "visibility"]);
  });

  it("ties restricted_to to restricted visibility", () => {
    expect(issuesOf({ ...valid, visibility: "restricted" })).toEqual(["restricted_to"]);
    expect(issuesOf({ ...valid, visibility: "public", restricted_to: "ARM" })).toEqual([
      "restricted_to",
    ]);
    expect(issuesOf({ ...valid, visibility: "restricted", restricted_to: "ARM" })).toEqual([]);
  });

  it("ignores read-only fields, so what was read can be written back", () => {
    const parsed = parseRecordInput(incident, {
      ...valid,
      type: "incident",
      version: 3,
      created_at: "x",
      claim_ids: [],
    });
    expect(parsed.body).not.toHaveProperty("version");
    expect(parsed.body).not.toHaveProperty("claim_ids");
    expect(issuesOf({ ...valid, type: "claim" })).toEqual(["type"]);
  });

  it("requires coordinates in pairs and a reason for a verification", () => {
    expect(issuesOf({ ...valid, place: { name: "X", precision: "exact", lat: 40 } })).toEqual([
      "place.lon",
    ]);
    expect(issuesOf({ ...valid, verification: { status: "verified" } })).toEqual([
      "verification.reason",
    ]);
  });

  it("loads records after the records of the same kind they refer to", () => {
    const commitment = (id: string, superseded_by?: string) => ({
      type: "commitment",
      record: { id },
      body: {
        summary: id,
        owners: [],
        supporters: [],
        status: "open",
        source_ids: [],
        ...(superseded_by ? { superseded_by } : {}),
      },
    });
    const actor = {
      type: "actor",
      record: { id: "ARM" },
      body: { name: "Armenia", roles: ["party"] },
    };
    const ordered = orderForLoad([commitment("old", "new"), actor, commitment("new")]);
    expect(ordered.map((item) => item.record.id)).toEqual(["ARM", "new", "old"]);
  });

  it("refuses text the store cannot hold in any field, naming it: NUL and lone surrogates", () => {
    expect(issuesOf({ ...valid, title: "Shelling\u0000" })).toEqual(["title"]);
    expect(issuesOf({ ...valid, place: { ...valid.place, name: "Sotk\uD800" } })).toEqual([
      "place.name",
    ]);
    expect(issuesOf({ ...valid, weapons: ["mortar", "x\uDC00y"] })).toEqual(["weapons.1"]);
    expect(issuesOf({ ...valid, id: "inc\u0000" })).toContain("id");
    // A pair of surrogates is one character (an emoji), which the store holds.
    expect(issuesOf({ ...valid, title: "Shelling 😀" })).toEqual([]);
    // Read-only fields are ignored on write, whatever they hold.
    expect(issuesOf({ ...valid, claim_ids: ["\u0000"] })).toEqual([]);
  });
});
