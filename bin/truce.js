#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx truce` works from a fresh clone with
// no build step (docs/decisions/0005).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
