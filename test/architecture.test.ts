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
  // Situation reports' layout and renderers (Markdown, HTML, PDF, the map): the domain's report
  // in, a document out; no store, no HTTP.
  report: [
    /\/(store|core|server|cli|read-model|ingest)\//,
    /^kysely$|^pg$|^fastify|^@electric-sql/,
  ],
  // Gazetteers: the pure lookups (gazetteer.ts, which the browser's extraction uses too) and the
  // world gazetteer's reader, the one file here that reads a file (its package's data).
  geo: [/\/(store|core|server|cli|ingest|read-model|extract)\//, /^kysely$|^pg$|^fastify/],
  core: [/\/(server|cli)\//, /^fastify/],
  // Routes and commands reach the store through core only; errors that cross the layers are the
  // domain's (a busy store is a DomainError), so neither imports anything from it.
  server: [/\/cli\//, /\/store\//],
  cli: [/\/server\/routes\//, /\/store\//],
};

describe("the gazetteers", () => {
  it("are pure but for the world gazetteer's reader, which extraction never imports", () => {
    const geo = sourceFiles(join(SRC, "geo")).filter((f) => !f.endsWith("world-gazetteer.ts"));
    const offences = geo.flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^node:|world-gazetteer/.test(spec))
        .map((spec) => `${relative(SRC, file)} imports ${spec}`),
    );
    const extract = sourceFiles(join(SRC, "extract")).flatMap((file) =>
      importsOf(file)
        .filter((spec) => /world-gazetteer/.test(spec))
        .map((spec) => `${relative(SRC, file)} imports ${spec}`),
    );
    expect([...offences, ...extract]).toEqual([]);
  });
});

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

const WEB = new URL("../web/src/", import.meta.url).pathname;

/**
 * The names of the domain's shapes: each `XSchema` it exports (X) and each type it infers from a
 * schema (`export type X = z.infer<...>`). The web app takes these from src/domain, never a copy.
 */
function domainShapeNames(): Set<string> {
  const names = new Set<string>();
  for (const file of sourceFiles(join(SRC, "domain"))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^export const (\w+)Schema\b/gm)) names.add(m[1] ?? "");
    for (const m of text.matchAll(/^export type (\w+)\s*=\s*z\.(?:infer|output|input)</gm)) {
      names.add(m[1] ?? "");
    }
  }
  return names;
}

/** `type X = ...` and `interface X` declarations in a file (not `type X` in an import's braces). */
function declaredTypes(text: string): string[] {
  return [
    ...text.matchAll(
      /^\s*(?:export\s+)?(?:declare\s+)?(?:type\s+(\w+)\s*(?:<[^>]*>)?\s*=|interface\s+(\w+)\b)/gm,
    ),
  ].map((m) => m[1] ?? m[2] ?? "");
}

describe("the web app's types come from the domain's schemas", () => {
  const files = sourceFiles(WEB);
  const shapes = domainShapeNames();

  it("knows the domain's shapes (the check below is not vacuous)", () => {
    for (const name of ["FuzzyDate", "Place", "Envelope", "EnvelopeOutput", "Count", "Exchange"]) {
      expect(shapes.has(name), name).toBe(true);
    }
  });

  it("declares no type of its own under a domain shape's name", () => {
    const offences = files.flatMap((file) =>
      declaredTypes(readFileSync(file, "utf8"))
        .filter((name) => shapes.has(name))
        .map((name) => `${relative(WEB, file)} declares ${name}: import it from src/domain`),
    );
    expect(offences).toEqual([]);
  });

  it("writes no fuzzy date's shape out by hand", () => {
    const offences = files
      .filter((file) => /\{\s*value\??:\s*string;\s*precision\??:/.test(readFileSync(file, "utf8")))
      .map((file) => `${relative(WEB, file)}: use FuzzyDate from src/domain/fuzzy-date.ts`);
    expect(offences).toEqual([]);
  });

  it("derives a record's envelope from EnvelopeOutputSchema", () => {
    const api = readFileSync(join(WEB, "api.ts"), "utf8");
    expect(api).toMatch(/^export type ApiRecord = Envelope & /m);
    expect(api).toMatch(
      /^import type \{ Envelope \} from "\.\.\/\.\.\/src\/domain\/record\.ts";$/m,
    );
  });
});

/**
 * Files that still export more than one component, and why; each is to be split. The test below
 * fails when one of them no longer needs its place here, so the list only shrinks.
 */
const SEVERAL_COMPONENTS: Record<string, string> = {
  "pages/kind-page.tsx": "KindPage (one kind's list) and RecordsPage (/records, the kinds)",
  "components/status.tsx": "Loading and Failure: the two states every page shows while it loads",
};

/** The components a file exports: capitalised functions, and constants bound to a function. */
function exportedComponents(text: string): string[] {
  return [
    ...text.matchAll(
      /^export (?:default )?(?:function ([A-Z]\w*)|const ([A-Z]\w*)\s*(?::[^=]+)?=\s*(?:\(|function\b|memo\(|forwardRef\(|lazy\())/gm,
    ),
  ].map((m) => m[1] ?? m[2] ?? "");
}

describe("pages and components, one per file", () => {
  const files = ["pages", "components"].flatMap((dir) => sourceFiles(join(WEB, dir)));

  it("no page or component file exports more than one component", () => {
    const offences = files.flatMap((file) => {
      const name = relative(WEB, file);
      const components = exportedComponents(readFileSync(file, "utf8"));
      return components.length > 1 && !(name in SEVERAL_COMPONENTS)
        ? [`${name} exports ${components.join(", ")}`]
        : [];
    });
    expect(offences).toEqual([]);
  });

  it("lists only files that still export several", () => {
    const names = new Map(files.map((file) => [relative(WEB, file), file]));
    const stale = Object.keys(SEVERAL_COMPONENTS).filter((name) => {
      const file = names.get(name);
      return file === undefined || exportedComponents(readFileSync(file, "utf8")).length <= 1;
    });
    expect(stale).toEqual([]);
  });
});
