import { readFile } from "node:fs/promises";
import { exportRecords } from "../core/export-records.ts";
import { listAllProcesses } from "../core/get-process.ts";
import { processPlaceRecords, worldPlacesOfProcess } from "../core/process-gazetteer.ts";
import { OPERATOR } from "../domain/access.ts";
import { precisionOf } from "../domain/fuzzy-date.ts";
import { findDateline } from "../extract/dates.ts";
import {
  type ActorRecord,
  extractCandidates,
  type GazetteerEntry,
  type ProcessPlace,
} from "../extract/index.ts";
import { type Command, UsageError } from "./command.ts";
import { withServices } from "./with-services.ts";

async function readInput(file: string): Promise<string> {
  if (file !== "-") return readFile(file, "utf8");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

type ProcessContext = {
  actors: ActorRecord[];
  places: ProcessPlace[];
  world: GazetteerEntry[];
};

/**
 * The actors and places of the process named, or of the store's only process when none is named
 * (its own place records, then the world gazetteer's towns in its countries); with several
 * processes the reader must say which, and an empty store has none to find.
 */
async function loadContext(slug: string | undefined): Promise<ProcessContext> {
  return withServices("extract", async (services) => {
    const processes = (await listAllProcesses(services)).map((p) => String(p.slug));
    const chosen = slug ?? (processes.length === 1 ? processes[0] : undefined);
    if (chosen === undefined) {
      if (processes.length > 1) {
        throw new UsageError(`say which process's actors to use: --process ${processes.join("|")}`);
      }
      process.stderr.write("truce extract: no process in the store; no actors to find\n");
      return { actors: [], places: [], world: [] };
    }
    const actors: ActorRecord[] = [];
    for await (const record of exportRecords(services, chosen, OPERATOR, ["actor"]))
      actors.push(record as unknown as ActorRecord);
    const places = (await processPlaceRecords(services, chosen, OPERATOR)) as ProcessPlace[];
    return { actors, places, world: await worldPlacesOfProcess(services, chosen) };
  });
}

export const extractCommand: Command = {
  name: "extract",
  summary:
    "Read a report (FILE, or - for standard input) and print candidate records as JSON: kind, dates, places, actors, figures and the text ranges that support them",
  usage: `truce extract [--published YYYY-MM-DD] [--process SLUG] FILE|-

  --process  whose actors, aliases and places to find in the text (default: the store's only
             process); after its own places, the world gazetteer's towns in its countries`,
  options: { published: { type: "string" }, process: { type: "string" } },
  run: async (values, positionals) => {
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0)
      throw new UsageError("give one FILE to read, or - for standard input");
    const given = values.published as string | undefined;
    if (given !== undefined && precisionOf(given) !== "day")
      throw new UsageError(`--published must be a day, YYYY-MM-DD; got "${given}"`);
    const text = await readInput(file);
    const { actors, places, world } = await loadContext(values.process as string | undefined);
    // Relative dates need a day to count from: the option, else the report's dateline, else today.
    let published = given ?? findDateline(text);
    if (published === undefined) {
      published = new Date().toISOString().slice(0, 10);
      process.stderr.write(
        `truce extract: no --published and no dateline; relative dates are counted from today, ${published}\n`,
      );
    }
    const result = extractCandidates(text, { published, actors, places, world });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  },
};
