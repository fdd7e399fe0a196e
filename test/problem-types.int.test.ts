import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../src/domain/errors.ts";
import { PROBLEM_TYPES } from "../src/server/problem-types.ts";
import { useTestApp } from "./support/app.ts";

describe("the problem types a problem's `type` links to", () => {
  const server = useTestApp();
  const app = () => server.app();

  it("resolves: the type of a real problem is a page with its entry", async () => {
    const problem = (await app().inject("/api/processes/nowhere")).json();
    expect(problem.type).toBe("/api/docs/problems#not-found");
    const [path, fragment] = String(problem.type).split("#");
    const page = await app().inject(path as string);
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain(`id="${fragment}"`);
  });

  it("explains every code, with the status the API answers it with", async () => {
    const page = (await app().inject("/api/docs/problems")).body;
    for (const [code, status] of Object.entries(ERROR_CODES)) {
      expect(PROBLEM_TYPES[code as keyof typeof PROBLEM_TYPES]?.status, code).toBe(status);
    }
    for (const code of Object.keys(PROBLEM_TYPES)) {
      expect(page).toContain(`id="${code.replaceAll("_", "-")}"`);
    }
  });

  it("tells an import sent as a form which content types it takes", async () => {
    const response = await app().inject({
      method: "POST",
      url: "/api/processes/nowhere/imports?format=acled",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "a=1",
    });
    // The body's type is checked as it is parsed, before anyone is asked to sign in.
    expect(response.statusCode).toBe(415);
    expect(response.json().detail).toBe(
      "Content-Type application/x-www-form-urlencoded is not one this route reads: send " +
        "text/csv, text/plain, application/json, application/geo+json or application/octet-stream",
    );
  });

  it("tells a record sent as XML that records are JSON", async () => {
    const response = await app().inject({
      method: "POST",
      url: "/api/processes/nowhere/incidents",
      headers: { "content-type": "application/xml" },
      payload: "<incident/>",
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().detail).toBe(
      "Content-Type application/xml is not JSON: send JSON with Content-Type: application/json",
    );
  });
});
