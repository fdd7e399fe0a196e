import { beforeAll, describe, expect, it } from "vitest";
import { KINDS } from "../domain/kinds/index.ts";
import { kindNames } from "./openapi.ts";
import { openApiDocument } from "./openapi-document.ts";

type Response = { description?: string; content?: Record<string, { schema?: unknown }> };
type Operation = {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  responses?: Record<string, Response>;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes?: Record<string, { type: string }> };
};

/** What Redocly's recommended lint asks of every operation, checked without running it. */
describe("the OpenAPI document", () => {
  let document: Document;
  let operations: Array<{ name: string; method: string; path: string; operation: Operation }>;
  beforeAll(async () => {
    document = (await openApiDocument()) as Document;
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${path}`,
        method,
        path,
        operation,
      })),
    );
  });

  it("describes the API's operations", () => {
    expect(operations.length).toBeGreaterThan(100);
  });

  it("gives every operation a unique, URL-safe operationId", () => {
    expect(
      operations.filter((o) => o.operation.operationId === undefined).map((o) => o.name),
    ).toEqual([]);
    const ids = operations.map((o) => o.operation.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.filter((id) => !/^[a-z][A-Za-z]*$/.test(id ?? ""))).toEqual([]);
  });

  it("names each kind's routes after it", () => {
    const idOf = (method: string, path: string) =>
      document.paths[path]?.[method]?.operationId ?? `no ${method} ${path}`;
    for (const kind of KINDS) {
      const { one, many } = kindNames(kind);
      const base = `/api/processes/{slug}/${kind.path}`;
      expect([
        idOf("get", base),
        idOf("post", base),
        idOf("get", `${base}/{id}`),
        idOf("put", `${base}/{id}`),
        idOf("delete", `${base}/{id}`),
        idOf("get", `${base}/{id}/history`),
      ]).toEqual([
        `list${many}`,
        `create${one}`,
        `get${one}`,
        `update${one}`,
        `delete${one}`,
        `get${one}History`,
      ]);
    }
    expect(idOf("get", "/api/processes/{slug}/incidents")).toBe("listIncidents");
    expect(idOf("get", "/api/processes/{slug}/border-segments/{id}")).toBe("getBorderSegment");
  });

  it("says who may call every operation, with the bearer token and session cookie schemes", () => {
    const schemes = document.components.securitySchemes ?? {};
    expect(schemes.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(schemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie" });
    expect(operations.filter((o) => !o.operation.security?.length).map((o) => o.name)).toEqual([]);
    const undefinedSchemes = operations.flatMap((o) =>
      (o.operation.security ?? [])
        .flatMap((requirement) => Object.keys(requirement))
        .filter((scheme) => !(scheme in schemes))
        .map((scheme) => `${o.name}: ${scheme}`),
    );
    expect(undefinedSchemes).toEqual([]);
  });

  it("asks for credentials on every change but signing in and out", () => {
    const openChanges = operations
      .filter((o) => o.method !== "get")
      .filter((o) => o.operation.security?.some((r) => Object.keys(r).length === 0))
      .map((o) => o.operation.operationId);
    expect(openChanges).toEqual(["signIn", "signOut"]);
  });

  it("declares every operation's success, and its problems as application/problem+json", () => {
    const responsesOf = (o: (typeof operations)[number]) =>
      Object.entries(o.operation.responses ?? {});
    expect(operations.filter((o) => !responsesOf(o).some(([status]) => /^2/.test(status)))).toEqual(
      [],
    );
    const undescribed = operations.flatMap((o) =>
      responsesOf(o)
        .filter(
          ([, response]) => !response.description || response.description === "Default Response",
        )
        .map(([status]) => `${o.name} ${status}`),
    );
    expect(undescribed).toEqual([]);
    const notProblems = operations.flatMap((o) =>
      responsesOf(o)
        .filter(([status]) => /^[45]/.test(status))
        .filter(
          ([, response]) =>
            JSON.stringify(response.content) !==
            JSON.stringify({
              "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } },
            }),
        )
        .map(([status]) => `${o.name} ${status}`),
    );
    expect(notProblems).toEqual([]);
  });
});
