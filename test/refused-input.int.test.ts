import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadReferenceProcess } from "../src/core/load-reference-process.ts";
import type { Services } from "../src/core/services.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { ACLED_COLUMNS } from "../src/ingest/acled.ts";
import { buildApp } from "../src/server/app.ts";
import { injectAs, tokenFor } from "./support/auth.ts";
import { sampleInput } from "./support/factories.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const P = "/api/processes/armenia-azerbaijan";

/**
 * What the fuzz suite (fuzz.int.test.ts) found answering 500, each refused now with a 4xx problem
 * naming what is wrong: text the store cannot hold (NUL, lone surrogates) in bodies, queries and
 * paths, paths that are not UTF-8, impossible offsets and dates past 9999, a window that ends
 * before it starts, an import of `null`, and a bad row that rolled back its whole batch.
 */
describe.each(STORE_NAMES)("input the store would refuse, on %s", (storeName) => {
  let services: Services;
  let app: FastifyInstance;
  let asAdmin: ReturnType<typeof injectAs>;

  beforeAll(async () => {
    services = await openTestServices(storeName);
    await loadReferenceProcess(services, operatorCaller("test"));
    app = await buildApp(services, { rateLimit: 100_000 });
    asAdmin = injectAs(app, await tokenFor(services, "admin"));
  });
  afterAll(async () => {
    await app?.close();
    await services?.store.close();
  });

  const head = async () => (await asAdmin(`${P}/ledger/head`)).json().tree_size as number;

  function expectProblem(
    response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
    status: number,
    path?: string,
  ) {
    expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
    expect(String(response.headers["content-type"])).toMatch(/^application\/problem\+json/);
    if (path !== undefined) {
      const { issues } = response.json() as { issues: { path: string }[] };
      expect(issues.map((i) => i.path)).toContain(path);
    }
  }

  it("refuses NUL and lone surrogates in any kind's body with a 422 naming the field", async () => {
    const before = await head();
    for (const [type, path, field, value] of [
      ["incident", "incidents", "title", "Shelling\u0000"],
      ["link", "links", "name", "Road \uD800"],
      ["patrol", "patrols", "observations", "\uDFFF"],
    ] as const) {
      const body = { ...sampleInput(type), [field]: value };
      expectProblem(
        await asAdmin({ method: "POST", url: `${P}/${path}`, payload: body }),
        422,
        field,
      );
    }
    const nested = {
      ...sampleInput("incident"),
      place: { name: "Sotk\u0000", precision: "settlement" },
    };
    expectProblem(
      await asAdmin({ method: "POST", url: `${P}/incidents`, payload: nested }),
      422,
      "place.name",
    );
    // Every body, not only records': a process, a sign-in.
    expectProblem(
      await asAdmin({
        method: "POST",
        url: "/api/processes",
        payload: { slug: "p", name: "\u0000" },
      }),
      422,
      "name",
    );
    expectProblem(
      await app.inject({
        method: "POST",
        url: "/api/session",
        payload: { email: "a\u0000@example.org", password: "x" },
      }),
      422,
      "email",
    );
    expect(await head()).toBe(before);
  });

  it("refuses %00 in a path or a query with a 400 naming the parameter, and paths that are not UTF-8", async () => {
    expectProblem(await asAdmin("/api/processes/%00"), 400, "slug");
    expectProblem(await asAdmin(`${P}/incidents/a%00b`), 400, "id");
    expectProblem(await asAdmin(`${P}/incidents/a%00b/history`), 400, "id");
    expectProblem(await app.inject(`${P}/incidents?q=%00`), 400, "q");
    expectProblem(await app.inject(`${P}/incidents?actor=%ED%A0%80`), 400, "actor");
    for (const path of [
      "/api/processes/%",
      `${P}/incidents/%E0%A4%A`,
      `${P}/incidents/%ED%A0%80`,
    ]) {
      expectProblem(await app.inject(path), 400);
    }
  });

  it("refuses impossible offsets and dates past 9999-12-30 with a 422 naming the date", async () => {
    for (const value of ["2021-11-10T10:00:00+25:00", "9999-12-31T23:59:59-12:00", "9999-12-31"]) {
      const precision = value.length > 10 ? "time" : "day";
      const body = { ...sampleInput("incident"), date: { value, precision } };
      const response = await asAdmin({ method: "POST", url: `${P}/incidents`, payload: body });
      expectProblem(response, 422, "date.value");
    }
    expectProblem(await app.inject(`${P}/incidents?to=9999`), 400, "to");
    expectProblem(await app.inject(`${P}/stats?from=9999-12-31`), 400, "from");
    // The last day a date may cover: its week would start in the year 10000.
    expect((await app.inject(`${P}/stats?from=9999-12-30`)).statusCode).toBe(200);
  });

  it("refuses a window that ends before it starts on the overview and the map, as on lists", async () => {
    for (const url of [
      `${P}/incidents?from=2021&to=2020`,
      `${P}/stats?from=2021&to=2020-11-09&actor=ARM`,
      `${P}/tiles/0/0/0?from=2021&to=2020`,
    ]) {
      expectProblem(await app.inject(url), 400, "to");
    }
  });

  it("refuses an import of null, a number or a string as a bad request", async () => {
    for (const text of ["null", "1", '"x"']) {
      const response = await asAdmin({
        method: "POST",
        url: `${P}/imports?format=json`,
        headers: { "content-type": "application/json" },
        payload: text,
      });
      expectProblem(response, 400);
    }
  });

  it("rejects a record with a NUL by its place in the file while the other 999 of its batch land", async () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({
      type: "source",
      id: `src-batch-${i + 1}`,
      title: i === 499 ? "Report\u0000" : `Report ${i + 1}`,
      kind: "news",
    }));
    const response = await asAdmin({
      method: "POST",
      url: `${P}/imports?format=json`,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify(records),
    });
    expect(response.statusCode, response.body).toBe(200);
    const summary = response.json();
    expect(summary).toMatchObject({ read: 1000, created: 999 });
    expect(summary.rejected).toEqual([
      {
        at: "record 500",
        id: "src-batch-500",
        reason: expect.stringMatching(/title: contains a NUL/),
      },
    ]);
  });

  it("rejects a dataset's row with a NUL by its line while the rest of the file lands", async () => {
    const row = (id: string, notes: string) =>
      `${id},2024-03-14,2024,1,Political violence,Battles,Armed clash,Armenia,,1,Azerbaijan,,1,11,,` +
      "51,Caucasus and Central Asia,Armenia,Syunik,Goris,,Tegh,39.5612,46.4810,1,Fixture Wire," +
      `National,${notes},2,,1710500000`;
    const file = [
      ACLED_COLUMNS.join(","),
      row("ARM92001", "Invented: a clash."),
      row("ARM92002", "Invented:\u0000 a clash."),
      row("ARM92003", "Invented: another."),
    ].join("\n");
    const response = await asAdmin({
      method: "POST",
      url: `${P}/imports?format=acled`,
      headers: { "content-type": "text/csv" },
      payload: file,
    });
    expect(response.statusCode, response.body).toBe(200);
    const summary = response.json();
    expect(summary.rejected).toEqual([
      {
        at: "line 3",
        id: "ARM92002",
        reason: expect.stringMatching(/^incident: description: contains a NUL/),
      },
    ]);
    // The ACLED source, then an incident and a claim for each of the two good rows.
    expect(summary).toMatchObject({ created: 5, rows: 3 });
    expect((await asAdmin(`${P}/incidents/acled-ARM92003`)).statusCode).toBe(200);
  });
});
