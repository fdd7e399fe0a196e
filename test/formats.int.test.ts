import { createReadStream } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcess } from "../src/core/create-process.ts";
import { exportIncidentsWithClaims } from "../src/core/export-incident-rows.ts";
import { exportRecords } from "../src/core/export-records.ts";
import { importAcled } from "../src/core/import-acled.ts";
import { importHxl } from "../src/core/import-hxl.ts";
import { importPax } from "../src/core/import-pax.ts";
import { importRecords } from "../src/core/import-records.ts";
import { importUcdp } from "../src/core/import-ucdp.ts";
import { loadReferenceProcess, REFERENCE_SLUG } from "../src/core/load-reference-process.ts";
import { requireProcess } from "../src/core/require-process.ts";
import type { Services } from "../src/core/services.ts";
import { OPERATOR, operatorCaller } from "../src/domain/access.ts";
import {
  ACLED_COLUMNS,
  readAcledCsv,
  recordsToAcledRow,
  writeAcledCsv,
} from "../src/ingest/acled.ts";
import { readHxlCsv, recordsToHxlRow, writeHxlCsv } from "../src/ingest/hxl.ts";
import { readPaxCsv } from "../src/ingest/pax.ts";
import { readUcdpCsv, recordsToUcdpRow, UCDP_COLUMNS, writeUcdpCsv } from "../src/ingest/ucdp.ts";
import { checkpointLsn, openTestServices, STORE_NAMES } from "./support/stores.ts";

const PRINCIPAL = operatorCaller("test");
// Invented agreements in PA-X's format; three carry the AgtIds of the example's documents.
const PAX_FILE = new URL("./fixtures/pax/pp161.csv", import.meta.url);

const ACTORS = [
  { type: "actor", id: "ARM", name: "Republic of Armenia", roles: ["party"] },
  { type: "actor", id: "AZE", name: "Republic of Azerbaijan", roles: ["party"] },
];
const ACTOR_MAPPING = {
  "Government of Armenia": "ARM",
  "Government of Azerbaijan": "AZE",
  "Armed Forces of Armenia (fixture)": "ARM",
  "Armed Forces of Azerbaijan (fixture)": "AZE",
};

// Invented rows in each format's own columns; places are real, events and sources are not.
function ucdpLine(id: string, changes: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    id,
    relid: `ARM-2024-1-990-${id}`,
    year: "2024",
    active_year: "1",
    code_status: "Clear",
    type_of_violence: "1",
    conflict_dset_id: "388",
    conflict_new_id: "388",
    conflict_name: "Azerbaijan: Government (fixture)",
    dyad_dset_id: "990",
    dyad_new_id: "990",
    dyad_name: "Government of Armenia - Government of Azerbaijan",
    side_a_dset_id: "371",
    side_a_new_id: "117",
    side_a: "Government of Armenia",
    side_b_dset_id: "373",
    side_b_new_id: "118",
    side_b: "Government of Azerbaijan",
    number_of_sources: "1",
    source_article: "Fixture Wire",
    source_office: "",
    source_date: "2024-03-14",
    source_headline: "Invented headline",
    source_original: "Ministry (fixture)",
    where_prec: "1",
    where_coordinates: "Tegh village",
    where_description: "Invented",
    adm_1: "Syunik province",
    adm_2: "Goris district",
    latitude: "39.5612",
    longitude: "46.481",
    geom_wkt: "POINT (46.481 39.5612)",
    priogrid_gid: "186933",
    country: "Armenia",
    country_id: "371",
    region: "Europe",
    event_clarity: "1",
    date_prec: "1",
    date_start: "2024-03-14",
    date_end: "2024-03-14",
    deaths_a: "1",
    deaths_b: "2",
    deaths_civilians: "0",
    deaths_unknown: "1",
    best: "4",
    high: "6",
    low: "3",
    gwnoa: "371",
    gwnob: "373",
    ...changes,
  };
  return UCDP_COLUMNS.map((c) => values[c]).join(",");
}

function ucdpFile(count: number, changes: Record<string, Record<string, string>> = {}): string {
  const lines = [UCDP_COLUMNS.join(",")];
  for (let i = 1; i <= count; i++)
    lines.push(ucdpLine(String(990000 + i), changes[String(990000 + i)]));
  return `${lines.join("\n")}\n`;
}

