import fc from "fast-check";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadReferenceProcess } from "../src/core/load-reference-process.ts";
import type { Services } from "../src/core/services.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { KINDS } from "../src/domain/kinds/index.ts";
import { buildApp } from "../src/server/app.ts";
import { tokenFor } from "./support/auth.ts";
import { sampleInput } from "./support/factories.ts";
import {
  CSV_FORMATS,
  type CsvFormat,
  encodeLoosely,
  fuzzCsv,
  fuzzDeepJson,
  fuzzJson,
  fuzzNumber,
  fuzzUrlComponent,
} from "./support/fuzz.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

/**
 * No input answers 5xx: every route of the OpenAPI document, every query parameter, every kind's
 * body and every importer, driven with fast-check, 10,000 cases on PGlite (a third as many on
 * PostgreSQL). The seed is fixed so that CI is reproducible; FUZZ_SEED=<n> runs another. A failure
 * prints its seed and path and the command that replays it (FUZZ_PATH runs that one case, of the
 * property `-t` names). FUZZ_RUNS scales the number of cases; FUZZ_COLLECT=1 runs every case and
 * lists every failure instead of stopping at the first.
 */
const SEED = process.env.FUZZ_SEED === undefined ? 20_251_111 : Number(process.env.FUZZ_SEED);
const PATH = process.env.FUZZ_PATH;
const SCALE = process.env.FUZZ_RUNS === undefined ? 1 : Number(process.env.FUZZ_RUNS);
const COLLECT = process.env.FUZZ_COLLECT === "1";
const collected: string[] = [];

const SLUG = "armenia-azerbaijan";
const P = `/api/processes/${SLUG}`;

type Operation = {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  params: { name: string; in: string }[];
  hasBody: boolean;
};

/** What the fuzz knows of the example process: ids of each kind, cursors, the ledger's size. */
type Known = {
  ids: Map<string, string[]>;
  allIds: string[];
  cursors: string[];
  ledgerSize: number;
  operations: Operation[];
};

/** The error behind the last 5xx, to say why it happened. */
let serverError: string | undefined;

function describeRequest(request: InjectOptions): string {
  const body =
    typeof request.payload === "string"
      ? request.payload.length > 300
        ? `${JSON.stringify(request.payload.slice(0, 300))}… (${request.payload.length} chars)`
        : JSON.stringify(request.payload)
      : "";
  return `${request.method ?? "GET"} ${String(request.url).slice(0, 400)} ${body}`;
}

/**
 * The property every answer keeps: below 500, and a problem document for every 4xx, which names
 * the failing fields when the request did not validate. `field` is the body field the case broke.
 */
function checkAnswer(
  request: InjectOptions,
  response: LightMyRequestResponse,
  field?: string,
): void {
  const where = describeRequest(request);
  if (response.statusCode >= 500) {
    throw new Error(
      `${where}\nanswered ${response.statusCode}: ${response.body.slice(0, 500)}\nserver: ${serverError}`,
    );
  }
  if (response.statusCode < 400) return;
  const type = String(response.headers["content-type"]);
  if (!type.startsWith("application/problem+json")) {
    throw new Error(`${where}\nanswered ${response.statusCode} as ${type}, not a problem`);
  }
  const problem = response.json() as { status?: number; issues?: { path: unknown }[] };
  if (problem.status !== response.statusCode) {
    throw new Error(
      `${where}\nthe problem says ${problem.status}, the status ${response.statusCode}`,
    );
  }
  if (response.statusCode === 422) {
    const issues = problem.issues;
    if (
      !Array.isArray(issues) ||
      issues.length === 0 ||
      issues.some((i) => typeof i.path !== "string")
    ) {
      throw new Error(`${where}\nanswered 422 without issues naming the fields: ${response.body}`);
    }
    if (field !== undefined && !issues.some((i) => String(i.path).startsWith(field))) {
      throw new Error(
        `${where}\nanswered 422 without naming ${field}: ${response.body.slice(0, 500)}`,
      );
    }
  }
}

