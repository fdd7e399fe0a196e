// Writes docs/process-file.schema.json from the process file's zod schema (src/ingest/process-file.ts).
// `--check` only says whether the file is up to date (exit 1 when it is not).
import { readFileSync, writeFileSync } from "node:fs";
import { register } from "tsx/esm/api";

register();
const { processFileJsonSchema } = await import("../src/ingest/process-file.ts");
const path = new URL("../docs/process-file.schema.json", import.meta.url);
const text = `${JSON.stringify(processFileJsonSchema(), null, 2)}\n`;
if (process.argv.includes("--check")) {
  const current = readFileSync(path, "utf8");
  if (current !== text) {
    console.error(
      "docs/process-file.schema.json is out of date: node scripts/process-file-schema.mjs",
    );
    process.exit(1);
  }
} else {
  writeFileSync(path, text);
  console.log(`wrote docs/process-file.schema.json (${text.length} bytes)`);
}
