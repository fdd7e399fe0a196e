import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = new URL("../src/", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(path) && !path.endsWith(".test.ts") ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [
    ...text.matchAll(/(?:import|export)[^"']*?from\s+["']([^"']+)["']|import\(["']([^"']+)["']\)/g),
  ].map((m) => m[1] ?? m[2] ?? "");
}

/** Each layer and what it must not import: the diagram in docs/architecture.md, checked. */
const RULES: Record<string, RegExp[]> = {
  domain: [
    /\/(store|core|server|cli|ledger|ingest)\//,
    /^kysely$|^pg$|^fastify|^@electric-sql|^node:(fs|net|http|child_process)/,
  ],
  ledger: [/\/(store|core|server|cli|ingest)\//, /^kysely$|^pg$|^fastify/],
  store: [/\/(core|server|cli|ingest)\//, /^fastify/],
  ingest: [/\/(store|core|server|cli)\//, /^kysely$|^pg$|^fastify/],
  // Extraction runs in the browser too (the sources page): text in, candidates out, no I/O at all.
  extract: [
    /\/(store|core|server|cli|ledger|ingest)\//,
    /^kysely$|^pg$|^fastify|^@electric-sql|^node:/,
  ],
  core: [/\/(server|cli)\//, /^fastify/],
  // Routes and commands reach the store through core only; errors that cross the layers are the
  // domain's (a busy store is a DomainError), so neither imports anything from it.
  server: [/\/cli\//, /\/store\//],
  cli: [/\/server\/routes\//, /\/store\//],
};

describe("layers import only from the layers below them", () => {
  for (const [layer, forbidden] of Object.entries(RULES)) {
    it(`src/${layer}`, () => {
      const offences = sourceFiles(join(SRC, layer)).flatMap((file) =>
        importsOf(file)
          .filter((spec) => forbidden.some((rule) => rule.test(spec)))
          .map((spec) => `${relative(SRC, file)} imports ${spec}`),
      );
      expect(offences).toEqual([]);
    });
  }
});

describe("the web app talks to the server over HTTP only", () => {
  it("imports nothing from the server side but the domain's schemas", () => {
    const web = new URL("../web/src/", import.meta.url).pathname;
    const offences = sourceFiles(web).flatMap((file) =>
      importsOf(file)
        .filter(
          (spec) =>
            /\/src\/(store|core|server|cli|ledger|ingest)\//.test(spec) ||
            /^(kysely|pg|fastify|@electric-sql)/.test(spec),
        )
        .map((spec) => `${relative(web, file)} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });
});