function runs(n: number, store: string): number {
  return Math.max(1, Math.round(n * SCALE * (store === "pglite" ? 1 : 1 / 3)));
}

describe.each(STORE_NAMES)(
  "no 5xx on any input, and a problem for every 4xx: fuzzing the API on %s",
  (storeName) => {
    let services: Services;
    let app: FastifyInstance;
    let admin: string;
    let known: Known;
    /** Each kind's record made for updating, and its current version. */
    const ownRecords = new Map<string, { id: string; version: number }>();

    const send = async (request: InjectOptions, field?: string) => {
      serverError = undefined;
      const response = await app.inject(request);
      try {
        checkAnswer(request, response, field);
      } catch (error) {
        if (!COLLECT) throw error;
        collected.push((error as Error).message);
      }
      return response;
    };
    /**
     * Runs `property` for `n` cases (fewer on PostgreSQL). The first failure ends the run: its
     * message says the request, the answer and the server's error, then how to replay it.
     */
    const fuzz = async <T>(name: string, property: fc.IAsyncPropertyWithHooks<T>, n: number) => {
      try {
        await fc.assert(property, {
          seed: SEED,
          numRuns: runs(n, storeName),
          endOnFailure: true,
          ...(PATH ? { path: PATH } : {}),
        });
      } catch (error) {
        const path = /path: "([\d:]+)"/.exec(String((error as Error).message))?.[1];
        const replay = `FUZZ_SEED=${SEED}${path ? ` FUZZ_PATH=${path}` : ""} npx vitest run test/fuzz.int.test.ts -t "${name}"`;
        throw new Error(`${(error as Error).message}\n\nReplay it on ${storeName}: ${replay}`, {
          cause: error,
        });
      }
      if (COLLECT) expect(collected.splice(0), `seed ${SEED}`).toEqual([]);
    };

    beforeAll(async () => {
      services = await openTestServices(storeName);
      await loadReferenceProcess(services, operatorCaller("test"));
      app = await buildApp(services, { rateLimit: 1_000_000 });
      // What the problem handler logs of a 5xx, without a logger's cost on every other request.
      app.addHook("onError", async (_request, _reply, error) => {
        serverError = error.stack ?? error.message;
      });
      admin = await tokenFor(services, "admin");
      const auth = { authorization: `Bearer ${admin}` };
      const ids = new Map<string, string[]>();
      const cursors: string[] = [];
      for (const kind of KINDS) {
        const page = (await app.inject({ url: `${P}/${kind.path}?limit=2`, headers: auth })).json();
        ids.set(
          kind.path,
          page.items.map((item: { id: string }) => item.id),
        );
        if (page.next_cursor) cursors.push(page.next_cursor);
        const created = await app.inject({
          method: "POST",
          url: `${P}/${kind.path}`,
          headers: auth,
          payload: sampleInput(kind.type, 900),
        });
        expect(created.statusCode, created.body).toBe(201);
        ownRecords.set(kind.type, { id: created.json().id, version: 1 });
      }
      const document = (await app.inject("/api/openapi.json")).json() as {
        paths: Record<
          string,
          Record<string, { parameters?: Operation["params"]; requestBody?: unknown }>
        >;
      };
      const operations: Operation[] = [];
      for (const [path, methods] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(methods)) {
          operations.push({
            method: method.toUpperCase() as Operation["method"],
            path,
            params: (operation.parameters ?? []).map((p) => ({ name: p.name, in: p.in })),
            hasBody: operation.requestBody !== undefined,
          });
        }
      }
      const ledgerSize = (await app.inject(`${P}/ledger/head`)).json().tree_size as number;
      known = { ids, allIds: [...ids.values()].flat(), cursors, ledgerSize, operations };
    });
    afterAll(async () => {
      if (COLLECT) {
        const fs = await import("node:fs");
        fs.writeFileSync(`/tmp/fuzz-collected-${storeName}.txt`, collected.join("\n\n=====\n"));
      }
      await app?.close();
      await services?.store.close();
    });

    it("covers every route of the OpenAPI document", () => {
      expect(known.operations.length).toBeGreaterThan(KINDS.length * 5);
      const kindsOf = new Set(known.operations.map((o) => o.path.split("/")[4]));
      for (const kind of KINDS) expect(kindsOf).toContain(kind.path);
    });

    /** A value for a path parameter: a real one mostly, else fuzz. */
    const pathValue = (name: string, path: string): fc.Arbitrary<string> => {
      const kindPath = path.split("/")[4] ?? "";
      const real: string[] =
        name === "slug"
          ? [SLUG]
          : name === "id"
            ? [...(known.ids.get(kindPath) ?? []), ...known.allIds.slice(0, 3)]
            : name === "size"
              ? [String(known.ledgerSize), "1", "0"]
              : ["0", "1", "6", "40", "23", "13"];
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...(real.length > 0 ? real : ["x"])) },
        { weight: 2, arbitrary: fuzzUrlComponent },
        { weight: 1, arbitrary: fuzzNumber.map((n) => encodeLoosely(String(n))) },
      );
    };

    /** A value for a query parameter: a plausible one, or fuzz. */
    const queryValue = (name: string): fc.Arbitrary<string> => {
      const plausible: Record<string, string[]> = {
        from: ["2021", "2021-05", "2020-11-10", "1000", "9999", "9999-12-30", "9999-12-31"],
        to: ["2021", "2021-12", "2020-11-09", "1000-01-01", "9999-12-30", "9999-12-31"],
        bbox: ["39,43,40,44", "-180,-90,180,90", "45,40,44,39", "179,0,-179,1"],
        limit: ["1", "50", "500", "501", "0", "-1", "1.5", "1e3", "99999999999999999999"],
        order: ["asc", "desc", "ASC"],
        cursor: known.cursors,
        kind: ["shelling", "position", "road", "party"],
        verification: ["unverified", "verified", "open"],
        actor: ["ARM", "AZE", "RUS"],
        refers_to: known.allIds.slice(0, 4),
        q: ["Lachin", "border", "a & b | !c", "'", ":*", "<->"],
        type: ["incident", "post", "hazard", "document", "nope"],
        format: ["json", "geojson", "acled", "ucdp", "hxl", "pax"],
        pp: ["9001", "x"],
      };
      const numeric = ["index", "tree_size", "first", "second", "before", "size"];
      const values = numeric.includes(name)
        ? [
            "0",
            "1",
            String(known.ledgerSize),
            String(known.ledgerSize + 1),
            "9007199254740993",
            "1e308",
            "-1",
          ]
        : (plausible[name] ?? []);
      // Mostly wrong: a refused parameter costs no query of the store, so the cases can be many.
      return fc.oneof(
        { weight: 1, arbitrary: fc.constantFrom(...(values.length > 0 ? values : ["1"])) },
        { weight: 3, arbitrary: fuzzUrlComponent },
        { weight: 1, arbitrary: fuzzNumber.map((n) => encodeLoosely(String(n))) },
      );
    };

    /** A query string of some of `names`, maybe repeated or with one the route does not know. */
    const queryString = (names: string[]): fc.Arbitrary<string> =>
      fc
        .tuple(
          fc
            .subarray(names, { maxLength: Math.min(4, names.length) })
            .chain((chosen) =>
              fc.tuple(
                ...chosen.map((name) => queryValue(name).map((value) => `${name}=${value}`)),
              ),
            ),
          fc.oneof(
            { weight: 6, arbitrary: fc.constant([] as string[]) },
            { weight: 1, arbitrary: fuzzUrlComponent.map((v) => [`${v}=1`]) },
            {
              weight: 1,
              arbitrary: fc
                .constantFrom(...(names.length > 0 ? names : ["x"]))
                .map((n) => [`${n}=1`, `${n}=2`]),
            },
            { weight: 1, arbitrary: fc.constantFrom(["&&"], ["="], ["a[b]=1"], ["%00=%00"]) },
          ),
        )
        .map(([pairs, extra]) => [...pairs, ...extra].join("&"));

    /**
     * Credentials: the public mostly (a token costs a lookup in the store on every request, three
     * times what a refused query costs), an admin's token, or a header that is no token.
     */
    const authHeaders = fc.oneof(
      { weight: 6, arbitrary: fc.constant("public") },
      { weight: 1, arbitrary: fc.constant("admin") },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "Bearer",
          "Bearer truce_x",
          "Basic Zm9vOmJhcg==",
          "Bearer  a b",
          "bearer %00",
        ),
      },
    );
    const headersFor = (
      auth: string,
      extra: Record<string, string> = {},
    ): Record<string, string> => ({
      ...extra,
      ...(auth === "admin"
        ? { authorization: `Bearer ${admin}` }
        : auth === "public"
          ? {}
          : { authorization: auth }),
    });
    const ifMatch = fc.oneof(
      fc.constantFrom(
        '"1"',
        '"2"',
        'W/"1"',
        "*",
        '"0"',
        '"99999999999999999999"',
        '"-1"',
        '"1e308"',
        "",
      ),
      fc.string({ unit: "grapheme-ascii", maxLength: 12 }),
    );

    it("every route of the OpenAPI document, path parameters fuzzed", async () => {
      const operation = fc.constantFrom(...known.operations).chain((op) => {
        const pathParams = op.params.filter((p) => p.in === "path").map((p) => p.name);
        const queryNames = op.params.filter((p) => p.in === "query").map((p) => p.name);
        return fc.record({
          op: fc.constant(op),
          params: fc
            .tuple(...pathParams.map((name) => pathValue(name, op.path)))
            .map((values) =>
              Object.fromEntries(pathParams.map((name, i) => [name, values[i] ?? ""])),
            ),
          query: fc.oneof({ weight: 3, arbitrary: fc.constant("") }, queryString(queryNames)),
          auth: authHeaders,
          ifMatch,
          body: fc.oneof(
            fuzzJson.map((value) => JSON.stringify(value) ?? "null"),
            fc.constantFrom(
              "",
              "{",
              "null",
              "[]",
              '{"__proto__":{"x":1}}',
              '{"constructor":{"prototype":{}}}',
            ),
          ),
        });
      });
      await fuzz(
        "every route of the OpenAPI document, path parameters fuzzed",
        fc.asyncProperty(operation, async ({ op, params, query, auth, ifMatch: version, body }) => {
          const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? "");
          const request: InjectOptions = {
            method: op.method,
            url: query ? `${path}?${query}` : path,
            headers: headersFor(auth, {
              ...(op.method === "PUT" || op.method === "DELETE" ? { "if-match": version } : {}),
              ...(op.hasBody ? { "content-type": "application/json" } : {}),
            }),
            ...(op.hasBody ? { payload: body } : {}),
          };
          await send(request);
        }),
        2500,
      );
    });

    it("every query parameter of every route", async () => {
      const reads = known.operations.filter(
        (op) => op.method === "GET" && op.params.some((p) => p.in === "query"),
      );
      const request = fc.constantFrom(...reads).chain((op) =>
        fc.record({
          op: fc.constant(op),
          query: queryString(op.params.filter((p) => p.in === "query").map((p) => p.name)),
          auth: authHeaders,
          tile: fc.tuple(fc.nat(14), fc.nat(20_000), fc.nat(20_000)),
        }),
      );
      await fuzz(
        "every query parameter of every route",
        fc.asyncProperty(request, async ({ op, query, auth, tile: [z, x, y] }) => {
          const path = op.path
            .replace("{slug}", SLUG)
            .replace("{z}", String(z))
            .replace("{x}", String(x))
            .replace("{y}", String(y));
          await send({ method: "GET", url: `${path}?${query}`, headers: headersFor(auth) });
        }),
        5000,
      );
    });

    /** Every path into a sample body (fields, nested fields, array items), and fields it lacks. */
    function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
      const paths: string[][] = prefix.length > 0 ? [prefix] : [];
      if (value !== null && typeof value === "object") {
        for (const [key, inner] of Object.entries(value))
          paths.push(...fieldPaths(inner, [...prefix, key]));
      }
      return paths;
    }
    const ENVELOPE = [
      ["id"],
      ["visibility"],
      ["restricted_to"],
      ["type"],
      ["version"],
      ["unknown_field"],
    ];

    function withChange(
      body: unknown,
      path: string[],
      change: { value: unknown } | "delete",
    ): unknown {
      if (path.length === 0) return change === "delete" ? {} : change.value;
      const copy: Record<string, unknown> = Array.isArray(body)
        ? ([...body] as unknown as Record<string, unknown>)
        : { ...(body as Record<string, unknown>) };
      const [key = "", ...rest] = path;
      if (rest.length === 0) {
        if (change === "delete") delete copy[key];
        else copy[key] = change.value;
      } else copy[key] = withChange(copy[key], rest, change);
      return copy;
    }

    const bodyCase = fc.constantFrom(...KINDS).chain((kind) => {
      const sample = sampleInput(kind.type, 1);
      const paths = [...fieldPaths(sample), ...ENVELOPE];
      return fc.record({
        kind: fc.constant(kind),
        // Samples stay valid up to n = 9999 (their latitude grows with n).
        n: fc.nat(9999),
        path: fc.constantFrom(...paths),
        change: fc.oneof(
          { weight: 8, arbitrary: fuzzJson.map((value) => ({ value })) },
          { weight: 1, arbitrary: fc.constant("delete" as const) },
        ),
        write: fc.constantFrom("create", "update"),
      });
    });

    it("every kind's create and update, a field fuzzed", async () => {
      await fuzz(
        "every kind's create and update, a field fuzzed",
        fc.asyncProperty(bodyCase, async ({ kind, n, path, change, write }) => {
          const body = withChange(sampleInput(kind.type, n), path, change);
          const own = ownRecords.get(kind.type);
          const url =
            write === "create" || !own ? `${P}/${kind.path}` : `${P}/${kind.path}/${own.id}`;
          const request: InjectOptions = {
            method: write === "create" ? "POST" : "PUT",
            url,
            headers: headersFor("admin", own ? { "if-match": `"${own.version}"` } : {}),
            payload: JSON.stringify(body) ?? "null",
          };
          request.headers = { ...request.headers, "content-type": "application/json" };
          // A field the kind does not have is named as unknown; a read-only one is ignored; a
          // refinement across fields may name the other one (restricted_to with visibility).
          const named = ["version", "visibility", "restricted_to"].includes(path[0] ?? "")
            ? undefined
            : path[0];
          const response = await send(request, named);
          if (write === "update" && response.statusCode === 200 && own) own.version += 1;
        }),
        1500,
      );
    });

    it("bodies that are no JSON, too deep or in another encoding", async () => {
      const kindPaths = KINDS.map((k) => `${P}/${k.path}`);
      const rawCase = fc.record({
        url: fc.constantFrom(
          ...kindPaths,
          "/api/processes",
          "/api/session",
          `${P}/ledger/heads/1/cosignatures`,
        ),
        contentType: fc.constantFrom(
          "application/json",
          "application/json; charset=utf-8",
          "application/json; charset=latin1",
          "application/json; charset=utf-16",
          "text/plain",
          "application/x-www-form-urlencoded",
          "",
        ),
        // Bodies are read before the caller's role is asked: the public's reach the parsers too.
        auth: fc.constantFrom("public", "public", "admin"),
        body: fc.oneof(
          fuzzDeepJson.map((text) => Buffer.from(text)),
          fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
          fc.constantFrom(
            Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
            Buffer.from('{"title":"\xc0\x80"}', "latin1"),
            Buffer.from('{"title":"\xed\xa0\x80"}', "latin1"),
            Buffer.from('{"title":"\\u0000"}'),
            Buffer.from('{"title":"\\ud800"}'),
            Buffer.from('{"name":"x","name":"y"}'),
            Buffer.from("1e999999"),
          ),
        ),
      });
      await fuzz(
        "bodies that are no JSON, too deep or in another encoding",
        fc.asyncProperty(rawCase, async ({ url, contentType, auth, body }) => {
          await send({
            method: "POST",
            url,
            headers: headersFor(auth, contentType ? { "content-type": contentType } : {}),
            payload: body,
          });
        }),
        800,
      );
    });

    const recordFor = (kind: (typeof KINDS)[number], n: number) => ({
      type: kind.type,
      ...sampleInput(kind.type, n),
      id: `fz-${kind.path}-${n}`,
    });

    it("every importer, files fuzzed", async () => {
      const jsonFile = fc.oneof(
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            "null",
            "true",
            "1",
            '"x"',
            "{}",
            "[]",
            "[null]",
            '{"records":null}',
            '{"format":1}',
            '{"version":"1"}',
            "",
          ),
        },
        { weight: 1, arbitrary: fuzzDeepJson },
        { weight: 1, arbitrary: fuzzJson.map((v) => JSON.stringify(v) ?? "null") },
        {
          weight: 4,
          arbitrary: fc
            .tuple(bodyCase, fc.nat(9999), fc.boolean())
            .map(([{ kind, n, path, change }, m, wrap]) => {
              const good = recordFor(kind, m);
              const fuzzed = withChange(recordFor(kind, n), path, change);
              const records = [good, fuzzed, { ...good, id: `${good.id}-b` }];
              return JSON.stringify(
                wrap ? { format: "truce-process", version: 1, records } : records,
              );
            }),
        },
      );
      const geojsonFile = jsonFile.map((text) => {
        try {
          const records = JSON.parse(text);
          if (!Array.isArray(records)) return text;
          const features = records.map((properties) => ({
            type: "Feature",
            geometry: null,
            properties,
          }));
          return JSON.stringify({ type: "FeatureCollection", features });
        } catch {
          return text;
        }
      });
      const formats = Object.keys(CSV_FORMATS) as CsvFormat[];
      const file = fc.oneof(
        fc.record({ format: fc.constant("json"), text: jsonFile }),
        fc.record({ format: fc.constant("geojson"), text: geojsonFile }),
        ...formats.map((format) =>
          fc.record({ format: fc.constant(format), text: fuzzCsv(format) }),
        ),
      );
      await fuzz(
        "every importer, files fuzzed",
        fc.asyncProperty(
          file,
          fc.constantFrom("application/json", "text/csv", "application/octet-stream"),
          async ({ format, text }, type) => {
            const response = await send({
              method: "POST",
              url: `${P}/imports?format=${format}`,
              headers: headersFor("admin", { "content-type": type }),
              payload: text,
            });
            if (response.statusCode !== 200) return;
            const summary = response.json() as { rejected: { at: string; reason: string }[] };
            // A bad record is rejected alone: no batch is rolled back for it.
            const rolledBack = summary.rejected.find((r) =>
              r.reason.startsWith("batch rolled back"),
            );
            if (rolledBack) {
              const message = `format=${format}: ${JSON.stringify(rolledBack)}`;
              if (!COLLECT) throw new Error(message);
              collected.push(message);
            }
            for (const rejected of summary.rejected)
              expect(rejected.at).toMatch(/^(line|record|feature) \d+$/);
          },
        ),
        200,
      );
    });
  },
);
