import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
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

/** Every report file a path names: the file itself, or a folder's .md and .txt files, in order. */
async function reportFiles(path: string): Promise<string[]> {
  if (path === "-") return [path];
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) throw new UsageError(`no such file or folder: ${path}`);
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) files.push(...(await reportFiles(full)));
    else if (/\.(?:md|txt)$/i.test(entry.name)) files.push(full);
  }
  return files;
}

// A report kept as Markdown may open with front matter; its dateline there dates the report.
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

function splitFrontMatter(text: string): { body: string; offset: number; dateline?: string } {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { body: text, offset: 0 };
  const dateline = /^(?:dateline|published):\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(m[1] ?? "")?.[1];
  const body = text.slice(m[0].length);
  return dateline ? { body, offset: m[0].length, dateline } : { body, offset: m[0].length };
}

export const extractCommand: Command = {
  name: "extract",
  summary:
    "Read reports (files, folders of .md and .txt files, or - for standard input) and print candidate records as JSON, one document per file: kind, dates, places, actors, figures, a confidence and the text ranges that support them",
  usage: `truce extract [--published YYYY-MM-DD] [--process SLUG] FILE|FOLDER|- ...

  --process    whose actors, aliases and places to find in the text (default: the store's only
               process); after its own places, the world gazetteer's towns in its countries
  --published  the day relative dates count from (default: each report's dateline or front
               matter, else today)

  One file prints one JSON document; several print one JSON document a line, each with its file.
  Evidence ranges index the report's text after any front matter.`,
  options: { published: { type: "string" }, process: { type: "string" } },
  run: async (values, positionals) => {
    if (positionals.length === 0)
      throw new UsageError("give the FILEs or FOLDERs to read, or - for standard input");
    if (positionals.includes("-") && positionals.length > 1)
      throw new UsageError("read standard input (-) alone");
    const given = values.published as string | undefined;
    if (given !== undefined && precisionOf(given) !== "day")
      throw new UsageError(`--published must be a day, YYYY-MM-DD; got "${given}"`);
    const files = (await Promise.all(positionals.map(reportFiles))).flat();
    const { actors, places, world } = await loadContext(values.process as string | undefined);
    // One file named (not a folder holding one) prints its document as before; else one a line.
    const isOne = positionals.length === 1 && files.length === 1 && positionals[0] === files[0];
    for (const file of files) {
      const { body, dateline } = splitFrontMatter(await readInput(file));
      // Relative dates need a day to count from: the option, else the report's dateline, else today.
      let published = given ?? dateline ?? findDateline(body);
      if (published === undefined) {
        published = new Date().toISOString().slice(0, 10);
        process.stderr.write(
          `truce extract: ${file === "-" ? "standard input" : file}: no --published and no dateline; relative dates are counted from today, ${published}\n`,
        );
      }
      const result = extractCandidates(body, { published, actors, places, world });
      if (isOne) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else process.stdout.write(`${JSON.stringify({ file, ...result })}\n`);
    }
    return 0;
  },
};
