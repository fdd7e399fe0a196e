#!/usr/bin/env node
// Lints the API's OpenAPI document with Redocly's recommended rules (npm run check runs this). The
// document is built from the routes alone, with no store (src/server/openapi-document.ts), written
// to a temporary file, and linted there; any error or warning fails.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register();
const { openApiDocument } = await import("../src/server/openapi-document.ts");
const document = await openApiDocument();

const redocly = fileURLToPath(new URL("../node_modules/@redocly/cli/bin/cli.js", import.meta.url));
const config = fileURLToPath(new URL("../redocly.yaml", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "truce-openapi-"));
let result;
try {
  const file = join(dir, "openapi.json");
  writeFileSync(file, JSON.stringify(document));
  result = spawnSync(
    process.execPath,
    [redocly, "lint", file, `--config=${config}`, "--extends=recommended", "--format=json"],
    {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      // Nothing leaves the machine: no usage reports, no look-up of a newer version.
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    },
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

let report;
try {
  report = JSON.parse(result.stdout);
} catch {
  // Redocly did not get as far as a report: show what it said.
  process.stderr.write(`${result.stdout}${result.stderr}${result.error ?? ""}\n`);
  process.exit(1);
}
for (const problem of report.problems) {
  const where = problem.location?.[0]?.pointer ?? "";
  process.stderr.write(`${problem.severity} ${problem.ruleId} ${where}\n  ${problem.message}\n`);
}
const operations = Object.values(document.paths).flatMap((item) => Object.keys(item)).length;
const { errors, warnings } = report.totals;
process.stdout.write(
  `OpenAPI: ${operations} operations, Redocly recommended: ${errors} errors, ${warnings} warnings\n`,
);
process.exitCode = errors + warnings === 0 && result.status === 0 ? 0 : 1;
