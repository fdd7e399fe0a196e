import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { lockDataDir } from "../src/store/data-dir-lock.ts";
import { cliStoreForTest, runCli } from "./support/cli.ts";
import { createTestDatabase, STORE_NAMES } from "./support/stores.ts";

describe.each(STORE_NAMES)("truce backup on %s", (storeName) => {
  // Each test has a store of its own; only the backup's needs the example loaded.
  it("documents itself", async () => {
    const { env } = await cliStoreForTest(storeName);
    const help = await runCli(["backup", "--help"], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("truce backup [--out FILE]");
  });

  it("writes a copy that restores into a store whose ledger verifies", async () => {
    const { dir, env } = await cliStoreForTest(storeName);
    const demo = await runCli(["demo"], env);
    expect(demo.code, demo.stderr).toBe(0);
    const out = join(dir, storeName === "pglite" ? "copy.tar.gz" : "copy.pgdump");
    const backup = await runCli(["backup", "--out", out], env);
    expect(backup.code, backup.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(existsSync(`${out}.partial`)).toBe(false);

    const restored: Record<string, string> = { TRUCE_DATA_DIR: join(dir, "restored") };
    if (storeName === "pglite") {
      mkdirSync(join(dir, "restored", "pglite"), { recursive: true });
      execFileSync("tar", ["-xzf", out, "-C", join(dir, "restored", "pglite")]);
      // The signing key travels separately from the data (it is a secret); heads were signed with it.
      cpSync(join(dir, "data", "keys"), join(dir, "restored", "keys"), { recursive: true });
    } else {
      const database = await createTestDatabase();
      onTestFinished(database.drop);
      execFileSync("pg_restore", ["--no-owner", "--dbname", database.url, out]);
      restored.DATABASE_URL = database.url;
      restored.TRUCE_SIGNING_KEY_FILE = join(dir, "data", "keys", "ledger-ed25519.pem");
    }
    const original = await runCli(["verify", "--json"], env);
    const verified = await runCli(["verify", "--json"], restored);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    const summary = (text: string) => (JSON.parse(text) as { processes: unknown[] }).processes;
    expect(summary(verified.stdout)).toEqual(summary(original.stdout));
  });

  it.runIf(storeName === "pglite")(
    "refuses while another process holds the embedded store",
    async () => {
      const { dir, env } = await cliStoreForTest(storeName);
      const lock = lockDataDir(join(dir, "data"), { command: "serve" });
      try {
        // The lock names this test's own pid, which is alive, so the CLI child must stop.
        const busy = await runCli(["backup", "--out", join(dir, "busy.tar.gz")], env);
        expect(busy.code).toBe(1);
        expect(busy.stderr).toContain("in use");
        expect(existsSync(join(dir, "busy.tar.gz"))).toBe(false);
      } finally {
        lock.release();
      }
    },
  );
});
