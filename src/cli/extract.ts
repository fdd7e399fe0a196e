import { readFile } from "node:fs/promises";
import { exportRecords } from "../core/export-records.ts";
import { OPERATOR } from "../domain/access.ts";
import { precisionOf } from "../domain/fuzzy-date.ts";
import { findDateline } from "../extract/dates.ts";
import { type ActorRecord, extractCandidates } from "../extract/index.ts";
import { REFERENCE_PROCESS } from "../reference/armenia-azerbaijan.ts";
import { type Command, UsageError } from "./command.ts";
import { withServices } from "./with-services.ts";

async function readInput(file: string): Promise<string> {
  if (file !== "-") return readFile(file, "utf8");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The process's actors from the store, or the example process's when no process is named. */
async function loadActors(slug: string | undefined): Promise<ActorRecord[]> {
  if (slug === undefined)
    return REFERENCE_PROCESS.records.filter((r) => r.type === "actor") as unknown as ActorRecord[];
  return withServices("extract", async (services) => {
    const actors: ActorRecord[] = [];
    for await (const record of exportRecords(services, slug, OPERATOR, ["actor"]))
      actors.push(record as unknown as ActorRecord);
    return actors;
  });
}

export const extractCommand: Command = {
  name: "extract",
  summary:
    "Read a report (FILE, or - for standard input) and print candidate records as JSON: kind, dates, places, actors, figures and the text ranges that support them",
  usage: "truce extract [--published YYYY-MM-DD] [--process SLUG] FILE|-",
  options: { published: { type: "string" }, process: { type: "string" } },
  run: async (values, positionals) => {
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0)
      throw new UsageError("give one FILE to read, or - for standard input");
    const given = values.published as string | undefined;
    if (given !== undefined && precisionOf(given) !== "day")
      throw new UsageError(`--published must be a day, YYYY-MM-DD; got "${given}"`);
    const text = await readInput(file);
    const actors = await loadActors(values.process as string | undefined);
    // Relative dates need a day to count from: the option, else the report's dateline, else today.
    let published = given ?? findDateline(text);
    if (published === undefined) {
      published = new Date().toISOString().slice(0, 10);
      process.stderr.write(
        `truce extract: no --published and no dateline; relative dates are counted from today, ${published}\n`,
      );
    }
    const result = extractCandidates(text, { published, actors });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  },
};
