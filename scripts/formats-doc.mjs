#!/usr/bin/env node
// Writes the table of formats in docs/formats.md from the registry (src/ingest/formats.ts), between
// its formats:begin and formats:end markers. With --check it writes nothing and fails if the file is
// not up to date (test/format-registry.test.ts checks the same).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register();
const { withFormatsDoc } = await import("../src/ingest/formats-doc.ts");

const file = fileURLToPath(new URL("../docs/formats.md", import.meta.url));
const before = readFileSync(file, "utf8");
const after = withFormatsDoc(before);
if (process.argv.includes("--check")) {
  if (after !== before) {
    process.stderr.write("docs/formats.md is out of date: run node scripts/formats-doc.mjs\n");
    process.exitCode = 1;
  }
} else if (after !== before) {
  writeFileSync(file, after);
  process.stdout.write("docs/formats.md: the table of formats written anew\n");
} else {
  process.stdout.write("docs/formats.md: up to date\n");
}
