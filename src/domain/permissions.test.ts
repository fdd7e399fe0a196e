import { describe, expect, it } from "vitest";
import type { Viewer } from "./access.ts";
import { ownFields, writeRefusal } from "./permissions.ts";

const create = (viewer: Viewer, type: string, body: Record<string, unknown>) =>
  writeRefusal(viewer, "create", undefined, { type, visibility: "public", body });

describe("a new record's own fields", () => {
  const delegate: Viewer = { role: "delegate", party: "ARM" };

  it("make a delegate's claim and submission its party's, which it may then create", () => {
    expect(ownFields(delegate, "claim")).toEqual({ claimant: "ARM" });
    expect(create(delegate, "claim", ownFields(delegate, "claim"))).toBeUndefined();
    expect(create(delegate, "source", ownFields(delegate, "source"))).toBeUndefined();
    // Without them, or with the other party's, the same create is refused.
    expect(create(delegate, "claim", {})).toMatch(/ARM's own claims/);
    expect(create(delegate, "claim", { claimant: "AZE" })).toMatch(/ARM's own claims/);
    expect(create(delegate, "source", { kind: "news_report" })).toMatch(/submissions/);
  });

  it("give a delegate nothing to own in kinds it never writes", () => {
    expect(ownFields(delegate, "incident")).toEqual({});
    expect(create(delegate, "incident", ownFields(delegate, "incident"))).toMatch(
      /a delegate of ARM writes only ARM's own claims and submissions/,
    );
    // The kind itself is writable: a monitor creates the same incident.
    expect(create({ role: "monitor" }, "incident", {})).toBeUndefined();
  });

  it("are empty for every other role, whose rights do not depend on them", () => {
    for (const viewer of [{ role: "monitor" }, { role: "admin" }, { role: "public" }] as Viewer[]) {
      expect(ownFields(viewer, "claim")).toEqual({});
    }
    expect(create({ role: "monitor" }, "claim", {})).toBeUndefined();
    expect(create({ role: "admin" }, "claim", {})).toBeUndefined();
    expect(create({ role: "public" }, "claim", {})).toBe("sign in to change the record");
  });
});

describe("the monitors' judgement", () => {
  const verified = {
    title: "Shelling",
    verification: { status: "verified", reason: "seen by the patrol", by: "RPK" },
  };
  const update = (viewer: Viewer, after: Record<string, unknown>) =>
    writeRefusal(
      viewer,
      "update",
      { type: "incident", visibility: "public", body: verified },
      { type: "incident", visibility: "public", body: after },
    );

  it("may not be rewritten by a mediator, in any part: who judged, why, or the status", () => {
    const mediator: Viewer = { role: "mediator" };
    const rewritten = (change: Record<string, unknown>) => ({
      ...verified,
      verification: { ...verified.verification, ...change },
    });
    expect(update(mediator, rewritten({ by: "EU" }))).toMatch(/only monitors set/);
    expect(update(mediator, rewritten({ reason: "a rumour" }))).toMatch(/only monitors set/);
    expect(update(mediator, rewritten({ status: "disputed" }))).toMatch(/only monitors set/);
    // The rest of the incident is the mediator's to edit.
    expect(update(mediator, { ...verified, title: "Shelling near Sotk" })).toBeUndefined();
  });

  it("is the monitors' and admins' to change", () => {
    const after = { ...verified, verification: { ...verified.verification, by: "EU" } };
    expect(update({ role: "monitor" }, after)).toBeUndefined();
    expect(update({ role: "admin" }, after)).toBeUndefined();
  });
});
