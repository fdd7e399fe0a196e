import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../src/reference/index.ts";

/**
 * A peace process is data: the code serves any process and names none. The example process lives
 * in src/reference/, and is loaded on purpose only by the demo.
 */
const ROOT = new URL("../", import.meta.url).pathname;
const SLUGS = EXAMPLES.map((example) => String(example.process.slug));
const ITS_PLACES = [/^src\/reference\//, /^src\/cli\/demo\.ts$/];

/** Every file of the code (tests and fixtures aside, which may use the example). */
function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "fixtures" ? [] : codeFiles(path);
    return /\.test\.tsx?$/.test(name) ? [] : [relative(ROOT, path)];
  });
}

const files = [...codeFiles(join(ROOT, "src")), ...codeFiles(join(ROOT, "web/src"))];

describe.each(SLUGS)("no code names the example process %s", (slug) => {
  const naming = files.filter((file) => readFileSync(join(ROOT, file), "utf8").includes(slug));

  it("no file under src/ or web/src/ names it outside src/reference/ and the demo", () => {
    expect(naming.filter((file) => !ITS_PLACES.some((place) => place.test(file)))).toEqual([]);
  });

  it("finds the example where it lives (the check is not vacuous)", () => {
    expect(naming.some((file) => file.startsWith("src/reference/"))).toBe(true);
  });
});
