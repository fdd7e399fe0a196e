#!/usr/bin/env node
// Builds the web app when web/dist is missing or older than its sources (npm start runs this first).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

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

// Brotli and gzip copies beside each text file, which `truce serve` sends to browsers that accept
// them: the app is a third of its size on the wire, which counts on a field mission's connection.
const COMPRESSIBLE = new Set([".js", ".css", ".html", ".svg", ".json"]);
function compressAll(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) compressAll(path);
    else if (COMPRESSIBLE.has(extname(entry.name))) {
      const bytes = readFileSync(path);
      if (bytes.length < 1024) continue;
      writeFileSync(
        `${path}.br`,
        brotliCompressSync(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        }),
      );
      writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
    }
  }
}
compressAll(join(web, "dist"));
