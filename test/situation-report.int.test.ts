import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcessFromFile } from "../src/core/process-file.ts";
import type { Services } from "../src/core/services.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { parseTruceJson } from "../src/ingest/truce-json.ts";
import { buildApp } from "../src/server/app.ts";
import { injectAs, tokenFor } from "./support/auth.ts";
import { cliStoreForTest, runCliInProcess } from "./support/cli.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const FIXTURE = new URL("./fixtures/situation-report/process.json", import.meta.url);
const P = "/api/processes/lakeside";

/** A PDF's text, page by page joined, as a reader's copy and paste would give it. */
async function pdfText(body: Buffer): Promise<{ pages: number; text: string }> {
  const doc = await getDocument({
    data: new Uint8Array(body),
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  let text = "";
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) {
      if ("str" in item) text += item.str + (item.hasEOL ? "\n" : "");
    }
    text += "\n";
  }
  const pages = doc.numPages;
  await doc.destroy();
  // Lines wrap inside table cells: compare words, not where the lines break.
  return { pages, text: text.replace(/\s+/g, " ") };
}

/** What each language must show: the report's own title and names in that language. */
const EXPECTED: Record<string, string[]> = {
  en: [
    "Daily situation report",
    "Northern side",
    "Lakeview",
    "killed",
    "Mission daily report no. 68",
  ],
  ru: ["Ежедневная сводка о ситуации", "Северная сторона", "Озёрный", "убито"],
  hy: ["Իրավիճակի օրական հաշվետվություն", "Հյուսիսային կողմ", "Լճատես", "զոհված"],
  az: ["Vəziyyət haqqında gündəlik hesabat", "Şimal tərəfi", "Gölbaxan", "həlak olub"],
};

