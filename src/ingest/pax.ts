import type { FuzzyDate } from "../domain/fuzzy-date.ts";
import { precisionOf } from "../domain/fuzzy-date.ts";
import { DocumentSchema } from "../domain/kinds/document.schema.ts";
import { fieldCountError, firstIssue, quoted, readCsvRecords } from "./csv-records.ts";
import { PAX_STAGE_NAMES, PAX_SUBSTAGE_NAMES, PAX_TOPIC_NAMES } from "./pax-topics.ts";

/** One PA-X agreement as the file has it: every column by its header name, as text. */
export type PaxRow = Record<string, string>;

/** What a row of a PA-X file gave: the row, or why it could not be read. */
export type PaxReadResult = { line: number; row?: PaxRow; error?: string };

/**
 * The columns that describe an agreement rather than code a topic. Every other column whose value
 * is 0-3 is a topic code; a column holding other text is one of the passages PA-X quotes to justify
 * a code, and is not imported.
 */
const METADATA_COLUMNS: ReadonlySet<string> = new Set([
  "Con",
  "Contp",
  "PP",
  "PPName",
  "Reg",
  "AgtId",
  "Ver",
  "Agt",
  "Year",
  "Dat",
  "Status",
  "Lgt",
  "N_characters",
  "Agtp",
  "Stage",
  "StageSub",
  "Part",
  "ThrdPart",
  "OthAgr",
  "Loc1ISO",
  "Loc2ISO",
  "Loc1GWNO",
  "Loc2GWNO",
  "UcdpCon",
  "UcdpAgr",
  "PamAgr",
  "CowWar",
  "Interim",
]);

const REQUIRED_COLUMNS = ["AgtId", "PP", "Agt", "Dat"];

// PA-X rows carry up to ~280 columns and long quoted passages in some versions; the bounds only stop
// a damaged file from making the parser buffer a huge line.
const BOUNDS = { maxFields: 1000, maxFieldChars: 200_000, maxRecordChars: 4_000_000 };

/**
 * Reads a PA-X CSV export row by row without holding the file in memory. The first row is the
 * header; columns are found by name. Accepts a byte order mark and CRLF or LF line ends. `line` is
 * the 1-based line of the file where a row starts (PA-X fields often span lines).
 */
export async function* readPaxCsv(
  input: NodeJS.ReadableStream | AsyncIterable<string | Buffer>,
): AsyncGenerator<PaxReadResult> {
  let header: string[] | undefined;
  for await (const record of readCsvRecords(input, BOUNDS)) {
    if ("error" in record) {
      yield record;
      return;
    }
    const { line, fields, hasLineEnd } = record;
    if (header === undefined) {
      const names = fields.map((f) => f.trim());
      const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
      if (missing.length > 0) {
        yield {
          line,
          error: `the header lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: not a PA-X file`,
        };
        return;
      }
      if (new Set(names).size !== names.length) {
        yield { line, error: "the header names a column twice" };
        return;
      }
      header = names;
      continue;
    }
    if (fields.length !== header.length) {
      yield { line, error: fieldCountError(fields.length, header.length, hasLineEnd) };
      continue;
    }
    const row: PaxRow = {};
    for (const [index, name] of header.entries()) row[name] = fields[index] ?? "";
    yield { line, row };
  }
  if (header === undefined) yield { line: 1, error: "the file is empty: it has no header line" };
}

/** What the mapping needs from the process it imports into. */
export type PaxMapOptions = {
  /** The source record (of kind "dataset") that stands for PA-X. */
  sourceId: string;
  /** The process's actors named in a free-text list of parties, in the order they appear. */
  actorsNamedIn: (text: string) => string[];
};

/** PA-X's Dat: dd/mm/yyyy in the published files, yyyy-mm-dd in some exports. */
function parseDat(value: string): FuzzyDate | undefined {
  const written = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  const day = written
    ? `${written[3]}-${(written[2] ?? "").padStart(2, "0")}-${(written[1] ?? "").padStart(2, "0")}`
    : value.trim();
  return precisionOf(day) === "day" ? { value: day, precision: "day" } : undefined;
}

/** Stage and sub-stage in words, e.g. "ceasefire/related: ceasefire agreement". */
function stageOf(row: PaxRow): string | undefined {
  const stage = (row.Stage ?? "").trim();
  if (stage === "") return undefined;
  const sub = (row.StageSub ?? "").trim();
  const words = PAX_STAGE_NAMES[stage] ?? stage;
  return (sub === "" ? words : `${words}: ${PAX_SUBSTAGE_NAMES[sub] ?? sub}`).slice(0, 100);
}

/** The topic codes a row gives (1-3), named in words, in the file's column order. */
export function paxCategories(
  row: PaxRow,
): Array<{ code: string; name: string; strength: number }> {
  const categories: Array<{ code: string; name: string; strength: number }> = [];
  for (const [code, value] of Object.entries(row)) {
    if (METADATA_COLUMNS.has(code) || !/^[1-3]$/.test(value.trim())) continue;
    categories.push({ code, name: PAX_TOPIC_NAMES[code] ?? code, strength: Number(value) });
  }
  return categories;
}

/**
 * Maps one PA-X agreement to a document (id `pax-<AgtId>`): its title, date, status, stage and
 * sub-stage in words, PA-X's topic codes as categories with their 1-3 strength, the process's
 * actors named among its parties (`Part`) as signatories and among its third parties (`ThrdPart`)
 * as third parties, `external_ids.pax`, and PA-X as its source. PA-X's free-text party lists are
 * kept in the summary, since not every party is an actor of the process. A value it cannot accept
 * gives `{ error }`, naming the column and quoting the value.
 */
