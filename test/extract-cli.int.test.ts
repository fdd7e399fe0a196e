import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliStoreForTest, runCli } from "./support/cli.ts";

const REPORT =
  "The Defence Ministry in Yerevan said Azerbaijani forces shelled positions near Vardenis " +
  "on Tuesday. One Armenian soldier was killed.";

describe("truce extract", () => {
  // Each test has a data directory of its own.
  it("reads standard input and prints candidates with evidence ranges into the text", async () => {
    const { env } = await cliStoreForTest("pglite");
    // The store's only process gives the actors: no --process needed.
    expect((await runCli(["demo"], env)).code).toBe(0);
    const result = await runCli(["extract", "--published", "2021-11-17", "-"], env, REPORT);
    expect(result.code).toBe(0);
    const { candidates } = JSON.parse(result.stdout);
    expect(candidates).toHaveLength(1);
    const [claim] = candidates;
    expect(claim).toMatchObject({
      kind: "claim",
      date: { value: "2021-11-16", precision: "day" },
      places: [{ name: "Vardenis", precision: "settlement" }],
      reported_by: "ARM",
      blamed: ["AZE"],
      figures: { killed: { ARM: 1 } },
    });
    const place = claim.evidence.find((e: { supports: string }) => e.supports === "place");
    expect(REPORT.slice(place.start, place.end)).toBe("Vardenis");
  });

  it("takes the actors of a process in the store with --process", async () => {
    const { dir, env } = await cliStoreForTest("pglite");
    expect((await runCli(["demo"], env)).code).toBe(0);
    const file = join(dir, "report.txt");
    writeFileSync(file, REPORT);
    const result = await runCli(
      ["extract", "--process", "armenia-azerbaijan", "--published", "2021-11-17", file],
      env,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).candidates[0].actors).toEqual(["ARM", "AZE"]);
    const missing = await runCli(["extract", "--process", "nowhere", file], env);
    expect(missing.code).toBe(1);
  });

  it("answers --help and refuses a published value that is not a day", async () => {
    const { env } = await cliStoreForTest("pglite");
    const help = await runCli(["extract", "--help"], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("truce extract");
    const wrong = await runCli(["extract", "--published", "2021-11", "-"], env, REPORT);
    expect(wrong.code).toBe(2);
  });

  it("reads several files and folders and prints one JSON document a line, each with its file", async () => {
    const { dir, env } = await cliStoreForTest("pglite");
    expect((await runCli(["demo"], env)).code).toBe(0);
    const folder = join(dir, "reports");
    mkdirSync(folder);
    writeFileSync(join(dir, "one.txt"), REPORT);
    // A Markdown report's front matter gives its dateline; evidence indexes the text after it.
    writeFileSync(join(folder, "a.md"), `---\ndateline: 2021-11-17\n---\n${REPORT}`);
    writeFileSync(
      join(folder, "b.txt"),
      "BAKU, 17 November 2021 – Azerbaijani forces fired at Sotk on Tuesday, Yerevan said.",
    );
    writeFileSync(join(folder, "notes.json"), "{}");
    const result = await runCli(["extract", join(dir, "one.txt"), folder], env);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual([
      join(dir, "one.txt"),
      join(folder, "a.md"),
      join(folder, "b.txt"),
    ]);
    expect(lines[1].published).toBe("2021-11-17");
    expect(lines[1].candidates[0].date).toEqual({ value: "2021-11-16", precision: "day" });
    expect(lines[2].published).toBe("2021-11-17");
    expect(lines[2].candidates[0].places.map((p: { name: string }) => p.name)).toEqual(["Sotk"]);
    const place = lines[1].candidates[0].evidence.find(
      (e: { supports: string }) => e.supports === "place",
    );
    expect(REPORT.slice(place.start, place.end)).toBe("Vardenis");
    // The file without a dateline counts from today and says so.
    expect(result.stderr).toContain("one.txt: no --published and no dateline");
  });
});
