import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { KINDS } from "../src/domain/kinds/index.ts";
import { processFileJsonSchema, processFileSchema } from "../src/ingest/process-file.ts";
import { REFERENCE_PROCESS } from "../src/reference/armenia-azerbaijan.ts";

describe("the process file", () => {
  it("reads the example process as a process file", () => {
    const parsed = processFileSchema().safeParse({
      format: "truce-process",
      version: 1,
      process: REFERENCE_PROCESS.process,
      records: REFERENCE_PROCESS.records,
    });
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
  });

  it("names the field of a record that is wrong", () => {
    const parsed = processFileSchema().safeParse({
      process: { slug: "x", name: "X", languages: ["not a tag"] },
      records: [],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["process", "languages", 0]);
  });

  it("has its JSON Schema in docs/, up to date, with every kind", () => {
    const written = JSON.parse(
      readFileSync(new URL("../docs/process-file.schema.json", import.meta.url), "utf8"),
    );
    // node scripts/process-file-schema.mjs writes it again after a kind or the process changes.
    expect(written).toEqual(JSON.parse(JSON.stringify(processFileJsonSchema())));
    const text = JSON.stringify(written);
    for (const kind of KINDS) expect(text).toContain(`"const":"${kind.type}"`);
    expect(written.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });
});
