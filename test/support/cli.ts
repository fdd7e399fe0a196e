import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { onTestFinished } from "vitest";
import { createTestDatabase, type StoreName } from "./stores.ts";

const BIN = fileURLToPath(new URL("../../bin/truce.js", import.meta.url));

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs `truce` as a user would, in a child process with the given environment additions. */
export function runCli(
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, TRUCE_LOG: "off", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

/** A directory of the CLI's own: `env` points its data directory (and on PostgreSQL its database) there. */
export type CliStore = { dir: string; env: Record<string, string>; remove: () => Promise<void> };

/**
 * A new store for the CLI, empty or a copy of `from` (its directory, and on PostgreSQL its
 * database): a store loaded once with `demo` gives each test the example without a demo each.
 */
export async function newCliStore(storeName: StoreName, from?: CliStore): Promise<CliStore> {
  const dir = mkdtempSync(join(tmpdir(), "truce-cli-"));
  if (from) cpSync(from.dir, dir, { recursive: true });
  const env: Record<string, string> = { TRUCE_DATA_DIR: join(dir, "data") };
  let drop: (() => Promise<void>) | undefined;
  if (storeName === "postgres") {
    const database = await createTestDatabase(undefined, { template: from?.env.DATABASE_URL });
    env.DATABASE_URL = database.url;
    drop = database.drop;
  }
  return {
    dir,
    env,
    remove: async () => {
      await drop?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** newCliStore for the test that calls it: removed when that test ends. */
export async function cliStoreForTest(storeName: StoreName, from?: CliStore): Promise<CliStore> {
  const store = await newCliStore(storeName, from);
  onTestFinished(store.remove);
  return store;
}