export function paxRowToDocument(
  row: PaxRow,
  options: PaxMapOptions,
): { document: Record<string, unknown> } | { error: string } {
  const agtId = (row.AgtId ?? "").trim();
  if (!/^\d{1,10}$/.test(agtId))
    return quoted("AgtId", row.AgtId ?? "", "is not a PA-X agreement id");
  const title = (row.Agt ?? "").replace(/\s+/g, " ").trim();
  if (title === "") return quoted("Agt", row.Agt ?? "", "is empty");
  const date = parseDat(row.Dat ?? "");
  if (date === undefined) {
    return quoted("Dat", row.Dat ?? "", "is not a day (dd/mm/yyyy)");
  }
  const signatories = options.actorsNamedIn(row.Part ?? "");
  const thirdParties = options
    .actorsNamedIn(row.ThrdPart ?? "")
    .filter((id) => !signatories.includes(id));
  const parties = (row.Part ?? "").replace(/\s+/g, " ").trim();
  const third = (row.ThrdPart ?? "").replace(/\s+/g, " ").trim();
  const summary = [
    parties !== "" ? `Parties as PA-X lists them: ${parties}` : "",
    third !== "" ? `Third parties: ${third}` : "",
  ]
    .filter(Boolean)
    .join("\n")
    .slice(0, 20_000);
  const status = (row.Status ?? "").trim().slice(0, 100);
  const stage = stageOf(row);
  const document: Record<string, unknown> = {
    type: "document",
    id: `pax-${agtId}`,
    title: title.length > 500 ? `${title.slice(0, 499)}…` : title,
    kind: "agreement",
    date,
    signatories,
    third_parties: thirdParties,
    ...(summary !== "" ? { summary } : {}),
    ...(status !== "" ? { status } : {}),
    ...(stage !== undefined ? { stage } : {}),
    categories: paxCategories(row),
    external_ids: { pax: agtId },
    source_ids: [options.sourceId],
  };
  const { type: _t, id: _i, ...fields } = document;
  const check = DocumentSchema.safeParse(fields);
  if (!check.success) return firstIssue("document", check.error.issues);
  return { document };
}

/**
 * A document the process already has for a PA-X agreement, with what PA-X adds: its topic codes
 * (replacing earlier PA-X codes, keeping other categories), its stage and status where the document
 * has none, the actors PA-X names that the document lacks, and PA-X among its sources. Title, date,
 * summary and everything else stay as the process has them, since the process's own record of an
 * agreement (e.g. the day it was signed rather than the day PA-X dates it) is the better one.
 */
export function mergePaxIntoDocument(
  existing: Record<string, unknown>,
  fromPax: Record<string, unknown>,
): Record<string, unknown> {
  const list = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  const union = (a: string[], b: string[]) => [...a, ...b.filter((id) => !a.includes(id))];
  const paxCodes = new Set(
    (fromPax.categories as Array<{ code: string }> | undefined)?.map((c) => c.code) ?? [],
  );
  const kept = (Array.isArray(existing.categories) ? existing.categories : []).filter(
    (c: { code?: string }) => !paxCodes.has(String(c.code)),
  );
  const signatories = union(list(existing.signatories), list(fromPax.signatories));
  const thirdParties = union(list(existing.third_parties), list(fromPax.third_parties)).filter(
    (id) => !signatories.includes(id),
  );
  return {
    ...existing,
    signatories,
    third_parties: thirdParties,
    ...(existing.status === undefined && fromPax.status !== undefined
      ? { status: fromPax.status }
      : {}),
    ...(existing.stage === undefined && fromPax.stage !== undefined
      ? { stage: fromPax.stage }
      : {}),
    categories: [...kept, ...((fromPax.categories as unknown[]) ?? [])],
    external_ids: {
      ...(typeof existing.external_ids === "object" ? existing.external_ids : {}),
      ...(fromPax.external_ids as Record<string, string>),
    },
    source_ids: union(list(existing.source_ids), list(fromPax.source_ids)),
  };
}

/**
 * Finds the process's actors in a free-text list of parties such as PA-X's `Part` ("President of
 * the Republic of Azerbaijan ..."): an actor is named when one of its names, or a phrase the
 * mapping gives for it, appears in the text as whole words, compared without case. Names shorter
 * than four characters ("EU") are only matched through the mapping, since as words they turn up by
 * chance. Ids come in the order they first appear in the text.
 */
export function actorsNamedIn(
  actors: ReadonlyArray<{ id: string; names: readonly string[] }>,
  mapping: Readonly<Record<string, string>>,
): (text: string) => string[] {
  const phrases: Array<{ id: string; pattern: RegExp }> = [];
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const add = (id: string, phrase: string) =>
    phrases.push({
      id,
      pattern: new RegExp(`(^|[^\\p{L}\\p{N}])${literal(phrase)}($|[^\\p{L}\\p{N}])`, "iu"),
    });
  for (const [phrase, id] of Object.entries(mapping))
    if (phrase.trim() !== "") add(id, phrase.trim());
  for (const actor of actors) {
    for (const name of actor.names) if (name.trim().length >= 4) add(actor.id, name.trim());
  }
  return (text: string) => {
    const found: Array<{ id: string; at: number }> = [];
    for (const { id, pattern } of phrases) {
      const match = pattern.exec(text);
      if (match) found.push({ id, at: match.index });
    }
    found.sort((a, b) => a.at - b.at);
    return [...new Set(found.map((f) => f.id))];
  };
}