const ACLED_FILE = `${[
  ACLED_COLUMNS.join(","),
  "ARM90001,2024-03-14,2024,1,Political violence,Battles,Armed clash," +
    "Armed Forces of Armenia (fixture),,1,Armed Forces of Azerbaijan (fixture),,1,11,," +
    "51,Caucasus and Central Asia,Armenia,Syunik,Goris,,Tegh,39.5612,46.4810,1," +
    "Fixture Wire,National,Invented: an exchange of fire near Tegh.,2,,1710500000",
  "AZE95001,2025-01-09,2025,1,Political violence,Explosions/Remote violence,Air/drone strike," +
    "Armed Forces of Azerbaijan (fixture),,State forces,Armed Forces of Armenia (fixture),," +
    "State forces,State forces-State forces,,31,Caucasus and Central Asia,Azerbaijan,Kalbajar," +
    "Kalbajar,,Kalbajar,40.1098,46.0389,2,Fixture Ministry,National," +
    "Invented: a drone was said to have struck a position.,0,,1736500000",
].join("\n")}\n`;

const HXL_FILE = `${[
  "Event ID,Title,Kind,Date,Date end,Place,Place precision,Admin 1,Admin 2,Country,Latitude,Longitude,Actors,Description,Killed,Wounded,Captured,Missing",
  "#event+id,#event+name,#event+type,#date,#date+end,#loc+name,#loc+precision,#adm1+name,#adm2+name,#country+code+v_iso2,#geo+lat,#geo+lon,#actor+code,#description,#affected+killed,#affected+injured,#affected+captured,#affected+missing",
  // In the order Truce lists incidents (by date), so that the export is this very file.
  "h-2,Clash on the border,armed_clash,2021-05,,Armenia–Azerbaijan border,region,,,,,,ARM;AZE,,,,,",
  'h-3,"Detentions, week of 3 May",detention,2021-05-03,2021-05-09,Kalbajar,district,,,AZ,40.1,46,,,,,6,',
  "h-1,Shelling near Sotk,shelling,2021-11-16,,Sotk,settlement,Gegharkunik,,AM,40.2167,45.9667,AZE,Invented.,1,2,,",
].join("\n")}\n`;

async function* chunksOf(text: string): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, "utf8");
  for (let start = 0; start < bytes.length; start += 1000)
    yield bytes.subarray(start, start + 1000);
}

async function textOf(chunks: AsyncIterable<string>): Promise<string> {
  let all = "";
  for await (const chunk of chunks) all += chunk;
  return all;
}

async function* rowsOf<Row>(
  services: Services,
  slug: string,
  toRow: (incident: Record<string, unknown>, claim: Record<string, unknown> | undefined) => Row,
): AsyncGenerator<Row> {
  for await (const { incident, claim } of exportIncidentsWithClaims(services, slug, OPERATOR)) {
    yield toRow(incident, claim);
  }
}

const FORMATS = {
  ucdp: {
    file: ucdpFile(3),
    importFile: (services: Services, slug: string, text: string) =>
      importUcdp(services, slug, readUcdpCsv(chunksOf(text)), {
        principal: PRINCIPAL,
        actorMapping: ACTOR_MAPPING,
      }),
    exportFile: (services: Services, slug: string) =>
      textOf(writeUcdpCsv(rowsOf(services, slug, recordsToUcdpRow))),
  },
  acled: {
    file: ACLED_FILE,
    importFile: (services: Services, slug: string, text: string) =>
      importAcled(services, slug, readAcledCsv(chunksOf(text)), {
        principal: PRINCIPAL,
        actorMapping: ACTOR_MAPPING,
      }),
    exportFile: (services: Services, slug: string) =>
      textOf(writeAcledCsv(rowsOf(services, slug, recordsToAcledRow))),
  },
  hxl: {
    file: HXL_FILE,
    importFile: (services: Services, slug: string, text: string) =>
      importHxl(services, slug, readHxlCsv(chunksOf(text)), { principal: PRINCIPAL }),
    exportFile: (services: Services, slug: string) =>
      textOf(writeHxlCsv(rowsOf(services, slug, recordsToHxlRow))),
  },
} as const;

