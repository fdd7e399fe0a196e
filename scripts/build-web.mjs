#!/usr/bin/env node
// Builds the web app when web/dist is missing or older than its sources (npm start runs this first).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const web = new URL("../web/", import.meta.url).pathname;
const built = join(web, "dist", "index.html");

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const sources = Math.max(newest(join(web, "src")), statSync(join(web, "index.html")).mtimeMs);
if (existsSync(built) && statSync(built).mtimeMs >= sources && !process.argv.includes("--force")) {
  process.exit(0);
}
process.stderr.write("Building the web app (web/dist)...\n");
execFileSync(
  process.execPath,
  [
    new URL("../node_modules/vite/bin/vite.js", import.meta.url).pathname,
    "build",
    "--config",
    join(web, "vite.config.ts"),
    "--logLevel",
    "warn",
  ],
  {
    stdio: "inherit",
  },
);
