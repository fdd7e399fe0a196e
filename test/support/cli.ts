import { spawn } from "node:child_process";
import type { EventEmitter } from "node:events";
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

/**
 * Runs `truce` in this process through the CLI's own entry function, as `runCli` would in a child
 * process, at a fraction of the cost: a child process first loads every module through tsx (a
 * second or more each, several under load), this loads them once per test file. For the
 * command's run it borrows `process.env` (the same additions, TRUCE_LOG=off) and the standard
 * streams (what the command writes is collected), and afterwards removes the listeners it left on
 * the process (a child's would go with it). One command at a time; standard input is empty. Keep a
 * few `runCli` tests for what only a real process shows: the binary, its exit, a held data directory.
 */
export async function runCliInProcess(
  args: string[],
  env: Record<string, string>,
): Promise<CliResult> {
  if (inProcess) throw new Error("runCliInProcess: one command at a time");
  inProcess = true;
  const { main } = await import("../../src/cli/main.ts");
  const additions: Record<string, string> = { TRUCE_LOG: "off", ...env };
  const savedEnv = Object.keys(additions).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, additions);
  const listened = listenersNow();
  const out = { stdout: "", stderr: "" };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  for (const name of ["stdout", "stderr"] as const) {
    process[name].write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      out[name] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      const done = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      if (done) queueMicrotask(done);
      return true;
    }) as typeof process.stdout.write;
  }
  let code: number;
  try {
    code = await main(args);
  } catch (error) {
    // What the binary would print as it died of an uncaught error, with its exit code.
    out.stderr += `${(error as Error).stack ?? String(error)}\n`;
    code = 1;
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    for (const [name, value] of savedEnv) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    removeListenersSince(listened);
    inProcess = false;
  }
  return { code, ...out };
}

let inProcess = false;

/** The process-wide events a command listens to (an interrupted import, a closed pipe). */
const WATCHED: ReadonlyArray<readonly [EventEmitter, string]> = [
  [process, "SIGINT"],
  [process, "SIGTERM"],
  [process.stdout, "error"],
  [process.stderr, "error"],
];

function listenersNow(): Array<Set<unknown>> {
  return WATCHED.map(([emitter, event]) => new Set(emitter.listeners(event)));
}

function removeListenersSince(before: Array<Set<unknown>>): void {
  WATCHED.forEach(([emitter, event], i) => {
    for (const listener of emitter.listeners(event)) {
      if (!before[i]?.has(listener))
        emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
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