describe.each(STORE_NAMES)("situation reports on %s", (storeName) => {
  let services: Services;
  let app: FastifyInstance;
  let asAdmin: ReturnType<typeof injectAs>;
  let asPublic: ReturnType<typeof injectAs>;

  beforeAll(async () => {
    services = await openTestServices(storeName);
    const file = parseTruceJson(readFileSync(FIXTURE, "utf8"));
    const { summary } = await createProcessFromFile(services, file, {
      principal: operatorCaller("test"),
    });
    expect(summary.rejected).toEqual([]);
    app = await buildApp(services, { rateLimit: 100_000 });
    asAdmin = injectAs(app, await tokenFor(services, "admin"));
    asPublic = injectAs(app, undefined);
  });
  afterAll(async () => {
    await app?.close();
    await services?.store.close();
  });

  // The words are the renderer's, the same on either store: every language on the first store,
  // English on the others (what they hold is checked in every format below).
  const languages = storeName === STORE_NAMES[0] ? Object.keys(EXPECTED) : ["en"];

  it.each(languages)("writes the day's PDF in %s, its text readable", async (lang) => {
    const response = await asPublic(`${P}/reports/daily?date=2030-03-10&format=pdf&lang=${lang}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="lakeside-daily-2030-03-10-${lang}.pdf"`,
    );
    const body = response.rawPayload;
    expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { pages, text } = await pdfText(body);
    expect(pages).toBeGreaterThan(0);
    for (const expected of EXPECTED[lang] ?? []) expect(text).toContain(expected);
    // Each side's version, side by side, neither averaged away.
    expect(text).toContain("Southern artillery shelled Lakeview");
    expect(text).toContain("no civilians were harmed");
    // (A narrow cell may wrap the range after its dash.)
    expect(text).toMatch(/0– ?1/);
  });

  it("shows the period's records in HTML: in, out, due, overdue, each figure with its source", async () => {
    const response = await asPublic(`${P}/reports/daily?date=2030-03-10&format=html`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    const html = response.body;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Shelling of Lakeview village");
    expect(html).not.toContain("Sniper fire at the northern post");
    // The map of the period: the basemap's land and the incident's numbered point.
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toMatch(/<path d="M[^"]+" fill="#f4f1ea"\/>/);
    expect(html).toMatch(/<path d="M[^"]{500,}" fill="none" stroke="#8a8a8a"/);
    expect(html.match(/<circle /g)).toHaveLength(1);
    expect(html).toMatch(/<text [^>]*paint-order="stroke">Lakeview<\/text>/);
    expect(html).toContain("Hand over the maps of the minefields");
    expect(html).toContain("9 days overdue");
    expect(html).toContain("Open the lake crossing to civilians");
    expect(html).toContain("10 days left");
    expect(html).not.toContain("Release the fishermen");
    expect(html).toContain("Working group on the lake crossing");
    expect(html).toContain("Summit on the ceasefire line");
    expect(html).toContain("completion reported, not verified by the monitors");
    // Sources are numbered as first cited; each figure carries its claim's.
    const sources = [...html.matchAll(/<li value="(\d+)">(?:<a [^>]*>)?([^<]+)/g)].map((m) => [
      Number(m[1]),
      m[2],
    ]);
    expect(sources[0]).toEqual([1, "Mission daily report no. 68, Lake monitoring mission"]);
    const north = sources.find(([, title]) => title === "Northern defence ministry statement");
    expect(html).toContain(
      `killed: Northern side 2; wounded: civilians 3 <sup class="cite">[${north?.[0]}]</sup>`,
    );
    expect(html).toMatch(/<td>23 \(20–30\) <sup class="cite">\[1\]<\/sup><\/td>/);
  });

  it("keeps what the reader may not see out of the report", async () => {
    const query = `${P}/reports/daily?date=2030-03-10&format=md`;
    const publicMd = (await asPublic(query)).body;
    const adminMd = (await asAdmin(query)).body;
    expect(publicMd).not.toContain("the shells came from a third position");
    expect(publicMd).not.toContain("Confidential mediators' note");
    expect(adminMd).toContain("the shells came from a third position");
    expect(adminMd).toContain("Confidential mediators' note");
  });

  it("writes Markdown with tables and the sources listed", async () => {
    const response = await asPublic(`${P}/reports/weekly?date=2030-03-10&format=md&lang=ru`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/markdown; charset=utf-8");
    const md = response.body;
    expect(md).toMatch(/^# Еженедельная сводка о ситуации: Прекращение огня у озера\n/);
    // The week holds the days before too.
    expect(md).toContain("Sniper fire at the northern post");
    expect(md).toContain("Mortar fire on the eastern ridge");
    // On its map, an incident located only by its gazetteer place takes that place's point.
    const html = (await asPublic(`${P}/reports/weekly?date=2030-03-10&format=html`)).body;
    expect(html.match(/<circle /g)).toHaveLength(3);
    expect(md).toContain("| Кто заявляет | Дата | Что заявлено | Кого обвиняет | Цифры |");
    expect(md).toMatch(/\n1\. Mission daily report no\. 68, Lake monitoring mission\n/);
    expect(md).toContain("](https://north.example/statement-10)");
  });

  it.each([
    ["date=2030-02-30&format=pdf", "date"],
    ["date=2030-03&format=pdf", "date"],
    ["format=pdf", "date"],
    ["date=9999-12-30", "date"],
    ["date=1000-01-01&format=md", "date"],
    ["date=2030-03-10&format=docx", "format"],
    ["date=2030-03-10&lang=fr", "lang"],
  ])("refuses %s as a problem naming %s", async (query, field) => {
    const response = await asPublic(`${P}/reports/daily?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(response.json().issues.map((i: { path: string }) => i.path)).toContain(field);
  });

  it("answers 404 for a process that does not exist", async () => {
    const response = await asPublic("/api/processes/nowhere/reports/weekly?date=2030-03-10");
    expect(response.statusCode).toBe(404);
  });
});

describe("truce report", () => {
  it("writes the file asked for, and refuses a bad format naming it", async () => {
    const store = await cliStoreForTest("pglite");
    const created = await runCliInProcess(["process", "create", FIXTURE.pathname], store.env);
    expect(created.code, created.stderr).toBe(0);
    const out = `${store.dir}/daily.pdf`;
    const written = await runCliInProcess(
      [
        "report",
        "daily",
        "--process",
        "lakeside",
        "--date",
        "2030-03-10",
        "--format",
        "pdf",
        "--lang",
        "hy",
        "--out",
        out,
      ],
      store.env,
    );
    expect(written.code, written.stderr).toBe(0);
    const { text } = await pdfText(readFileSync(out));
    expect(text).toContain("Իրավիճակի օրական հաշվետվություն");
    // As the operator by default: the confidential claim is in; --as public leaves it out.
    expect(text).toContain("the shells came from a third position");
    const wrong = await runCliInProcess(
      ["report", "daily", "--process", "lakeside", "--date", "2030-03-10", "--format", "docx"],
      store.env,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/format/);
    const help = await runCliInProcess(["report", "--help"], store.env);
    expect(help.stdout).toContain("truce report daily|weekly --process SLUG --date YYYY-MM-DD");
  });
});
