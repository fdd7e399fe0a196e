import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcess } from "../src/core/create-process.ts";
import { importRecords } from "../src/core/import-records.ts";
import type { Services } from "../src/core/services.ts";
import { updateRecord } from "../src/core/update-record.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { buildApp } from "../src/server/app.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const OPERATOR = operatorCaller("test");
const day = (d: number) => ({ value: `2026-01-${String(d).padStart(2, "0")}`, precision: "day" });
const place = { name: "Post 7", precision: "exact", lat: 40, lon: 45 };

/** The entries of an Atom document: each one's id, title, link and updated. */
function entriesOf(xml: string) {
  return [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map(([, body = ""]) => ({
    id: /<id>([^<]*)<\/id>/.exec(body)?.[1],
    title: /<title type="html"><!\[CDATA\[([\s\S]*?)\]\]><\/title>|<title[^>]*>([^<]*)<\/title>/
      .exec(body)
      ?.slice(1)
      .find(Boolean),
    link: /<link href="([^"]*)"/.exec(body)?.[1]?.replaceAll("&amp;", "&"),
    updated: /<updated>([^<]*)<\/updated>/.exec(body)?.[1],
  }));
}

describe.each(STORE_NAMES)("the Atom feed on %s", (storeName) => {
  let services: Services;
  let app: FastifyInstance;
  let clock = new Date("2026-01-10T00:00:00.000Z");
  beforeAll(async () => {
    services = { ...(await openTestServices(storeName)), now: () => clock };
    await createProcess(services, { slug: "f", name: "Feed test" }, OPERATOR);
    const incident = (id: string, d: number, extra: Record<string, unknown> = {}) => ({
      type: "incident",
      id,
      title: `Incident ${id}`,
      kind: "shooting",
      date: day(d),
      place,
      ...extra,
    });
    await importRecords(
      services,
      "f",
      [
        incident("i-1", 1),
        incident("i-2", 2, { kind: "shelling" }),
        incident("i-secret", 3, { visibility: "confidential" }),
        { type: "actor", id: "party-a", name: "Party A", roles: ["party"] },
      ].map((record) => ({ at: String(record.id), record })),
      { principal: OPERATOR },
    );
    clock = new Date("2026-01-11T00:00:00.000Z");
    await updateRecord(
      services,
      "f",
      "incident",
      "i-1",
      { title: "Incident i-1, corrected", kind: "shooting", date: day(1), place },
      1,
      OPERATOR,
    );
    app = await buildApp(services);
  });
  afterAll(async () => {
    await app.close();
    await services.store.close();
  });

  it("is Atom 1.0: the latest change first, each record once, linking to its page", async () => {
    const response = await app.inject({
      url: "/api/processes/f/feed.atom",
      headers: { host: "truce.test" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const xml = response.body;
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
    );
    // What Atom requires of a feed: its id, title, updated and an author.
    for (const element of ["<id>", "<title>", "<updated>", "<author>"])
      expect(xml).toContain(element);
    expect(xml).toContain('rel="self"');
    const entries = entriesOf(xml);
    // The correction last; then the import, newest entry first (its actors were written first).
    expect(entries.map((e) => e.id)).toEqual([
      "http://truce.test/api/processes/f/incidents/i-1",
      "http://truce.test/api/processes/f/incidents/i-2",
      "http://truce.test/api/processes/f/actors/party-a",
    ]);
    expect(entries).toHaveLength(3);
    expect(entries[0]?.title).toContain("Incident i-1, corrected");
    expect(entries[0]?.link).toBe("http://truce.test/incidents?process=f&id=i-1");
    expect(entries[0]?.updated).toBe("2026-01-11T00:00:00.000Z");
    expect(xml).not.toContain("i-secret");
  });

  it("shows a mediator the confidential records too", async () => {
    const { addUser } = await import("../src/core/accounts.ts");
    const { token } = await addUser(
      services,
      { email: `feed-mediator-${storeName}@test.example`, role: "mediator" },
      { token: true },
    );
    const response = await app.inject({
      url: "/api/processes/f/feed.atom",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(entriesOf(response.body).map((e) => e.id?.split("/").at(-1))).toContain("i-secret");
  });

  it("takes the list filters", async () => {
    const ids = async (query: string) =>
      entriesOf((await app.inject(`/api/processes/f/feed.atom?${query}`)).body).map((e) =>
        e.id?.split("/").at(-1),
      );
    expect(await ids("type=incident")).toEqual(["i-1", "i-2"]);
    expect(await ids("type=incidents&kind=shelling")).toEqual(["i-2"]);
    expect(await ids("from=2026-01-02&to=2026-01-31")).toEqual(["i-2"]);
    expect(await ids("q=corrected")).toEqual(["i-1"]);
    expect(await ids("limit=1")).toEqual(["i-1"]);
  });

  it("refuses filters that cannot match as problems naming them", async () => {
    const noType = await app.inject("/api/processes/f/feed.atom?kind=shelling");
    expect(noType.statusCode).toBe(400);
    expect(noType.json().issues[0].path).toBe("kind");
    const badKind = await app.inject("/api/processes/f/feed.atom?type=incident&kind=picnic");
    expect(badKind.statusCode).toBe(400);
    const badType = await app.inject("/api/processes/f/feed.atom?type=unicorn");
    expect(badType.json().issues[0].path).toBe("type");
    expect((await app.inject("/api/processes/nowhere/feed.atom")).statusCode).toBe(404);
  });
});
