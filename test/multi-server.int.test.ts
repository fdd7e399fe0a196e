import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.ts";
import { sampleInput } from "./support/factories.ts";
import { createTestDatabase } from "./support/stores.ts";

const BIN = fileURLToPath(new URL("../bin/truce.js", import.meta.url));
const P = "/api/processes/armenia-azerbaijan";

/** Starts `truce serve` on a free port and resolves with its address once it listens. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--demo"], {
      env: { ...process.env, TRUCE_LOG: "off", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
      const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.on("exit", (code) => reject(new Error(`truce serve exited with ${code}: ${stderr}`)));
  });
}

describe.runIf(process.env.TEST_DATABASE_URL)("two truce serve processes on one PostgreSQL", () => {
  const servers: Array<{ child: ChildProcess; url: string }> = [];
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;
  let token: string;
  const asAdmin = () => ({
    "content-type": "application/json",
    authorization: `Bearer ${token}`,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    env = {
      DATABASE_URL: database.url,
      TRUCE_SIGNING_KEY_FILE: `/tmp/truce-multi-${process.pid}.pem`,
    };
    // Both start at once on an empty database: both try to load the example, one after the other.
    servers.push(...(await Promise.all([startServer(env), startServer(env)])));
    const added = await runCli(
      ["user", "add", "--email", "admin@multi.example", "--role", "admin", "--token"],
      env,
    );
    token = added.stdout.trim();
  });
  afterAll(async () => {
    for (const server of servers) server.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    await database?.drop();
  });

  const [a, b] = [() => servers[0]?.url ?? "", () => servers[1]?.url ?? ""];
  const head = async (url: string) =>
    ((await (await fetch(`${url}${P}/ledger/head`)).json()) as { tree_size: number }).tree_size;

  it("loads the example once, whichever server got there first", async () => {
    const counts = (await (await fetch(`${a()}${P}`)).json()) as { counts: Record<string, number> };
    expect(counts.counts.actor).toBe(5);
    expect(counts.counts.meeting).toBe(4);
  });

  it("takes concurrent writes through both servers into one unforked ledger", async () => {
    const before = await head(a());
    const writes = Array.from({ length: 30 }, (_, i) =>
      fetch(`${i % 2 ? a() : b()}${P}/sources`, {
        method: "POST",
        headers: asAdmin(),
        body: JSON.stringify(sampleInput("source", 500 + i)),
      }),
    );
    expect((await Promise.all(writes)).map((r) => r.status)).toEqual(Array(30).fill(201));
    expect(await head(a())).toBe(before + 30);
    expect(await head(b())).toBe(before + 30);
    const verified = await runCli(["verify"], env);
    expect(verified.stdout).toContain("intact");
    expect(verified.code).toBe(0);
  });

  it("loses no update: of two edits of the same version, one wins and the other gets 412", async () => {
    const record = (await (await fetch(`${a()}${P}/incidents/inc-2020-war`)).json()) as {
      version: number;
    };
    const edit = (url: string, title: string) =>
      fetch(`${url}${P}/incidents/inc-2020-war`, {
        method: "PUT",
        headers: { ...asAdmin(), "if-match": `"${record.version}"` },
        body: JSON.stringify({ ...record, title }),
      });
    const statuses = (
      await Promise.all([edit(a(), "Edit through A"), edit(b(), "Edit through B")])
    ).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 412]);
    const after = (await (await fetch(`${b()}${P}/incidents/inc-2020-war`)).json()) as {
      version: number;
    };
    expect(after.version).toBe(record.version + 1);
  });

  it("shows a write made through one server in the other's cached lists within two seconds", async () => {
    const list = async () =>
      (
        (await (await fetch(`${b()}${P}/sources?limit=500`)).json()) as {
          items: Array<{ id: string }>;
        }
      ).items;
    const before = await list();
    const created = (await (
      await fetch(`${a()}${P}/sources`, {
        method: "POST",
        headers: asAdmin(),
        body: JSON.stringify(sampleInput("source", 900)),
      })
    ).json()) as { id: string };
    let seen = false;
    for (let i = 0; i < 25 && !seen; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = (await list()).some((s) => s.id === created.id);
    }
    expect(before.some((s) => s.id === created.id)).toBe(false);
    expect(seen).toBe(true);
  });
});
