import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoCommand } from "../src/cli/demo.ts";
import { EXAMPLE_SLUGS, loadReferenceProcess } from "../src/core/load-reference-process.ts";
import type { Services } from "../src/core/services.ts";
import { verifyLedger } from "../src/core/verify-ledger.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { KINDS, loadOrder } from "../src/domain/kinds/index.ts";
import { processFileSchema } from "../src/ingest/process-file.ts";
import { EXAMPLES } from "../src/reference/index.ts";
import { buildApp } from "../src/server/app.ts";
import { openTestServices } from "./support/stores.ts";

/**
 * Every built-in example passes the same smoke test: it is a valid process file, loads whole
 * (twice changes nothing), verifies, lists each kind it has through the API, opens its map on its
 * own box, and finds its own places first. One store for all of them (PGlite only: the examples'
 * data, not the store, is under test here; the other suites run both stores).
 */
describe("the built-in examples", () => {
  let services: Services;
  let app: FastifyInstance;
  const principal = operatorCaller("test");

  beforeAll(async () => {
    services = await openTestServices("pglite");
    app = await buildApp(services, { rateLimit: 100_000 });
  });
  afterAll(async () => {
    await app?.close();
    await services?.store.close();
  });

  it("has two, each with its own slug, which truce demo --process names and checks", () => {
    expect(EXAMPLE_SLUGS.length).toBeGreaterThanOrEqual(2);
    expect(new Set(EXAMPLE_SLUGS).size).toBe(EXAMPLE_SLUGS.length);
    for (const slug of EXAMPLE_SLUGS) expect(demoCommand.usage).toContain(slug);
    expect(() => demoCommand.run({ process: "no-such-example" }, [])).toThrow(/must be one of/);
  });

  describe.each(EXAMPLES.map((example) => [String(example.process.slug), example] as const))(
    "%s",
    (slug, example) => {
      it("is a valid process file", () => {
        const parsed = processFileSchema().safeParse({
          process: example.process,
          records: example.records,
        });
        expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
      });

      it("lists its records in load order, each after what it refers to", () => {
        const orders = example.records.map((r) => loadOrder(r.type));
        expect(orders).toEqual([...orders].sort((a, b) => a - b));
      });

      it("loads whole, twice changing nothing, and verifies", async () => {
        const first = await loadReferenceProcess(services, principal, slug);
        expect(first.rejected).toEqual([]);
        const before = (await verifyLedger(services, slug)).processes[0]?.entries;
        const again = await loadReferenceProcess(services, principal, slug);
        expect(again.rejected).toEqual([]);
        const report = await verifyLedger(services, slug);
        expect(report.problems).toEqual([]);
        expect(report.processes[0]?.entries).toBe(before);
        expect(report.processes[0]?.records).toBe(example.records.length);
      });

      it("lists each kind of record it has, and opens its map on its own box", async () => {
        const res = await app.inject({ method: "GET", url: `/api/processes/${slug}` });
        expect(res.statusCode).toBe(200);
        expect(res.json().bbox).toEqual(example.process.bbox);
        for (const kind of KINDS) {
          const expected = example.records.filter((r) => r.type === kind.type).length;
          const list = await app.inject({
            method: "GET",
            url: `/api/processes/${slug}/${kind.path}?limit=500`,
          });
          expect(list.statusCode, `${kind.path}: ${list.body}`).toBe(200);
          expect(list.json().items.length, kind.path).toBe(expected);
        }
      });

      it("finds its own places first, by any of their names", async () => {
        const place = example.records.find((r) => r.type === "place" && Array.isArray(r.aliases));
        const alias = (place?.aliases as string[] | undefined)?.[0];
        expect(alias).toBeDefined();
        const res = await app.inject({
          method: "GET",
          url: `/api/processes/${slug}/gazetteer?q=${encodeURIComponent(alias ?? "")}&world=false`,
        });
        expect(res.statusCode).toBe(200);
        expect(res.json().places[0]).toMatchObject({ source: "process", id: place?.id });
      });
    },
  );
});
