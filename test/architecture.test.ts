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
    /\/(store|core|server|cli|ledger|ingest|read-model)\//,
    /^kysely$|^pg$|^fastify|^@electric-sql|^node:(fs|net|http|child_process)/,
  ],
  ledger: [/\/(store|core|server|cli|ingest|read-model)\//, /^kysely$|^pg$|^fastify/],
  // The store may import the read model's pure part (its row types, the rollups' levels), never
  // what reads the store (checked below).
  store: [/\/(core|server|cli|ingest)\//, /^fastify/],
  ingest: [/\/(store|core|server|cli|read-model)\//, /^kysely$|^pg$|^fastify/],
  // Extraction runs in the browser too (the sources page): text in, candidates out, no I/O at all.
  extract: [
    /\/(store|core|server|cli|ledger|ingest|read-model)\//,
    /^kysely$|^pg$|^fastify|^@electric-sql|^node:/,
  ],
  // Indexes, covers and the memory in front of the store: beside the store, below core. It reads
  // the store only through its repositories (no SQL here, no driver) and knows nothing of HTTP.
  "read-model": [
    /\/(core|server|cli|ledger|ingest|extract)\//,
    /^pg$|^fastify|^@electric-sql|^node:(fs|net|http|child_process)/,
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

/** The read model's files that hold what they read from the store; every other one is pure. */
const READS_THE_STORE = ["overview-memory.ts", "ledger-versions.ts"];
const READ_MODEL = join(SRC, "read-model");

describe("the read model", () => {
  const files = sourceFiles(READ_MODEL);

  it("is pure but for the files that read the store", () => {
    const offences = files
      .filter((file) => !READS_THE_STORE.includes(relative(READ_MODEL, file)))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => /\/store\/|^kysely$|^node:/.test(spec))
          .map((spec) => `${relative(SRC, file)} imports ${spec}`),
      );
    expect(offences).toEqual([]);
  });

  it("has no SQL: kysely for its types only", () => {
    const offences = files.flatMap((file) =>
      [
        ...readFileSync(file, "utf8").matchAll(/^import\s+(?!type\b)[^;]*?from\s+["']kysely["']/gm),
      ].map(() => `${relative(SRC, file)} imports kysely's values`),
    );
    expect(offences).toEqual([]);
  });

  it("is imported by the store only in its pure part", () => {
    const offences = sourceFiles(join(SRC, "store")).flatMap((file) =>
      importsOf(file)
        .filter((spec) => READS_THE_STORE.some((name) => spec.endsWith(`/read-model/${name}`)))
        .map((spec) => `${relative(SRC, file)} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it("names every file that reads the store", () => {
    const names = files.map((file) => relative(READ_MODEL, file));
    expect(READS_THE_STORE.filter((name) => !names.includes(name))).toEqual([]);
  });
});

describe("the web app talks to the server over HTTP only", () => {
  it("imports nothing from the server side but the domain's schemas", () => {
    const web = new URL("../web/src/", import.meta.url).pathname;
    const offences = sourceFiles(web).flatMap((file) =>
      importsOf(file)
        .filter(
          (spec) =>
            /\/src\/(store|core|server|cli|ledger|ingest|read-model)\//.test(spec) ||
            /^(kysely|pg|fastify|@electric-sql)/.test(spec),
        )
        .map((spec) => `${relative(web, file)} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });
});
