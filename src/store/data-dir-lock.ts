import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { DomainError } from "../domain/errors.ts";

/**
 * Raised when another process has the embedded store open. It is a `DomainError` ("store_busy"),
 * so the routes and commands that meet it handle it as they handle every other, without
 * importing the store.
 */
export class StoreBusyError extends DomainError {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const by = holder.url ? `truce serve at ${holder.url}` : `"truce ${holder.command}"`;
    super(
      "store_busy",
      `The data directory ${dataDir} is in use by ${by} (pid ${holder.pid}). Only one process may open ` +
        "an embedded store: stop that process first" +
        (holder.url ? `, or work through its API (${holder.url}/api/docs).` : "."),
    );
    this.name = "StoreBusyError";
  }
}

export type LockHolder = { pid: number; command: string; url?: string; since: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the data directory's lock file, created exclusively so two processes cannot both win.
 * A lock left by a process that no longer runs is taken over. Returns the release function.
 */
export function lockDataDir(
  dataDir: string,
  holder: Omit<LockHolder, "pid" | "since">,
): {
  release: () => void;
  update: (fields: Partial<LockHolder>) => void;
} {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, "truce.lock");
  const mine: LockHolder = { ...holder, pid: process.pid, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      return {
        release: () => rmSync(path, { force: true }),
        update: (fields) => {
          Object.assign(mine, fields);
          const out = openSync(path, "w");
          writeSync(out, JSON.stringify(mine));
          closeSync(out);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const current = readHolder(path);
      if (current && current.pid !== process.pid && isAlive(current.pid)) {
        throw new StoreBusyError(dataDir, current);
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}

function readHolder(path: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as LockHolder;
  } catch {
    return null;
  }
}
