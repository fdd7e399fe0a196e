import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../src/core/services.ts";
import { upgradeRecords } from "../src/core/upgrade-records.ts";
import { verifyLedger } from "../src/core/verify-ledger.ts";
import { buildApp } from "../src/server/app.ts";
import { insertProcess } from "../src/store/process.repository.ts";
import { injectAs, tokenFor } from "./support/auth.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const PROCESS = {
  slug: "contact-group",
  name: "A contact group's ceasefire",
  languages: ["uk", "ru", "en"],
  countries: ["UA"],
  bbox: [36.5, 46.8, 40.3, 50.1],
  started: { value: "2014-09-05", precision: "day" },
};
const P = `/api/processes/${PROCESS.slug}`;

describe.each(STORE_NAMES)("a process's lifecycle, in its ledger, on %s", (storeName) => {
  let services: Services;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: ReturnType<typeof injectAs>;
  let mediator: ReturnType<typeof injectAs>;

  beforeAll(async () => {
    services = await openTestServices(storeName);
    app = await buildApp(services, { rateLimit: 100_000 });
    admin = injectAs(app, await tokenFor(services, "admin"));
    mediator = injectAs(app, await tokenFor(services, "mediator"));
  });
  afterAll(async () => {
    await app?.close();
    await services?.store.close();
  });

  const json = (method: "POST" | "PATCH", url: string, payload: unknown, ifMatch?: string) => ({
    method,
    url,
    payload: payload as Record<string, unknown>,
    headers: ifMatch ? { "if-match": ifMatch } : {},
  });

  it("is created with its languages and bbox; its fields are the ledger's first entry", async () => {
    const created = await admin(json("POST", "/api/processes", PROCESS));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ languages: ["uk", "ru", "en"], status: "active" });
    const entries = (await admin(`${P}/ledger/entries`)).json();
    expect(entries.entries[0]).toMatchObject({ seq: 0, record_type: "process", action: "create" });
    const got = await admin(P);
    expect(got.headers.etag).toBe('"1"');
    expect((await verifyLedger(services, PROCESS.slug)).ok).toBe(true);
  });

  it("is changed by a merge patch with If-Match, by admins only, each change in the ledger", async () => {
    const noMatch = await admin(json("PATCH", P, { description: "x" }));
    expect(noMatch.statusCode).toBe(428);
    const byMediator = await mediator(json("PATCH", P, { description: "x" }, '"1"'));
    expect(byMediator.statusCode).toBe(403);
    const changed = await admin(
      json("PATCH", P, { description: "Minsk Protocol and its follow-ups", bbox: null }, '"1"'),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.json().description).toBe("Minsk Protocol and its follow-ups");
    expect(changed.json().bbox).toBeUndefined();
    const stale = await admin(json("PATCH", P, { name: "Stale" }, '"1"'));
    expect(stale.statusCode).toBe(412);
    const slug = await admin(json("PATCH", P, { slug: "another" }, '"2"'));
    expect(slug.statusCode).toBe(422);
    expect(slug.json().issues[0].path).toBe("slug");
    const nul = await admin(json("PATCH", P, { description: "a\u0000b" }, '"2"'));
    expect(nul.statusCode).toBe(422);
    expect(nul.json().issues[0].path).toBe("description");
    const bad = await admin(json("PATCH", P, { languages: ["not a tag"] }, '"2"'));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().issues[0].path).toBe("languages.0");
    expect((await verifyLedger(services, PROCESS.slug)).ok).toBe(true);
  });

  it("catches a process row changed behind the ledger's back", async () => {
    await sql`UPDATE process SET body = jsonb_set(body, '{name}', '"Rewritten"'), name = 'Rewritten' WHERE id = ${PROCESS.slug}`.execute(
      services.store.db,
    );
    const report = await verifyLedger(services, PROCESS.slug);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.message).join("\n")).toMatch(
      /the process's own fields differ from what ledger entry \d+ says/,
    );
    await sql`UPDATE process SET name = 'Renamed' WHERE id = ${PROCESS.slug}`.execute(
      services.store.db,
    );
    expect((await verifyLedger(services, PROCESS.slug)).problems.map((p) => p.message)).toContain(
      `the process's name column says "Renamed", its fields "Rewritten"`,
    );
    await sql`UPDATE process SET body = jsonb_set(body, '{name}', ${JSON.stringify(PROCESS.name)}::jsonb), name = ${PROCESS.name} WHERE id = ${PROCESS.slug}`.execute(
      services.store.db,
    );
    expect((await verifyLedger(services, PROCESS.slug)).ok).toBe(true);
  });

  it("is closed on a date for a reason; then read and verified, never written (409)", async () => {
    const actor = await admin(
      json("POST", `${P}/actors`, { id: "OSCE", name: "OSCE SMM", roles: ["monitor"] }),
    );
    expect(actor.statusCode).toBe(201);
    const noReason = await admin(
      json("POST", `${P}/close`, { on: { value: "2022-03-31", precision: "day" } }),
    );
    expect(noReason.statusCode).toBe(422);
    const closed = await admin(
      json("POST", `${P}/close`, {
        on: { value: "2022-03-31", precision: "day" },
        reason: "The monitoring mission's mandate ended",
      }),
    );
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      status: "closed",
      closed: { reason: "The monitoring mission's mandate ended" },
    });

    const write = await admin(json("POST", `${P}/actors`, { name: "Late", roles: ["party"] }));
    expect(write.statusCode).toBe(409);
    expect(write.json().detail).toContain("closed on 2022-03-31");
    const patch = await admin(json("PATCH", P, { name: "Again" }, closed.headers.etag as string));
    expect(patch.statusCode).toBe(409);
    const again = await admin(
      json("POST", `${P}/close`, {
        on: { value: "2022-04-01", precision: "day" },
        reason: "twice",
      }),
    );
    expect(again.statusCode).toBe(409);

    expect((await admin(`${P}/actors`)).json().items.map((a: { id: string }) => a.id)).toEqual([
      "OSCE",
    ]);
    const report = await verifyLedger(services, PROCESS.slug);
    expect(report.ok).toBe(true);
    expect(report.processes[0]?.records).toBe(1);
  });

  it("puts the fields of a process made before they were ledgered into its ledger, once", async () => {
    await insertProcess(services.store.db, {
      id: "older",
      name: "A process from an older store",
      body: { slug: "older", name: "A process from an older store", countries: [] },
      at: new Date().toISOString(),
    });
    // Nothing to compare yet: an older ledger is verified as it was.
    expect((await verifyLedger(services, "older")).ok).toBe(true);
    const applied = await upgradeRecords(services);
    expect(applied).toContainEqual({
      process: "older",
      upgrade: "process-fields-in-ledger",
      records: 1,
    });
    const report = await verifyLedger(services, "older");
    expect(report.ok).toBe(true);
    expect(report.processes[0]?.entries).toBe(1);
    expect((await upgradeRecords(services)).filter((a) => a.process === "older")).toEqual([]);
  });
});