/** A process's records without what the store assigns (versions, timestamps). */
async function recordsOf(services: Services, slug: string) {
  const all = [];
  for await (const record of exportRecords(services, slug, OPERATOR)) {
    const { version: _v, created_at: _c, updated_at: _u, ...rest } = record;
    all.push(rest);
  }
  return all.sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

async function ledgerSize(services: Services, slug: string): Promise<number> {
  return (await requireProcess(services, slug)).ledger_size;
}

describe.each(STORE_NAMES)("dataset formats on %s", (storeName) => {
  let services: Services;
  let processes = 0;

  /** A new process holding the two parties, as a fresh place to import into. */
  async function freshProcess(): Promise<string> {
    processes += 1;
    const slug = `p${processes}`;
    await createProcess(services, { slug, name: `Process ${processes}` }, PRINCIPAL);
    const summary = await importRecords(
      services,
      slug,
      ACTORS.map((record, i) => ({ at: `actor ${i}`, record })),
      { principal: PRINCIPAL },
    );
    expect(summary.rejected).toEqual([]);
    return slug;
  }

  beforeAll(async () => {
    services = await openTestServices(storeName);
  });
  afterAll(async () => {
    await services.store.close();
  });

  for (const [format, { file, importFile, exportFile }] of Object.entries(FORMATS)) {
    it(`${format}: a file goes out and comes back unchanged, and re-importing it changes nothing`, async () => {
      const first = await freshProcess();
      const imported = await importFile(services, first, file);
      expect(imported.rejected).toEqual([]);
      const exported = await exportFile(services, first);
      expect(exported).toBe(file);

      const second = await freshProcess();
      expect((await importFile(services, second, exported)).rejected).toEqual([]);
      expect(await exportFile(services, second)).toBe(exported);

      const before = await ledgerSize(services, second);
      const again = await importFile(services, second, exported);
      expect(again).toMatchObject({ created: 0, updated: 0, rejected: [] });
      expect(await ledgerSize(services, second)).toBe(before);
    });
  }

  it("ucdp: a revised row updates only its record, with one ledger entry", async () => {
    const slug = await freshProcess();
    await FORMATS.ucdp.importFile(services, slug, ucdpFile(3));
    const before = await recordsOf(services, slug);
    const size = await ledgerSize(services, slug);
    const revised = ucdpFile(3, { "990002": { best: "5", high: "7", deaths_unknown: "2" } });
    const summary = await FORMATS.ucdp.importFile(services, slug, revised);
    expect(summary).toMatchObject({ created: 0, updated: 1, rejected: [] });
    expect(await ledgerSize(services, slug)).toBe(size + 1);
    const after = await recordsOf(services, slug);
    const changed = after.filter(
      (record) => JSON.stringify(record) !== JSON.stringify(before.find((b) => b.id === record.id)),
    );
    expect(changed.map((r) => r.id)).toEqual(["ucdp-990002-fatalities"]);
    expect(changed[0]).toMatchObject({ totals: { killed: { low: 3, best: 5, high: 7 } } });
  });

  it("ucdp: a malformed file gets an error per bad line and imports the good rows", async () => {
    const slug = await freshProcess();
    const good = ucdpFile(2).trimEnd().split("\n");
    const file = [
      ...good,
      ucdpLine("990003", { date_start: "2024-13-01" }),
      ucdpLine("990004", { latitude: "91.5" }),
      ucdpLine("990005"),
      ucdpLine("990006").slice(0, 40),
    ].join("\n");
    const summary = await FORMATS.ucdp.importFile(services, slug, file);
    expect(summary.rejected).toEqual([
      { at: "line 4", id: "990003", reason: 'date_start: "2024-13-01" is not a day (YYYY-MM-DD)' },
      { at: "line 5", id: "990004", reason: 'latitude: "91.5" is not between -90 and 90' },
      {
        at: "line 7",
        reason:
          "the file ends in the middle of this row: expected 49 fields as in the header, found 5",
      },
    ]);
    expect(summary.rows).toBe(6);
    const incidents = (await recordsOf(services, slug)).filter((r) => r.type === "incident");
    expect(incidents.map((r) => r.id)).toEqual(["ucdp-990001", "ucdp-990002", "ucdp-990005"]);

    // A file not one row of which can be read is refused as a whole.
    await expect(
      FORMATS.ucdp.importFile(services, slug, "id,when,where\n1,2,3\n"),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: {
        issues: [
          {
            path: "line 1",
            message: expect.stringContaining("the header lacks the columns type_of_violence"),
          },
        ],
      },
    });
    const wide = [UCDP_COLUMNS.join(","), ucdpLine("990007"), ",".repeat(9_999)].join("\n");
    const wideSummary = await FORMATS.ucdp.importFile(services, slug, wide);
    expect(wideSummary.created).toBe(2);
    expect(wideSummary.rejected).toEqual([
      { at: "line 3", reason: "the row has more than 200 fields; reading stops here" },
    ]);
  });

  it("acled: a re-import without the actor mapping keeps the actors an earlier one resolved", async () => {
    const slug = await freshProcess();
    await FORMATS.acled.importFile(services, slug, ACLED_FILE);
    const actorsOf = async () =>
      (await recordsOf(services, slug))
        .filter((r) => r.type === "incident")
        .map((r) => [r.id, r.actors]);
    const mapped = await actorsOf();
    expect(mapped).toEqual([
      ["acled-ARM90001", ["ARM", "AZE"]],
      ["acled-AZE95001", ["AZE", "ARM"]],
    ]);
    const size = await ledgerSize(services, slug);
    const bare = { principal: PRINCIPAL };
    const again = await importAcled(services, slug, readAcledCsv(chunksOf(ACLED_FILE)), bare);
    expect(again).toMatchObject({ created: 0, updated: 0, rejected: [] });
    expect(await actorsOf()).toEqual(mapped);
    expect(await ledgerSize(services, slug)).toBe(size);
    // A row that now names other actors is taken as it is: the names changed, not the mapping.
    const renamed = ACLED_FILE.replace(
      "Armed Forces of Armenia (fixture),,1,Armed Forces of Azerbaijan (fixture)",
      "Unknown militia,,3,Armed Forces of Azerbaijan (fixture)",
    );
    const changed = await FORMATS.acled.importFile(services, slug, renamed);
    expect(changed).toMatchObject({ updated: 1, rejected: [] });
    expect((await actorsOf())[0]).toEqual(["acled-ARM90001", ["AZE"]]);
  });

  it("hxl and acled: malformed rows are reported by line while good rows import", async () => {
    const slug = await freshProcess();
    const hxl = HXL_FILE.replace("2021-11-16", "2021-11-31").replace("40.1,46", "40.1,200");
    const summary = await FORMATS.hxl.importFile(services, slug, hxl);
    expect(summary.rejected).toEqual([
      { at: "line 4", id: "h-3", reason: '#geo+lon: "200" is not between -180 and 180' },
      {
        at: "line 5",
        id: "h-1",
        reason: '#date: "2021-11-31" is not a date (YYYY, YYYY-MM, YYYY-MM-DD)',
      },
    ]);
    expect(summary.created).toBe(2); // the source and h-2
    const acled = `${ACLED_FILE}ARM90009,2024-03-15,2024,1`;
    const acledSummary = await FORMATS.acled.importFile(services, slug, acled);
    expect(acledSummary.rejected).toEqual([
      {
        at: "line 4",
        reason:
          "the file ends in the middle of this row: expected 31 fields as in the header, found 4",
      },
    ]);
  });

  it("ucdp: batches written while the next is read report progress in order and end as one batch", async () => {
    const file = ucdpFile(12);
    const whole = await freshProcess();
    await importUcdp(services, whole, readUcdpCsv(chunksOf(file)), {
      principal: PRINCIPAL,
      actorMapping: ACTOR_MAPPING,
      batchSize: 1000,
    });
    const batched = await freshProcess();
    const progress: number[] = [];
    const summary = await importUcdp(services, batched, readUcdpCsv(chunksOf(file)), {
      principal: PRINCIPAL,
      actorMapping: ACTOR_MAPPING,
      batchSize: 5,
      onProgress: (done) => progress.push(done),
    });
    // The source and two records a row (incident and claim): 25 records in batches of five.
    expect(progress).toEqual([5, 10, 15, 20, 25]);
    expect(summary.read).toBe(25);
    expect(await recordsOf(services, batched)).toEqual(await recordsOf(services, whole));
  });

  it("a long import refreshes the planner's statistics as the tables grow", async () => {
    const slug = await freshProcess();
    const checkpoint = () => checkpointLsn(services);
    const checkpointBefore = await checkpoint();
    const reltuples = async () =>
      Number(
        (
          await sql<{
            n: number;
          }>`SELECT reltuples AS n FROM pg_class WHERE relname = 'record'`.execute(
            services.store.db,
          )
        ).rows[0]?.n,
      );
    const before = await reltuples();
    await importUcdp(services, slug, readUcdpCsv(chunksOf(ucdpFile(12))), {
      principal: PRINCIPAL,
      actorMapping: ACTOR_MAPPING,
      batchSize: 5,
      analyzeFrom: 10,
    });
    const stored = Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM record`.execute(services.store.db))
        .rows[0]?.n,
    );
    // Analyzed at 10 records and at 40 (never reached): reltuples counts the table as it was at 10.
    expect(before).not.toBe(await reltuples());
    expect(await reltuples()).toBeGreaterThanOrEqual(10);
    expect(await reltuples()).toBeLessThan(stored);
    // The embedded store, which has no checkpointer, was checkpointed so its WAL can be recycled.
    if (storeName === "pglite") expect(await checkpoint()).not.toBe(checkpointBefore);
  });

  it("ucdp: an import interrupted mid-stream, run again, ends as an uninterrupted one", async () => {
    const file = ucdpFile(12);
    const whole = await freshProcess();
    await importUcdp(services, whole, readUcdpCsv(chunksOf(file)), {
      principal: PRINCIPAL,
      actorMapping: ACTOR_MAPPING,
      batchSize: 4,
    });

    const interrupted = await freshProcess();
    async function* failing(): AsyncGenerator<Buffer> {
      const lines = file.split("\n");
      yield Buffer.from(`${lines.slice(0, 8).join("\n")}\n`);
      throw new Error("the connection dropped");
    }
    await expect(
      importUcdp(services, interrupted, readUcdpCsv(failing()), {
        principal: PRINCIPAL,
        actorMapping: ACTOR_MAPPING,
        batchSize: 4,
      }),
    ).rejects.toThrow("the connection dropped");
    const partial = (await recordsOf(services, interrupted)).filter((r) => r.type === "incident");
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(12);

    const resumed = await importUcdp(services, interrupted, readUcdpCsv(chunksOf(file)), {
      principal: PRINCIPAL,
      actorMapping: ACTOR_MAPPING,
      batchSize: 4,
    });
    expect(resumed.rejected).toEqual([]);
    expect(resumed.unchanged).toBeGreaterThan(0);
    expect(await recordsOf(services, interrupted)).toEqual(await recordsOf(services, whole));
  });

  it("pax: PP 161 matches the example's three statements by AgtId and adds the others", async () => {
    await loadReferenceProcess(services, PRINCIPAL);
    const run = () =>
      importPax(services, REFERENCE_SLUG, readPaxCsv(createReadStream(PAX_FILE)), {
        principal: PRINCIPAL,
        peaceProcess: "161",
      });
    const summary = await run();
    expect(summary.rejected).toEqual([]);
    expect(summary).toMatchObject({ rows: 4, otherProcesses: 1 });
    expect([...summary.matched].sort()).toEqual(["2324", "2396", "2455"]);
    expect(summary.updated).toBe(3);
    const documents = (await recordsOf(services, REFERENCE_SLUG)).filter(
      (r) => r.type === "document",
    );
    const byAgtId = new Map(
      documents.map((d) => [(d.external_ids as Record<string, string>).pax, d]),
    );
    expect(byAgtId.get("2324")?.id).toBe("doc-2020-11-09");
    expect(byAgtId.get("2455")?.id).toBe("doc-2021-01-11");
    expect(byAgtId.get("2396")?.id).toBe("doc-2021-11-26");
    // The PA-X source and the one agreement the example lacks.
    expect(summary.created).toBe(2);
    expect(documents.filter((d) => String(d.id).startsWith("pax-")).map((d) => d.id)).toEqual([
      "pax-990001",
    ]);
    const statement = byAgtId.get("2324") as Record<string, unknown>;
    expect(statement.date).toEqual({ value: "2020-11-09", precision: "day" });
    expect(statement.categories).toEqual(
      expect.arrayContaining([
        { code: "Ce", name: "ceasefire", strength: 3 },
        { code: "TjPrire", name: "prisoner release", strength: 3 },
        { code: "ImPK", name: "peacekeeping", strength: 1 },
      ]),
    );
    expect(statement.source_ids).toContain("src-pax");

    const size = await ledgerSize(services, REFERENCE_SLUG);
    const again = await run();
    expect(again).toMatchObject({ created: 0, updated: 0, rejected: [] });
    expect(await ledgerSize(services, REFERENCE_SLUG)).toBe(size);
  });
});
