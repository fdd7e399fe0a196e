import { describe, expect, it } from "vitest";
import {
  actorsNamedIn,
  mergePaxIntoDocument,
  type PaxRow,
  paxCategories,
  paxRowToDocument,
  readPaxCsv,
} from "./pax.ts";

// An invented file in PA-X's layout (a few of its ~280 columns); no agreement text from PA-X.
const HEADER =
  "Con,PP,PPName,AgtId,Agt,Dat,Status,Stage,StageSub,Part,ThrdPart,Interim,Ce,TjPrire,ImPK,StBor,DevInfra,NewCode";
const ROWS = [
  'Fixtureland,9001,Fixture process,77001,Invented ceasefire statement,05/03/2024,Multiparty signed/agreed,Cea,Ceas,"Prime Minister of the Republic of Armenia\r\nPresident of the Republic of Azerbaijan",President of the Russian Federation,No,3,2,1,0,0,1',
  "Fixtureland,9001,Fixture process,77002,Invented follow-up,2024-04-11,Unilateral document,Imp,ImpMod,Government of the Republic of Azerbaijan,,No,0,0,0,1,3,0",
  "Otherland,9002,Another process,77003,Elsewhere,01/01/2020,Multiparty signed/agreed,Pre,Proc,Someone,,No,0,0,0,0,0,0",
];
const FILE = `\uFEFF${[HEADER, ...ROWS, ""].join("\r\n")}`;

const ACTORS = [
  { id: "ARM", names: ["Republic of Armenia", "Armenia"] },
  { id: "AZE", names: ["Republic of Azerbaijan", "Azerbaijan"] },
  { id: "RUS", names: ["Russian Federation"] },
  { id: "EU", names: ["European Union", "EU"] },
];
const OPTIONS = { sourceId: "src-pax", actorsNamedIn: actorsNamedIn(ACTORS, {}) };

async function* chunks(text: string, size = 64): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, "utf8");
  for (let start = 0; start < bytes.length; start += size)
    yield bytes.subarray(start, start + size);
}

async function readAll(text: string) {
  const all = [];
  for await (const result of readPaxCsv(chunks(text))) all.push(result);
  return all;
}

async function rows(): Promise<PaxRow[]> {
  return (await readAll(FILE)).map((r) => r.row as PaxRow);
}

describe("readPaxCsv", () => {
  it("reads rows by header name, with BOM and CRLF, counting lines of multi-line fields", async () => {
    const results = await readAll(FILE);
    expect(results.map((r) => [r.line, r.row?.AgtId, r.error])).toEqual([
      [2, "77001", undefined],
      [4, "77002", undefined],
      [5, "77003", undefined],
    ]);
  });

  it("refuses a file without PA-X's columns and reports short rows", async () => {
    expect(await readAll("a,b\n1,2\n")).toEqual([
      { line: 1, error: "the header lacks the columns AgtId, PP, Agt, Dat: not a PA-X file" },
    ]);
    const cut = await readAll(`${HEADER}\n${ROWS[1]}\n77009,Cut`);
    expect(cut.map((r) => r.error)).toEqual([
      undefined,
      "the file ends in the middle of this row: expected 18 fields as in the header, found 2",
    ]);
  });
});

describe("paxRowToDocument", () => {
  it("maps an agreement to a document with status, stage, actors and named categories", async () => {
    const [first] = await rows();
    const mapped = paxRowToDocument(first as PaxRow, OPTIONS);
    if ("error" in mapped) throw new Error(mapped.error);
    expect(mapped.document).toMatchObject({
      type: "document",
      id: "pax-77001",
      title: "Invented ceasefire statement",
      kind: "agreement",
      date: { value: "2024-03-05", precision: "day" },
      status: "Multiparty signed/agreed",
      stage: "ceasefire/related: ceasefire agreement",
      signatories: ["ARM", "AZE"],
      third_parties: ["RUS"],
      external_ids: { pax: "77001" },
      source_ids: ["src-pax"],
      categories: [
        { code: "Ce", name: "ceasefire", strength: 3 },
        { code: "TjPrire", name: "prisoner release", strength: 2 },
        { code: "ImPK", name: "peacekeeping", strength: 1 },
        { code: "NewCode", name: "NewCode", strength: 1 },
      ],
    });
  });

  it("reads yyyy-mm-dd dates too, and rejects a bad date naming the column", async () => {
    const [, second] = await rows();
    const mapped = paxRowToDocument(second as PaxRow, OPTIONS);
    expect("document" in mapped && mapped.document.date).toEqual({
      value: "2024-04-11",
      precision: "day",
    });
    expect(paxRowToDocument({ ...second, Dat: "31/02/2024" }, OPTIONS)).toEqual({
      error: 'Dat: "31/02/2024" is not a day (dd/mm/yyyy)',
    });
    expect(paxRowToDocument({ ...second, AgtId: "x" }, OPTIONS)).toEqual({
      error: 'AgtId: "x" is not a PA-X agreement id',
    });
  });

  it("keeps the topic codes' strength and skips absent ones and passages", () => {
    expect(
      paxCategories({ AgtId: "1", Ce: "0", StBor: "2", GRefRhet: "some quoted passage" }),
    ).toEqual([{ code: "StBor", name: "borders", strength: 2 }]);
  });
});

describe("actorsNamedIn", () => {
  it("finds names as whole words, leaves short names to the mapping", () => {
    const find = actorsNamedIn(ACTORS, { "Council of the EU": "EU" });
    expect(find("President of the Republic of Azerbaijan and the Republic of Armenia")).toEqual([
      "AZE",
      "ARM",
    ]);
    expect(find("EUROPEAN matters; Armenian side")).toEqual([]);
    expect(find("Council of the EU")).toEqual(["EU"]);
  });
});

describe("mergePaxIntoDocument", () => {
  it("adds PA-X's codes, stage, actors and source and keeps the process's own fields", () => {
    const existing = {
      title: "Trilateral statement",
      kind: "statement",
      date: { value: "2020-11-09", precision: "day" },
      signatories: ["ARM", "AZE", "RUS"],
      third_parties: [],
      status: "signed",
      categories: [{ code: "own", name: "our own topic" }],
      external_ids: { pax: "2324" },
      source_ids: ["src-doc"],
    };
    const merged = mergePaxIntoDocument(existing, {
      date: { value: "2020-11-10", precision: "day" },
      signatories: ["AZE", "ARM"],
      third_parties: ["RUS", "EU"],
      status: "Multiparty signed/agreed",
      stage: "ceasefire/related: ceasefire agreement",
      categories: [{ code: "Ce", name: "ceasefire", strength: 3 }],
      external_ids: { pax: "2324" },
      source_ids: ["src-pax"],
    });
    expect(merged).toEqual({
      ...existing,
      third_parties: ["EU"],
      stage: "ceasefire/related: ceasefire agreement",
      categories: [
        { code: "own", name: "our own topic" },
        { code: "Ce", name: "ceasefire", strength: 3 },
      ],
      source_ids: ["src-doc", "src-pax"],
    });
    expect(
      mergePaxIntoDocument(merged, { categories: merged.categories, external_ids: {} }),
    ).toEqual(merged);
  });
});
