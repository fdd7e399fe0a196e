import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exportCommand } from "../src/cli/export.ts";
import { importCommand } from "../src/cli/import.ts";
import {
  EXPORT_FORMAT_NAMES,
  type FileFormat,
  FORMAT_OPTIONS,
  FORMATS,
  type FormatOption,
  IMPORT_FORMAT_NAMES,
  IMPORT_FORMATS,
  IMPORT_MEDIA_TYPES,
  optionsFor,
} from "../src/ingest/formats.ts";
import { formatsDoc, withFormatsDoc } from "../src/ingest/formats-doc.ts";
import { openApiDocument } from "../src/server/openapi-document.ts";
import { PROBLEM_TYPES } from "../src/server/problem-types.ts";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

/** The anchor GitHub gives a Markdown heading. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replaceAll(" ", "-");

describe("the registry of formats", () => {
  it("names each format once, and each format reads or writes", () => {
    const names = FORMATS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(FORMATS.filter((f) => !f.imports && !f.exports)).toEqual([]);
    // How an import reads a file decides how the CLI and the route hand it over.
    expect(IMPORT_FORMATS.filter((f) => f.reading === undefined)).toEqual([]);
    const formats: readonly FileFormat[] = FORMATS;
    expect(formats.filter((f) => f.mediaTypes.length === 0 || f.extensions.length === 0)).toEqual(
      [],
    );
  });

  it("gives each option to formats that go its way, and every option to some format", () => {
    for (const format of FORMATS) {
      for (const name of format.options) {
        const direction = FORMAT_OPTIONS[name].direction;
        expect(
          direction === "import" ? format.imports : format.exports,
          `${format.name} --${name}`,
        ).toBe(true);
      }
    }
    expect([...optionsFor("import"), ...optionsFor("export")].sort()).toEqual(
      Object.keys(FORMAT_OPTIONS).sort(),
    );
    for (const [name, option] of Object.entries(FORMAT_OPTIONS) as [string, FormatOption][]) {
      if (option.choices && option.default) expect(option.choices, name).toContain(option.default);
    }
  });

  it("imports nothing, so that the web app could read it as it is", () => {
    expect(read("src/ingest/formats.ts")).not.toMatch(/\bfrom\s+["']|\bimport\s*\(|^import\s/m);
  });

  it("lists the media types the import route reads: the CSV formats' first, then any file", () => {
    expect(IMPORT_MEDIA_TYPES).toEqual([
      "text/csv",
      "text/plain",
      "application/json",
      "application/geo+json",
      "application/octet-stream",
    ]);
  });
});

describe("what is built from the registry", () => {
  it("truce import and truce export take its formats and options, and say so in --help", () => {
    expect(IMPORT_FORMAT_NAMES).toEqual(["json", "geojson", "acled", "ucdp", "hxl", "pax"]);
    expect(EXPORT_FORMAT_NAMES).toEqual([
      "json",
      "csv",
      "geojson",
      "acled",
      "ucdp",
      "hxl",
      "bundle",
    ]);
    for (const [command, names, direction] of [
      [importCommand, IMPORT_FORMAT_NAMES, "import"],
      [exportCommand, EXPORT_FORMAT_NAMES, "export"],
    ] as const) {
      expect(command.usage).toContain(`truce ${direction} --format ${names.join("|")} `);
      for (const format of FORMATS.filter((f) => names.includes(f.name as never))) {
        expect(command.usage).toMatch(new RegExp(`^  --format ${format.name} +\\S`, "m"));
        expect(command.summary).toContain(format.label);
      }
      for (const option of optionsFor(direction)) {
        expect(command.options[option], option).toEqual({ type: "string" });
        expect(command.usage).toContain(`--${option} ${FORMAT_OPTIONS[option].value}`);
      }
    }
  });

  it("truce import refuses a format or a --pp value the registry does not allow, as the route does", async () => {
    await expect(importCommand.run({ format: "xlsx", process: "p" }, ["f.csv"])).rejects.toThrow(
      `--format must be one of ${IMPORT_FORMAT_NAMES.join(", ")}; got "xlsx"`,
    );
    await expect(
      importCommand.run({ format: "pax", process: "p", pp: "161; 162" }, ["f.csv"]),
    ).rejects.toThrow('--pp "161; 162" is not a PA-X peace process id');
    await expect(exportCommand.run({ format: "pax", process: "p" }, [])).rejects.toThrow(
      `--format must be one of ${EXPORT_FORMAT_NAMES.join(", ")}; got "pax"`,
    );
  });

  it("the import route's OpenAPI entry has its formats, the pp check and the media types", async () => {
    type Parameter = { name: string; description?: string; schema: Record<string, unknown> };
    type Operation = {
      summary: string;
      description: string;
      parameters: Parameter[];
      requestBody: { content: Record<string, unknown> };
    };
    const document = (await openApiDocument()) as {
      paths: Record<string, { post: Operation }>;
    };
    const operation = document.paths["/api/processes/{slug}/imports"]?.post as Operation;
    const parameter = (name: string) => operation.parameters.find((p) => p.name === name);
    expect(parameter("format")?.schema.enum).toEqual(IMPORT_FORMAT_NAMES);
    for (const format of IMPORT_FORMATS) {
      expect(parameter("format")?.description).toContain(`\`${format.name}\` (${format.label})`);
      expect(operation.summary).toContain(format.label);
    }
    expect(parameter("pp")?.schema.pattern).toBe(FORMAT_OPTIONS.pp.pattern.source);
    expect(Object.keys(operation.requestBody.content)).toEqual(IMPORT_MEDIA_TYPES);
    for (const type of IMPORT_MEDIA_TYPES) {
      expect(operation.description).toContain(type);
      expect(PROBLEM_TYPES.unsupported_media_type.remedy).toContain(type);
    }
  });
});

describe("the docs name exactly the registry's formats", () => {
  const formatsMd = read("docs/formats.md");

  it("docs/formats.md's table is the one scripts/formats-doc.mjs writes from the registry", () => {
    expect(formatsMd).toContain(formatsDoc());
    expect(withFormatsDoc(formatsMd)).toBe(formatsMd);
  });

  it("docs/formats.md has a section for each format, where the registry points", () => {
    const headings = [...formatsMd.matchAll(/^## (.*)$/gm)].map((m) => m[1] ?? "");
    const named = headings.flatMap((h) => [...h.matchAll(/--format (\w+)/g)].map((m) => m[1]));
    expect([...named].sort()).toEqual(FORMATS.map((f) => f.name).sort());
    for (const format of FORMATS) {
      const heading = headings.find((h) => anchorOf(h) === format.docs);
      expect(heading, `#${format.docs}`).toContain(`--format ${format.name}`);
    }
  });

  it("the README's command table names the import and the export formats", () => {
    const readme = read("README.md");
    const listed = (command: string) =>
      [...readme.matchAll(new RegExp(`truce ${command} --format ([\\w\\\\|]+)`, "g"))].flatMap(
        (m) => (m[1] ?? "").split("\\|"),
      );
    expect(listed("import")).toEqual(IMPORT_FORMAT_NAMES);
    expect([...new Set(listed("export"))].sort()).toEqual([...EXPORT_FORMAT_NAMES].sort());
  });

  it("docs/api.md names each import format and media type", () => {
    const api = read("docs/api.md");
    const section = api.slice(api.indexOf("## Importing a data file"));
    const imports = section.slice(0, section.indexOf("\n## ", 1));
    for (const name of IMPORT_FORMAT_NAMES) expect(imports).toContain(`\`${name}\``);
    for (const type of IMPORT_MEDIA_TYPES) expect(imports).toContain(`\`${type}\``);
  });
});
