import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../src/store/db.ts";
import {
  type CliResult,
  type CliStore,
  runCliInProcess as cli,
  cliStoreForTest,
  newCliStore,
  runCli,
} from "./support/cli.ts";
import { STORE_NAMES } from "./support/stores.ts";

/** Opens the same store the CLI uses, to look at it or tamper with it behind Truce's back. */
async function withStore<T>(
  env: Record<string, string>,
  work: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>,
) {
  const store = env.DATABASE_URL
    ? await openStore({ kind: "postgres", url: env.DATABASE_URL })
    : await openStore({ kind: "pglite", dataDir: env.TRUCE_DATA_DIR as string, command: "test" });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const withoutStoreFields = (record: Record<string, unknown>) => {
  const { version: _v, created_at: _c, updated_at: _u, ...rest } = record;
  return rest;
};

/**
 * Commands run in this process through the CLI's entry function (runCliInProcess), which is what
 * the binary runs; a few tests spawn the binary itself (runCli), for what only a process of its
 * own shows: its exit code and message on an error, wrong usage, a data directory held by another.
 */
describe.each(STORE_NAMES)("the truce CLI on %s", (storeName) => {
  // Each test has a store of its own: empty, or a copy of this one, loaded once with demo (an
  // empty embedded store is the dear one to open: PGlite makes its database first).
  let example: CliStore | undefined;
  let firstDemo: CliResult | undefined;
  beforeAll(async () => {
    example = await newCliStore(storeName);
    firstDemo = await cli(["demo"], example.env);
    expect(firstDemo.code, firstDemo.stderr).toBe(0);
  });
  afterAll(() => example?.remove());
  const emptyStore = () => cliStoreForTest(storeName);
  const exampleStore = () => cliStoreForTest(storeName, example);

  it("loads the example with demo, and a second demo changes nothing", async () => {
    expect(firstDemo?.stdout).toMatch(/created (\d+)/);
    expect(Number(/created (\d+)/.exec(firstDemo?.stdout ?? "")?.[1])).toBeGreaterThan(50);
    const { env } = await exampleStore();
    const second = await cli(["demo"], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("created 0, updated 0");
    const verified = await cli(["verify"], env);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain("intact");
  });

  it("verifies a store restored without its key and makes none; a command that signs makes one and warns", async () => {
    const { dir, env } = await exampleStore();
    const keyFile = join(dir, "data", "keys", "ledger-ed25519.pem");
    rmSync(keyFile);
    const verified = await cli(["verify"], env);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain("intact");
    expect(existsSync(keyFile)).toBe(false);
    const demo = await cli(["demo"], env);
    expect(demo.code, demo.stderr).toBe(0);
    expect(existsSync(keyFile)).toBe(true);
    expect(demo.stderr).toMatch(/There was no signing key at .*: made a new one/);
    expect(demo.stderr).toContain("put its keys/ back");
  });

  it("says in one line that a file is missing, with no stack trace", async () => {
    const { dir, env } = await emptyStore();
    // The binary itself: an error it knows ends it with its message and exit code, not a trace.
    const result = await runCli(
      ["import", "--format", "acled", "--process", "armenia-azerbaijan", join(dir, "none.csv")],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `truce import: ${join(dir, "none.csv")}: no such file or directory`,
    );
  });

  it("exports JSON that imports into another process without loss, and re-imports as no change", async () => {
    const { dir, env } = await exampleStore();
    const out = join(dir, "export.json");
    const exported = await cli(
      ["export", "--format", "json", "--process", "armenia-azerbaijan", "--out", out],
      env,
    );
    expect(exported.code, exported.stderr).toBe(0);
    const original = JSON.parse(readFileSync(out, "utf8"));
    expect(original.format).toBe("truce-process");

    const copied = await cli(["import", "--format", "json", "--process", "copy", out], env);
    expect(copied.code, copied.stderr).toBe(0);
    expect(copied.stdout).toContain(`created ${original.records.length}`);
    const copyOut = join(dir, "copy.json");
    await cli(["export", "--format", "json", "--process", "copy", "--out", copyOut], env);
    const copy = JSON.parse(readFileSync(copyOut, "utf8"));
    expect(copy.records.map(withoutStoreFields)).toEqual(original.records.map(withoutStoreFields));
    expect(copy.process).toEqual({ ...original.process, slug: "copy" });

    const again = await cli(["import", "--format", "json", "--process", "copy", out], env);
    expect(again.stdout).toContain(
      `created 0, updated 0, already present ${original.records.length}`,
    );
  });

  it("exports GeoJSON of the mapped records and CSV of one kind", async () => {
    const { dir, env } = await exampleStore();
    const geo = await cli(
      ["export", "--format", "geojson", "--process", "armenia-azerbaijan"],
      env,
    );
    expect(geo.code, geo.stderr).toBe(0);
    const collection = JSON.parse(geo.stdout);
    expect(collection.type).toBe("FeatureCollection");
    const sochi = collection.features.find((f: { id: string }) => f.id === "doc-2021-11-26");
    expect(sochi.geometry.type).toBe("Point");
    expect(sochi.properties.type).toBe("document");
    const geoFile = join(dir, "export.geojson");
    writeFileSync(geoFile, geo.stdout);
    const reimport = await cli(
      ["import", "--format", "geojson", "--process", "armenia-azerbaijan", geoFile],
      env,
    );
    expect(reimport.stdout).toContain(`already present ${collection.features.length}, rejected 0`);

    const csv = await cli(
      ["export", "--format", "csv", "--kind", "incident", "--process", "armenia-azerbaijan"],
      env,
    );
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]).toMatch(
      /^id,type,version,visibility,restricted_to,created_at,updated_at,title,kind,date,place/,
    );
    expect(lines.length).toBe(4);
  });

  it("reports rejected records with their place in the file and imports the rest", async () => {
    const { dir, env } = await exampleStore();
    const file = join(dir, "mixed.json");
    writeFileSync(
      file,
      JSON.stringify([
        { type: "actor", id: "OSCE", name: "OSCE Minsk Group", roles: ["mediator"] },
        {
          type: "incident",
          id: "bad-date",
          title: "x",
          kind: "shelling",
          date: { value: "2021-02-30", precision: "day" },
          place: { name: "X", precision: "region" },
        },
        { type: "spaceship", id: "x" },
      ]),
    );
    const result = await cli(
      ["import", "--format", "json", "--process", "armenia-azerbaijan", file],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("created 1");
    expect(result.stdout).toContain("rejected 2");
    expect(result.stderr).toContain("record 2 (bad-date): Invalid incident: date.value");
    expect(result.stderr).toContain("record 3 (x): type: unknown kind");
  });

  it("adds a user with a token, co-signs with a new key, and exports a bundle that verifies offline", async () => {
    const { dir, env } = await exampleStore();
    const user = await cli(
      [
        "user",
        "add",
        "--email",
        "arm@cli.example",
        "--role",
        "delegate",
        "--party",
        "ARM",
        "--process",
        "armenia-azerbaijan",
        "--token",
      ],
      env,
    );
    expect(user.code, user.stderr).toBe(0);
    expect(user.stdout.trim()).toMatch(/^truce_[A-Za-z0-9_-]{40,}$/);
    const listed = await cli(["user", "list"], env);
    expect(listed.stdout).toContain("arm@cli.example");
    expect(listed.stdout).toContain("delegate of ARM in armenia-azerbaijan");

    const key = join(dir, "arm.pem");
    const made = await cli(["cosign", "--generate-key", key], env);
    expect(made.stdout).toContain("BEGIN PUBLIC KEY");
    const cosigned = await cli(
      [
        "cosign",
        "--process",
        "armenia-azerbaijan",
        "--key",
        key,
        "--out",
        join(dir, "statement.json"),
      ],
      env,
    );
    expect(cosigned.code, cosigned.stderr).toBe(0);
    expect(
      JSON.parse(readFileSync(join(dir, "statement.json"), "utf8")).cosignature.key_id,
    ).toMatch(/^[0-9a-f]{16}$/);

    const earlier = join(dir, "earlier.json");
    const exported = await cli(
      [
        "export",
        "--format",
        "bundle",
        "--process",
        "armenia-azerbaijan",
        "--as",
        "public",
        "--out",
        earlier,
      ],
      env,
    );
    expect(exported.code, exported.stderr).toBe(0);
    const verified = await cli(["verify", "--bundle", earlier], env);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toContain("as public");
    expect(verified.stdout).toContain("co-signed by");

    writeFileSync(
      join(dir, "one.json"),
      JSON.stringify([{ type: "source", id: "src-cli-later", title: "Later", kind: "news" }]),
    );
    await cli(
      ["import", "--format", "json", "--process", "armenia-azerbaijan", join(dir, "one.json")],
      env,
    );
    const later = join(dir, "later.json");
    await cli(
      ["export", "--format", "bundle", "--process", "armenia-azerbaijan", "--out", later],
      env,
    );
    const extended = await cli(["verify", "--bundle", later, "--extends", earlier], env);
    expect(extended.code, extended.stdout).toBe(0);
    expect(extended.stdout).toContain("extends the earlier bundle");

    const tampered = JSON.parse(readFileSync(later, "utf8")) as {
      records: Array<{ title?: string }>;
    };
    const source = tampered.records.find((r) => r.title === "Later");
    if (source) source.title = "Rewritten";
    writeFileSync(later, JSON.stringify(tampered));
    const caught = await cli(["verify", "--bundle", later], env);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain("src-cli-later");
  });

  it("fails verify, naming the record, after a row is changed by SQL", async () => {
    const { env } = await exampleStore();
    await withStore(env, (store) =>
      sql`UPDATE record SET body = jsonb_set(body, '{title}', '"Nothing happened"') WHERE id = 'inc-2021-11-16-border-fighting'`.execute(
        store.db,
      ),
    );
    const result = await cli(["verify", "--process", "armenia-azerbaijan"], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("FAILED");
    expect(result.stdout).toContain("inc-2021-11-16-border-fighting");
  });

  it.runIf(storeName === "pglite")(
    "answers --help for every command and exits 2 on wrong usage",
    async () => {
      const { COMMAND_NAMES } = await import("../src/cli/main.ts");
      const { env } = await emptyStore();
      for (const command of COMMAND_NAMES) {
        const help = await cli([command, "--help"], env);
        expect(help.code, command).toBe(0);
        expect(help.stdout).toContain(`truce ${command}`);
      }
      expect(COMMAND_NAMES).toEqual(expect.arrayContaining(["user", "cosign", "erase", "extract"]));
      const wrong = await runCli(["export", "--format", "xml", "--process", "x"], env);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain("--format must be one of json, csv, geojson");
    },
  );

  it.runIf(storeName === "pglite")(
    "refuses to open a data directory another process holds",
    async () => {
      const { env } = await exampleStore();
      await withStore(env, async () => {
        const result = await runCli(["verify"], env);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain("is in use by");
        expect(result.stderr).toContain(`pid ${process.pid}`);
      });
    },
  );
});
