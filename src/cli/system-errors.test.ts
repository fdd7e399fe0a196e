import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { systemErrorMessage } from "./system-errors.ts";

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
};

describe("a command's errors from its surroundings", () => {
  it("names a missing file", () => {
    const error = thrown(() => readFileSync("/no/such/truce-file.csv"));
    expect(systemErrorMessage(error)).toBe("/no/such/truce-file.csv: no such file or directory");
  });

  it("says which address is taken and which does not answer", async () => {
    const server = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as { port: number };
    const second = createServer();
    const inUse = await new Promise((resolve) => {
      second.once("error", resolve);
      second.listen(port, "127.0.0.1");
    });
    expect(systemErrorMessage(inUse)).toBe(
      `127.0.0.1:${port} is in use: another server listens there (--port picks another)`,
    );
    server.close();
    await new Promise((resolve) => server.once("close", resolve));
    const refused = await fetch(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    expect(systemErrorMessage(refused)).toBe(
      `nothing answers at 127.0.0.1:${port}: is the server running?`,
    );
  });

  it("reads a cut-off JSON file as such", () => {
    const error = thrown(() => JSON.parse('{"records": ['));
    expect(systemErrorMessage(error)).toMatch(/^not valid JSON: /);
  });

  it("leaves a bug's error alone, so its stack trace is printed", () => {
    expect(systemErrorMessage(new TypeError("x is not a function"))).toBeUndefined();
    expect(systemErrorMessage("a string")).toBeUndefined();
  });
});
