import { describe, expect, it } from "vitest";
import { editedIncident } from "../web/src/components/incident-edit.ts";

const before = {
  id: "inc-1",
  title: "Shelling near Sotk",
  kind: "shelling",
  date: { value: "2022-09-13", precision: "day" },
  place: {
    name: "Sotk",
    precision: "settlement",
    lat: 40.2,
    lon: 45.9,
    admin1: "Gegharkunik",
    country: "AM",
  },
  description: "Reported by both sides.",
  actors: ["ARM", "AZE"],
  source_ids: ["src-1"],
  verification: { status: "corroborated" },
};

describe("an incident edited through the incident form", () => {
  it("drops a description the form emptied instead of keeping the old one", () => {
    const { description: _, ...form } = {
      ...before,
      place: { name: "Sotk", precision: "settlement", lat: 40.2, lon: 45.9 },
    };
    const edited = editedIncident(before, form);
    expect(edited).not.toHaveProperty("description");
    expect(edited.title).toBe("Shelling near Sotk");
  });

  it("drops coordinates the form emptied, and keeps the place's admin areas and country", () => {
    const edited = editedIncident(before, {
      title: "Shelling near Sotk",
      place: { name: "Sotk area", precision: "district" },
      description: "Reported by both sides.",
    });
    expect(edited.place).toEqual({
      name: "Sotk area",
      precision: "district",
      admin1: "Gegharkunik",
      country: "AM",
    });
  });

  it("keeps what the form does not show: actors, sources and verification", () => {
    const edited = editedIncident(before, {
      title: "Renamed",
      place: { name: "Sotk", precision: "settlement", lat: 40.21, lon: 45.91 },
    });
    expect(edited).toMatchObject({
      title: "Renamed",
      actors: ["ARM", "AZE"],
      source_ids: ["src-1"],
      verification: { status: "corroborated" },
      place: { lat: 40.21, lon: 45.91, admin1: "Gegharkunik" },
    });
  });
});
