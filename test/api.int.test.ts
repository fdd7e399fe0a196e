import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadReferenceProcess } from "../src/core/load-reference-process.ts";
import type { Services } from "../src/core/services.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { KINDS } from "../src/domain/kinds/index.ts";
import { fromHex, verifyConsistency, verifyInclusion } from "../src/ledger/merkle.ts";
import { buildApp } from "../src/server/app.ts";
import { injectAs, tokenFor } from "./support/auth.ts";
import { changedInput, sampleInput } from "./support/factories.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const P = "/api/processes/armenia-azerbaijan";

describe.each(STORE_NAMES)("HTTP API on %s", (storeName) => {
  let services: Services;
  let app: FastifyInstance;
  // As an admin of every process: these tests are about the API, not about who may use it.
  let inject: ReturnType<typeof injectAs>;

  beforeAll(async () => {
    services = await openTestServices(storeName);
    await loadReferenceProcess(services, operatorCaller("test"));
    app = await buildApp(services, { rateLimit: 100_000 });
    inject = injectAs(app, await tokenFor(services, "admin"));
  });
  afterAll(async () => {
    await app?.close();
    await services?.store.close();
  });

  const head = async () => (await inject(`${P}/ledger/head`)).json().tree_size as number;

  it("reports health with the store's kind", async () => {
    const response = await inject("/api/health");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: "ok", store: storeName });
  });

  it("lists processes and shows the example with its counts", async () => {
    expect(
      (await inject("/api/processes")).json().items.map((p: { slug: string }) => p.slug),
    ).toEqual(["armenia-azerbaijan"]);
    const process = (await inject(P)).json();
    expect(process.counts).toMatchObject({ actor: 5, document: 3, meeting: 4, body: 3 });
    expect(process.ledger_size).toBeGreaterThan(50);
  });

  describe.each(KINDS.map((k) => [k.path, k.type] as const))("/%s", (path, type) => {
    it("creates, reads, updates with If-Match, refuses a stale version, and deletes", async () => {
      const input = sampleInput(type, 1);
      const created = await inject({ method: "POST", url: `${P}/${path}`, payload: input });
      expect(created.statusCode, created.body).toBe(201);
      const record = created.json();
      expect(record).toMatchObject({ type, version: 1, visibility: "public" });
      expect(created.headers.etag).toBe('"1"');

      const fetched = await inject(`${P}/${path}/${record.id}`);
      expect(fetched.statusCode).toBe(200);
      expect(fetched.headers.etag).toBe('"1"');

      const listed = await inject(`${P}/${path}?limit=500`);
      expect(listed.json().items.map((r: { id: string }) => r.id)).toContain(record.id);

      const changed = changedInput(input);
      const updated = await inject({
        method: "PUT",
        url: `${P}/${path}/${record.id}`,
        headers: { "if-match": '"1"' },
        payload: changed,
      });
      expect(updated.statusCode, updated.body).toBe(200);
      expect(updated.json().version).toBe(2);

      const before = await head();
      const stale = await inject({
        method: "PUT",
        url: `${P}/${path}/${record.id}`,
        headers: { "if-match": '"1"' },
        payload: input,
      });
      expect(stale.statusCode).toBe(412);
      expect(stale.headers["content-type"]).toContain("application/problem+json");
      expect(await head()).toBe(before);

      const history = (await inject(`${P}/${path}/${record.id}/history`)).json().entries;
      expect(history.map((e: { action: string }) => e.action)).toEqual(["create", "update"]);

      const deleted = await inject({
        method: "DELETE",
        url: `${P}/${path}/${record.id}`,
        headers: { "if-match": '"2"' },
      });
      expect(deleted.statusCode).toBe(204);
      expect((await inject(`${P}/${path}/${record.id}`)).statusCode).toBe(404);
      expect(await head()).toBe(before + 1);
    });
  });

  describe("bad input gets a problem naming the field and writes nothing", () => {
    const cases: Array<
      [
        string,
        () => Promise<{ statusCode: number; json: () => Record<string, unknown> }>,
        number,
        string,
      ]
    > = [
      [
        "malformed JSON",
        () =>
          inject({
            method: "POST",
            url: `${P}/incidents`,
            headers: { "content-type": "application/json" },
            payload: "{bad",
          }),
        400,
        "",
      ],
      [
        "a wrong type",
        () =>
          inject({
            method: "POST",
            url: `${P}/incidents`,
            payload: { ...sampleInput("incident"), title: 42 },
          }),
        422,
        "title",
      ],
      [
        "latitude 200",
        () =>
          inject({
            method: "POST",
            url: `${P}/incidents`,
            payload: {
              ...sampleInput("incident"),
              place: { name: "X", precision: "exact", lat: 200, lon: 45 },
            },
          }),
        422,
        "place.lat",
      ],
      [
        "2021-02-30",
        () =>
          inject({
            method: "POST",
            url: `${P}/incidents`,
            payload: {
              ...sampleInput("incident"),
              date: { value: "2021-02-30", precision: "day" },
            },
          }),
        422,
        "date.value",
      ],
      [
        "a month passed off as a day",
        () =>
          inject({
            method: "POST",
            url: `${P}/incidents`,
            payload: { ...sampleInput("incident"), date: { value: "2021-05", precision: "day" } },
          }),
        422,
        "date.precision",
      ],
      [
        "an unknown field",
        () =>
          inject({
            method: "POST",
            url: `${P}/incidents`,
            payload: { ...sampleInput("incident"), casualties: 3 },
          }),
        422,
        "casualties",
      ],
      [
        "a reference to nothing",
        () =>
          inject({
            method: "POST",
            url: `${P}/claims`,
            payload: { ...sampleInput("claim"), claimant: "XYZ" },
          }),
        422,
        "claimant",
      ],
      [
        "a record of another kind",
        () =>
          inject({
            method: "POST",
            url: `${P}/incidents`,
            payload: { ...sampleInput("incident"), type: "claim" },
          }),
        422,
        "type",
      ],
      [
        "a 20 MB body",
        () =>
          inject({
            method: "POST",
            url: `${P}/incidents`,
            payload: { ...sampleInput("incident"), description: "x".repeat(20 * 1024 * 1024) },
          }),
        413,
        "",
      ],
      [
        "an unknown process",
        () =>
          inject({
            method: "POST",
            url: "/api/processes/nowhere/incidents",
            payload: sampleInput("incident"),
          }),
        404,
        "",
      ],
      [
        "an update without If-Match",
        () =>
          inject({
            method: "PUT",
            url: `${P}/incidents/inc-2020-war`,
            payload: sampleInput("incident"),
          }),
        428,
        "If-Match",
      ],
      [
        "a stale If-Match",
        () =>
          inject({
            method: "PUT",
            url: `${P}/incidents/inc-2020-war`,
            headers: { "if-match": '"99"' },
            payload: sampleInput("incident"),
          }),
        412,
        "",
      ],
      ["a mistyped kind filter", () => inject(`${P}/incidents?kind=shellling`), 400, "kind"],
      [
        "a status filter a kind does not have",
        () => inject(`${P}/incidents?verification=bogus`),
        400,
        "verification",
      ],
      [
        "a date window that ends before it starts",
        () => inject(`${P}/incidents?from=2022&to=2021`),
        400,
        "to",
      ],
      [
        "deleting without If-Match",
        // Refused before the record is even looked at: the version is what makes a delete safe.
        () => inject({ method: "DELETE", url: `${P}/incidents/inc-2021-05-12-border-crisis` }),
        428,
        "If-Match",
      ],
      [
        "deleting a record others refer to",
        () => inject({ method: "DELETE", url: `${P}/actors/ARM`, headers: { "if-match": '"1"' } }),
        409,
        "",
      ],
    ];
    it.each(cases)("%s", async (_name, send, status, field) => {
      const before = await head();
      const response = await send();
      expect(response.statusCode).toBe(status);
      const problem = response.json();
      expect(problem).toMatchObject({
        status,
        type: expect.any(String),
        title: expect.any(String),
        detail: expect.any(String),
      });
      if (field) {
        expect((problem.issues as Array<{ path: string }>).map((i) => i.path)).toContain(field);
      }
      expect(await head()).toBe(before);
    });
  });

  it("names the values a mistyped filter could have had, and treats an empty search as none", async () => {
    const mistyped = (await inject(`${P}/incidents?kind=shellling`)).json();
    expect(mistyped.issues[0].message).toContain("shelling");
    expect(mistyped.issues[0].message).toMatch(/^one of /);
    const all = (await inject(`${P}/incidents?limit=500`)).json().items.length;
    expect(all).toBeGreaterThan(0);
    expect((await inject(`${P}/incidents?q=&limit=500`)).json().items).toHaveLength(all);
    // Patrols have no kind: filtering them by one is refused, not answered with nothing.
    const patrols = (await inject(`${P}/patrols?kind=any`)).json();
    expect(patrols.issues[0]).toMatchObject({
      path: "kind",
      message: "patrols have no kind to filter by",
    });
  });

  it("filters by date range, bbox, kind, actor, verification and text", async () => {
    const ids = (response: { json: () => { items: Array<{ id: string }> } }) =>
      response.json().items.map((r) => r.id);
    expect(ids(await inject(`${P}/incidents?from=2021-11-16&to=2021-11-16`))).toContain(
      "inc-2021-11-16-border-fighting",
    );
    expect(ids(await inject(`${P}/incidents?from=2021-11-17`))).not.toContain(
      "inc-2021-11-16-border-fighting",
    );
    // The war's range (September to November 2020) overlaps October 2020.
    expect(ids(await inject(`${P}/incidents?from=2020-10&to=2020-10`))).toEqual(["inc-2020-war"]);
    expect(ids(await inject(`${P}/incidents?kind=war`))).toEqual(["inc-2020-war"]);
    expect(ids(await inject(`${P}/documents?bbox=39,43,40,44`))).toEqual(["doc-2021-11-26"]);
    expect(ids(await inject(`${P}/claims?actor=AZE`)).length).toBeGreaterThan(0);
    expect(
      ids(await inject(`${P}/incidents?verification=unverified`)).length,
    ).toBeGreaterThanOrEqual(3);
    expect(ids(await inject(`${P}/provisions?q=Lachin`))).toContain("prv-2020-11-09-6");
    expect((await inject(`${P}/incidents?bbox=1,2,3`)).statusCode).toBe(400);
    expect((await inject(`${P}/incidents?limit=501`)).statusCode).toBe(400);
    expect((await inject(`${P}/incidents?color=red`)).json().issues[0].path).toBe("color");
  });

  it("pages through a list with cursors, in a stable order, without gaps or repeats", async () => {
    const all = (await inject(`${P}/claims?limit=500`))
      .json()
      .items.map((r: { id: string }) => r.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await inject(`${P}/claims?limit=4${cursor ? `&cursor=${cursor}` : ""}`);
      const page: { items: Array<{ id: string }>; next_cursor: string | null } = response.json();
      seen.push(...page.items.map((r: { id: string }) => r.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(8);
    const descending = (await inject(`${P}/claims?limit=500&order=desc`))
      .json()
      .items.map((r: { id: string }) => r.id);
    expect(descending).toEqual([...all].reverse());
    expect((await inject(`${P}/claims?cursor=garbage`)).statusCode).toBe(400);
  });

  it("derives an incident's figures from its claims, side by side", async () => {
    const incident = (
      await inject({
        method: "POST",
        url: `${P}/incidents`,
        payload: sampleInput("incident", 7),
      })
    ).json();
    for (const [claimant, arm, aze] of [
      ["ARM", 2, 9],
      ["AZE", 6, 1],
    ] as const) {
      const claim = {
        claimant,
        subject: "incident",
        incident_id: incident.id,
        statement: "x",
        figures: { killed: { ARM: arm, AZE: aze } },
      };
      expect(
        (await inject({ method: "POST", url: `${P}/claims`, payload: claim })).statusCode,
      ).toBe(201);
    }
    const figures = (await inject(`${P}/incidents/${incident.id}`)).json().claimed_figures;
    const arm = figures.find((f: { side: string }) => f.side === "ARM");
    expect(arm).toMatchObject({ category: "killed", low: 2, high: 6 });
    expect(
      arm.claims.map((c: { claimant: string; count: number }) => [c.claimant, c.count]),
    ).toEqual([
      ["ARM", 2],
      ["AZE", 6],
    ]);
  });

  it("serves a signed head and inclusion and consistency proofs that verify", async () => {
    const signed = (await inject(`${P}/ledger/head`)).json();
    expect(signed.signature).toEqual(expect.any(String));
    const size = signed.tree_size as number;
    const entries = (await inject(`${P}/ledger/entries?from=3&limit=2`)).json().entries;
    expect(entries.map((e: { seq: number }) => e.seq)).toEqual([3, 4]);
    const inclusion = (
      await inject(`${P}/ledger/proof/inclusion?index=3&tree_size=${size}`)
    ).json();
    expect(inclusion.root_hash).toBe(signed.root_hash);
    expect(
      verifyInclusion(
        fromHex(entries[0].leaf_hash),
        3,
        size,
        inclusion.audit_path.map(fromHex),
        fromHex(signed.root_hash),
      ),
    ).toBe(true);
    const consistency = (
      await inject(`${P}/ledger/proof/consistency?first=10&second=${size}`)
    ).json();
    expect(
      verifyConsistency(
        10,
        size,
        fromHex(consistency.first_root_hash),
        fromHex(signed.root_hash),
        consistency.consistency_path.map(fromHex),
      ),
    ).toBe(true);
    expect((await inject(`${P}/ledger/proof/inclusion?index=${size}`)).statusCode).toBe(400);
    const keys = (await inject("/api/keys")).json().keys;
    expect(keys.map((k: { key_id: string }) => k.key_id)).toContain(signed.key_id);
  });

  it("appends concurrent writes one after the other: no fork, no lost entry", async () => {
    const before = await head();
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        inject({
          method: "POST",
          url: `${P}/sources`,
          payload: sampleInput("source", 100 + i),
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    expect(await head()).toBe(before + 12);
    const { verifyLedger } = await import("../src/core/verify-ledger.ts");
    expect((await verifyLedger(services)).problems).toEqual([]);
  });

  it("publishes OpenAPI 3.1 with every kind's routes, and browsable docs", async () => {
    const spec = (await inject("/api/openapi.json")).json();
    expect(spec.openapi).toBe("3.1.0");
    for (const kind of KINDS)
      expect(Object.keys(spec.paths)).toContain(`/api/processes/{slug}/${kind.path}`);
    expect((await inject("/api/docs/")).statusCode).toBe(200);
    const home = await inject("/");
    expect(home.statusCode).toBe(200);
    expect(home.headers["content-type"]).toContain("text/html");
  });

  it("sends security headers: a locked-down policy on JSON, Helmet's on pages", async () => {
    const json = await inject(`${P}/actors`);
    expect(json.headers["content-security-policy"]).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(json.headers["x-content-type-options"]).toBe("nosniff");
    const page = await inject("/");
    const policy = String(page.headers["content-security-policy"]);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain("unsafe-inline';script");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});
