import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { KindDefinition } from "../domain/kind.ts";
import { kindByType } from "../domain/kinds/index.ts";
import { parseRecordInput } from "../domain/record-input.ts";
import {
  ACLED_COLUMNS,
  type AcledMapOptions,
  type AcledRow,
  acledRowToRecords,
  readAcledCsv,
  recordsToAcledRow,
  writeAcledCsv,
} from "./acled.ts";

// Every row below is invented for these tests; the places are real so the country codes matter.
const HEADER = ACLED_COLUMNS.join(",");

const ROW_BATTLE =
  "ARM90001,2024-03-14,2024,1,Political violence,Battles,Armed clash," +
  "Armed Forces of Armenia (fixture),,1,Armed Forces of Azerbaijan (fixture),,1,11,," +
  "51,Caucasus and Central Asia,Armenia,Syunik,Goris,,Tegh,39.5612,46.4810,1," +
  "Fixture Wire; Example Daily,National," +
  '"Invented: an exchange of fire near Tegh, with ""small arms"" reported.",2,,1710500000';
const ROW_SHELLING =
  "AZE90002,2024-03-20,2024,2,Political violence,Explosions/Remote violence," +
  "Shelling/artillery/missile attack,Armed Forces of Armenia (fixture),,1," +
  "Civilians (Azerbaijan),,7,17,Civilian targeting,31,Caucasus and Central Asia,Azerbaijan," +
  "Gadabay,Gadabay,,Gədəbəy,40.5656,45.8161,2,Fixture Wire,National," +
  "Invented: shells were reported to have landed near the village.,0,,1710900000";
// Its notes run over two lines of the file, so the next row starts two lines further on.
const ROW_MINE =
  "ARM90003,2024-02-15,2024,3,Political violence,Explosions/Remote violence," +
  "Remote explosive/landmine/IED,Unidentified Armed Group (Armenia),,3,Civilians (Armenia),,7," +
  "37,Civilian targeting,51,Caucasus and Central Asia,Armenia,Tavush,Berd,,Chinari,40.9167," +
  '45.3333,3,Fixture Monitor,Subnational,"Invented: a farmer was hurt by an old mine.\n' +
  'A second line of notes.",1,,1710000000';
const ROW_PROTEST =
  "GEO90004,16 November 2021,2021,1,Demonstrations,Protests,Peaceful protest," +
  "Protesters (Georgia),,6,,,0,60,,268,Caucasus and Central Asia,Georgia,Tbilisi,Tbilisi,," +
  "Tbilisi,41.7151,44.8271,1,Fixture Wire,National," +
  "Invented: a peaceful gathering in a square.,0,crowd size=no report,1637100000";
const FILE_2024 = [HEADER, ROW_BATTLE, ROW_SHELLING, ROW_MINE, ROW_PROTEST, ""].join("\n");

const FILE_2025 = [
  HEADER,
  "AZE95001,2025-01-09,2025,1,Political violence,Explosions/Remote violence,Air/drone strike," +
    "Armed Forces of Azerbaijan (fixture),,State forces,Armed Forces of Armenia (fixture),," +
    "State forces,State forces-State forces,,31,Caucasus and Central Asia,Azerbaijan,Kalbajar," +
    "Kalbajar,,Kalbajar,40.1098,46.0389,2,Fixture Ministry,National," +
    "Invented: a drone was said to have struck a position.,0,,1736500000",
  "ARM95002,2025-01-12,2025,1,Political violence,Violence against civilians," +
    "Abduction/forced disappearance,Unidentified Armed Group (Armenia),,Political militia," +
    "Civilians (Armenia),,Civilians,Political militia-Civilians,Civilian targeting,51," +
    "Caucasus and Central Asia,Armenia,Gegharkunik,Vardenis,,Sotk,40.2167,45.9667,1," +
    "Fixture Wire,National,Invented: a shepherd was reported missing.,0,,1736800000",
  "GEO95003,2025-01-20,2025,2,Strategic developments,Strategic developments,Arrests," +
    "Police Forces of Georgia (fixture),,State forces,Protesters (Georgia),,Protesters," +
    "State forces-Protesters,,268,Caucasus and Central Asia,Georgia,Tbilisi,Tbilisi,,Tbilisi," +
    "41.7151,44.8271,1,Fixture Wire,National," +
    '"Invented: arrests after a gathering; several people, all named in the source, were held.",' +
    "0,,1737400000",
  "",
].join("\n");

const ACTORS: Record<string, string> = {
  "Armed Forces of Armenia (fixture)": "ARM",
  "Armed Forces of Azerbaijan (fixture)": "AZE",
};
const OPTIONS: AcledMapOptions = { sourceId: "src-acled", actorFor: (name) => ACTORS[name] };

/** The file as UTF-8 bytes cut into chunks of `size`, which may split a character or a CRLF. */
async function* chunks(text: string, size = 4096): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, "utf8");
  for (let start = 0; start < bytes.length; start += size) {
    yield bytes.subarray(start, start + size);
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

async function readRows(text: string, size?: number): Promise<AcledRow[]> {
  const results = await collect(readAcledCsv(chunks(text, size)));
  expect(results.filter((r) => r.error !== undefined)).toEqual([]);
  return results.map((r) => r.row as AcledRow);
}

function kind(type: string): KindDefinition {
  const found = kindByType(type);
  if (!found) throw new Error(`no kind ${type}`);
  return found;
}

/** Maps a row and proves both records pass their kind's schema as Truce would import them. */
function mapValid(row: AcledRow): {
  incident: Record<string, unknown>;
  claim: Record<string, unknown>;
} {
  const mapped = acledRowToRecords(row, OPTIONS);
  if ("error" in mapped) throw new Error(`unexpected mapping error: ${mapped.error}`);
  const incident = parseRecordInput(kind("incident"), mapped.incident);
  const claim = parseRecordInput(kind("claim"), mapped.claim);
  expect(incident.id).toBe(mapped.incident.id);
  expect(claim.id).toBe(mapped.claim.id);
  return mapped;
}

function errorOf(row: AcledRow): string | undefined {
  const mapped = acledRowToRecords(row, OPTIONS);
  return "error" in mapped ? mapped.error : undefined;
}

describe("readAcledCsv", () => {
  it("reads a 2024-style file with the file line where each row starts", async () => {
    const results = await collect(readAcledCsv(chunks(FILE_2024)));
    expect(results.map((r) => [r.line, r.row?.event_id_cnty, r.error])).toEqual([
      [2, "ARM90001", undefined],
      [3, "AZE90002", undefined],
      [4, "ARM90003", undefined],
      [6, "GEO90004", undefined],
    ]);
    const battle = results[0]?.row;
    expect(battle?.notes).toBe(
      'Invented: an exchange of fire near Tegh, with "small arms" reported.',
    );
    expect(battle?.longitude).toBe("46.4810");
    expect(battle?.assoc_actor_1).toBe("");
    expect(results[2]?.row?.notes).toBe(
      "Invented: a farmer was hurt by an old mine.\nA second line of notes.",
    );
    expect(Object.keys(battle ?? {})).toEqual([...ACLED_COLUMNS]);
  });

  it("gives the same rows whatever the chunk size, even one byte at a time", async () => {
    const whole = await readRows(FILE_2024, 1 << 20);
    expect(await readRows(FILE_2024, 1)).toEqual(whole);
    expect(await readRows(FILE_2024, 7)).toEqual(whole);
    expect(whole[1]?.location).toBe("Gədəbəy");
  });

  it("accepts a byte-order mark and CRLF line ends, counting lines as with LF", async () => {
    const crlf = `\uFEFF${FILE_2024.replace(/\n/g, "\r\n")}`;
    for (const size of [1, 5, 4096]) {
      const results = await collect(readAcledCsv(chunks(crlf, size)));
      expect(results.map((r) => r.line)).toEqual([2, 3, 4, 6]);
      expect(results[0]?.row?.event_id_cnty).toBe("ARM90001");
      expect(results[3]?.row?.timestamp).toBe("1637100000");
      expect(results[2]?.row?.notes).toBe(
        "Invented: a farmer was hurt by an old mine.\r\nA second line of notes.",
      );
    }
  });

  it("takes a byte-order mark off before a quoted header name", async () => {
    const quotedHeader = `\uFEFF"event_id_cnty"${FILE_2025.slice("event_id_cnty".length)}`;
    expect((await readRows(quotedHeader, 2)).map((r) => r.event_id_cnty)).toEqual([
      "AZE95001",
      "ARM95002",
      "GEO95003",
    ]);
  });

  it("reads a Node stream as well as an async iterable", async () => {
    const results = await collect(readAcledCsv(Readable.from([Buffer.from(FILE_2025)])));
    expect(results.map((r) => r.row?.event_id_cnty)).toEqual(["AZE95001", "ARM95002", "GEO95003"]);
  });

  it("finds columns by header in any order, ignores unknown ones, blanks absent ones", async () => {
    const text = [
      "notes,EXTRA,fatalities,event_id_cnty,event_date,time_precision,event_type,sub_event_type," +
        "actor1,location,latitude,longitude,geo_precision",
      "Invented: reordered.,ignored,3,ARM90101,2024-04-01,1,Battles,Armed clash," +
        "Armed Forces of Armenia (fixture),Tegh,39.5612,46.481,1",
      "",
    ].join("\n");
    const [row] = await readRows(text);
    expect(row?.event_id_cnty).toBe("ARM90101");
    expect(row?.notes).toBe("Invented: reordered.");
    expect(row?.fatalities).toBe("3");
    expect(row?.longitude).toBe("46.481");
    expect(row?.tags).toBe("");
    expect(Object.values(row ?? {})).not.toContain("ignored");
    expect(mapValid(row as AcledRow).incident.kind).toBe("armed_clash");
  });

  it("stops with one error at line 1 when required columns are missing", async () => {
    const text = FILE_2024.replace("latitude,longitude,", "");
    expect(await collect(readAcledCsv(chunks(text)))).toEqual([
      {
        line: 1,
        error:
          "the header lacks the columns latitude, longitude: " +
          "not an ACLED file, or one that lost columns",
      },
    ]);
  });

  it("reports a row with the wrong number of fields and goes on", async () => {
    const short = ROW_SHELLING.replace(",1710900000", "");
    const text = [HEADER, ROW_BATTLE, short, ROW_PROTEST, ""].join("\n");
    const results = await collect(readAcledCsv(chunks(text)));
    expect(results.map((r) => [r.line, r.row?.event_id_cnty, r.error])).toEqual([
      [2, "ARM90001", undefined],
      [3, undefined, "expected 31 fields as in the header, found 30"],
      [4, "GEO90004", undefined],
    ]);
  });

  it("skips blank lines but counts them", async () => {
    const text = [HEADER, "", ROW_BATTLE, "", "", ROW_PROTEST, ""].join("\r\n");
    const results = await collect(readAcledCsv(chunks(text, 3)));
    expect(results.map((r) => [r.line, r.row?.event_id_cnty, r.error])).toEqual([
      [3, "ARM90001", undefined],
      [6, "GEO90004", undefined],
    ]);
  });

  it("reads a header in capitals and refuses one that names a column twice", async () => {
    const capitals = FILE_2024.replace("event_id_cnty,event_date", "EVENT_ID_CNTY,Event_Date");
    expect((await readRows(capitals))[0]?.event_date).toBe("2024-03-14");
    const twice = FILE_2024.replace("tags,", "notes,");
    expect(await collect(readAcledCsv(chunks(twice)))).toEqual([
      { line: 1, error: 'the header names the column "notes" twice' },
    ]);
  });

  it("reports a last line cut off in the middle of a row", async () => {
    const text = [HEADER, ROW_BATTLE, ROW_MINE, ROW_PROTEST.slice(0, 40)].join("\n");
    const results = await collect(readAcledCsv(chunks(text)));
    expect(results.map((r) => [r.line, r.error])).toEqual([
      [2, undefined],
      [3, undefined],
      [5, "the file ends in the middle of this row: expected 31 fields as in the header, found 5"],
    ]);
  });

  it("reports a last line cut inside a quoted field at the line where its row starts", async () => {
    const text = [HEADER, ROW_BATTLE, ROW_MINE.slice(0, ROW_MINE.indexOf("A second"))].join("\n");
    const results = await collect(readAcledCsv(chunks(text, 16)));
    expect(results.map((r) => [r.line, r.error])).toEqual([
      [2, undefined],
      [3, "the file ends inside a quoted field: its last row is cut short"],
    ]);
  });

  it("turns a 10,000-column line into an error instead of building it", async () => {
    const wide = Array.from({ length: 10_000 }, () => "1").join(",");
    const text = [HEADER, ROW_BATTLE, wide, ROW_PROTEST, ""].join("\n");
    const results = await collect(readAcledCsv(chunks(text)));
    expect(results.map((r) => [r.line, r.error])).toEqual([
      [2, undefined],
      [3, "the row has more than 200 fields; reading stops here"],
    ]);
  });

  it("turns an over-long field into an error", async () => {
    const long = ROW_PROTEST.replace("Invented: a peaceful", `${"x".repeat(200_000)} a peaceful`);
    const results = await collect(readAcledCsv(chunks([HEADER, long, ROW_BATTLE, ""].join("\n"))));
    expect(results).toEqual([
      { line: 2, error: "field 28 is longer than 100000 characters; reading stops here" },
    ]);
  });

  it("turns a 10 MB line into an error without reading the rest of the file", async () => {
    let pulled = 0;
    const piece = "a".repeat(64 * 1024);
    async function* huge(): AsyncGenerator<string> {
      yield `${HEADER}\n${ROW_BATTLE}\nARM1,"`;
      for (let i = 0; i < 160; i += 1) {
        pulled += 1;
        yield piece;
      }
      yield `"\n${ROW_PROTEST}\n`;
    }
    const results = await collect(readAcledCsv(huge()));
    expect(results.map((r) => [r.line, r.error])).toEqual([
      [2, undefined],
      [3, "the row is longer than 1000000 characters; reading stops here"],
    ]);
    expect(pulled).toBeLessThan(20);
  });

  it("reports a stray quote once and stops", async () => {
    const text = [HEADER, ROW_BATTLE, 'ARM9,"abc"def', ROW_PROTEST, ""].join("\n");
    const results = await collect(readAcledCsv(chunks(text)));
    expect(results).toHaveLength(2);
    expect(results[1]?.line).toBe(3);
    expect(results[1]?.error).toBe(
      "a closing quote is followed by something other than a comma or line end; " +
        "reading stops here",
    );
    const opening = [HEADER, 'ARM9,ab"c', ROW_PROTEST, ""].join("\n");
    expect(await collect(readAcledCsv(chunks(opening)))).toEqual([
      {
        line: 2,
        error: "a quote appears inside a field that does not start with one; reading stops here",
      },
    ]);
  });

  it("reports an empty file", async () => {
    expect(await collect(readAcledCsv(chunks("")))).toEqual([
      { line: 1, error: "the file is empty: it has no header line" },
    ]);
  });
});

describe("acledRowToRecords", () => {
  it("maps a battle to an incident and a fatality claim that Truce accepts", async () => {
    const [row] = await readRows(FILE_2024);
    const { incident, claim } = mapValid(row as AcledRow);
    expect(incident).toMatchObject({
      type: "incident",
      id: "acled-ARM90001",
      title: "Armed clash in Tegh",
      kind: "armed_clash",
      date: { value: "2024-03-14", precision: "day" },
      place: {
        name: "Tegh",
        precision: "settlement",
        lat: 39.5612,
        lon: 46.481,
        admin1: "Syunik",
        admin2: "Goris",
        country: "AM",
      },
      actors: ["ARM", "AZE"],
      description: 'Invented: an exchange of fire near Tegh, with "small arms" reported.',
      source_ids: ["src-acled"],
      external_ids: { acled: "ARM90001" },
    });
    expect(incident.attributes).toEqual({
      year: "2024",
      time_precision: "1",
      disorder_type: "Political violence",
      event_type: "Battles",
      sub_event_type: "Armed clash",
      actor1: "Armed Forces of Armenia (fixture)",
      inter1: "1",
      inter1_code: 1,
      actor2: "Armed Forces of Azerbaijan (fixture)",
      inter2: "1",
      inter2_code: 1,
      interaction: "11",
      iso: "51",
      region: "Caucasus and Central Asia",
      country: "Armenia",
      geo_precision: "1",
      source: "Fixture Wire; Example Daily",
      source_scale: "National",
      timestamp: "1710500000",
      // 46.4810 reads as the number 46.481, so the text is kept to write the same row back.
      longitude: "46.4810",
    });
    expect(claim).toEqual({
      type: "claim",
      id: "acled-ARM90001-fatalities",
      subject: "incident",
      incident_id: "acled-ARM90001",
      date: { value: "2024-03-14", precision: "day" },
      statement: "ACLED codes 2 fatalities (sources: Fixture Wire; Example Daily)",
      figures: { killed: { unknown: 2 } },
      source_ids: ["src-acled"],
    });
  });

  it("maps time_precision 2 to the week around the day and 3 to the month", async () => {
    const [, shelling, mine, protest] = await readRows(FILE_2024);
    const week = mapValid(shelling as AcledRow);
    expect(week.incident.date).toEqual({
      value: "2024-03-17",
      precision: "range",
      end: "2024-03-23",
    });
    expect(week.claim.date).toEqual(week.incident.date);
    expect(week.incident.kind).toBe("shelling");
    expect(week.incident.place).toMatchObject({ precision: "district", country: "AZ" });
    expect(week.incident.actors).toEqual(["ARM"]);

    const month = mapValid(mine as AcledRow);
    expect(month.incident.date).toEqual({ value: "2024-02", precision: "month" });
    expect(month.incident.kind).toBe("mine_explosion");
    expect(month.incident.place).toMatchObject({ precision: "region" });
    expect(month.incident.attributes).toMatchObject({
      event_date: "2024-02-15",
      time_precision: "3",
    });
    expect(month.claim.statement).toBe("ACLED codes 1 fatality (sources: Fixture Monitor)");

    const old = mapValid(protest as AcledRow);
    expect(old.incident.date).toEqual({ value: "2021-11-16", precision: "day" });
    expect(old.incident.attributes).toMatchObject({
      event_date: "16 November 2021",
      inter2: "0",
      inter2_code: 0,
    });
    expect(old.incident.kind).toBe("other");
    expect(old.incident.actors).toEqual([]);
    expect(old.incident.place).toMatchObject({ country: "GE" });
  });

  it("reads the text actor types of 2025 files as the old numbers", async () => {
    const rows = await readRows(FILE_2025);
    const mapped = rows.map((row) => mapValid(row).incident);
    expect(mapped.map((i) => i.kind)).toEqual(["drone_strike", "detention", "detention"]);
    expect(mapped.map((i) => i.attributes)).toEqual([
      expect.objectContaining({ inter1: "State forces", inter1_code: 1, inter2_code: 1 }),
      expect.objectContaining({ inter1: "Political militia", inter1_code: 3, inter2_code: 7 }),
      expect.objectContaining({ inter2: "Protesters", inter1_code: 1, inter2_code: 6 }),
    ]);
    expect(mapped[0]?.actors).toEqual(["AZE", "ARM"]);
  });

  it("takes any country's ISO numeric code, else its name, and invents none for Kosovo", async () => {
    const [row] = await readRows(FILE_2024);
    const countryOf = (iso: string, country: string) =>
      mapValid({ ...(row as AcledRow), iso, country }).incident.place;
    expect(countryOf("860", "Uzbekistan")).toMatchObject({ country: "UZ" });
    expect(countryOf("170", "Colombia")).toMatchObject({ country: "CO" });
    expect(countryOf("180", "Democratic Republic of Congo")).toMatchObject({ country: "CD" });
    // A blank or unknown code falls back to the name, as ACLED or ISO spells it.
    expect(countryOf("", "Democratic Republic of Congo")).toMatchObject({ country: "CD" });
    expect(countryOf("999", "Ukraine")).toMatchObject({ country: "UA" });
    // ACLED codes Kosovo iso 0: ISO has no code for it, so the row keeps its text and no code.
    const kosovo = mapValid({ ...(row as AcledRow), iso: "0", country: "Kosovo" }).incident;
    expect(kosovo.place).not.toHaveProperty("country");
    expect(kosovo.attributes).toMatchObject({ iso: "0", country: "Kosovo" });
  });

  it("writes an incident made in Truce with ISO's numeric code and ACLED's name of its country", () => {
    const rowFor = (country: string) =>
      recordsToAcledRow(
        { type: "incident", place: { name: "Somewhere", precision: "region", country } },
        undefined,
      );
    expect([rowFor("CO").iso, rowFor("CO").country]).toEqual(["170", "Colombia"]);
    expect([rowFor("CD").iso, rowFor("CD").country]).toEqual([
      "180",
      "Democratic Republic of Congo",
    ]);
    expect([rowFor("RU").iso, rowFor("RU").country]).toEqual(["643", "Russia"]);
    expect([rowFor("TR").iso, rowFor("TR").country]).toEqual(["792", "Turkey"]);
    expect([rowFor("UA").iso, rowFor("UA").country]).toEqual(["804", "Ukraine"]);
    expect([rowFor("XK").iso, rowFor("XK").country]).toEqual(["", ""]);
  });

  it("rejects bad rows of a file with the column and the quoted value", async () => {
    const text = [
      HEADER,
      ROW_BATTLE.replace("39.5612", "200.1"),
      ROW_BATTLE.replace("2024-03-14", "2021-02-30"),
      ROW_PROTEST,
      "",
    ].join("\n");
    const outcomes = [];
    for await (const { line, row } of readAcledCsv(chunks(text))) {
      const mapped = acledRowToRecords(row as AcledRow, OPTIONS);
      outcomes.push([line, "error" in mapped ? mapped.error : mapped.incident.id]);
    }
    expect(outcomes).toEqual([
      [2, 'latitude: "200.1" is not between -90 and 90'],
      [3, 'event_date: "2021-02-30" is not a day (YYYY-MM-DD or "16 November 2021")'],
      [4, "acled-GEO90004"],
    ]);
  });

  it("names the column of every other value it cannot take", async () => {
    const [row] = (await readRows(FILE_2024)) as [AcledRow];
    const cases: Array<[Partial<AcledRow>, string]> = [
      [{ latitude: "north" }, 'latitude: "north" is not a number'],
      [{ longitude: "-180.5" }, 'longitude: "-180.5" is not between -180 and 180'],
      [{ latitude: "" }, 'latitude: "" is not a number'],
      [{ fatalities: "-1" }, 'fatalities: "-1" is not a whole number of 0 or more'],
      [{ fatalities: "2.5" }, 'fatalities: "2.5" is not a whole number of 0 or more'],
      [{ time_precision: "4" }, 'time_precision: "4" is not 1, 2 or 3'],
      [{ geo_precision: "0" }, 'geo_precision: "0" is not 1, 2 or 3'],
      [{ event_type: "Parades" }, 'event_type: "Parades" is not an ACLED event type'],
      [{ event_date: "31 Febtember 2021" }, 'event_date: "31 Febtember 2021" is not a day'],
      [{ event_id_cnty: "ARM 1" }, 'event_id_cnty: "ARM 1" is not 1 to 47 letters'],
      [{ inter1: "Aliens" }, 'inter1: "Aliens" is not an ACLED actor type'],
      [{ location: " " }, 'location: " " is empty'],
    ];
    for (const [change, message] of cases) {
      // The start of the message is checked; the rest repeats what the value should have been.
      expect((errorOf({ ...row, ...change }) ?? "").slice(0, message.length)).toBe(message);
    }
    expect(errorOf({ ...row, source: "s".repeat(2001) })).toBe(
      `source: "${"s".repeat(80)}…" is longer than 2000 characters`,
    );
    const badSource = acledRowToRecords(row, { ...OPTIONS, sourceId: "not an id!" });
    expect("error" in badSource && badSource.error).toMatch(/^incident: source_ids\.0: /);
    const badActor = acledRowToRecords(row, { ...OPTIONS, actorFor: () => "not an id!" });
    expect(badActor).toEqual({
      error:
        'actor1: "Armed Forces of Armenia (fixture)" maps to "not an id!", ' +
        "which is not a record id",
    });
  });
});

describe("recordsToAcledRow and writeAcledCsv", () => {
  it("round-trips ACLED files: file, records, rows, CSV text equal to the input", async () => {
    for (const file of [FILE_2024, FILE_2025]) {
      const rows = await readRows(file);
      const back = rows.map((row) => {
        const mapped = mapValid(row);
        // What the store keeps is the validated body (with its defaults), not the mapped object.
        const stored = (record: Record<string, unknown>, type: string) => ({
          ...parseRecordInput(kind(type), record).body,
          id: record.id,
          type,
        });
        return recordsToAcledRow(
          stored(mapped.incident, "incident"),
          stored(mapped.claim, "claim"),
        );
      });
      expect(back).toEqual(rows);
      expect((await collect(writeAcledCsv(each(back)))).join("")).toBe(file);
    }
  });

  it("fills what it can for an incident made in Truce", () => {
    const incident = {
      type: "incident",
      id: "inc-1",
      title: "Shelling near Berd",
      kind: "shelling",
      date: { value: "2024-05-02", precision: "day" },
      place: {
        name: "Berd",
        precision: "district",
        lat: 40.88,
        lon: 45.39,
        admin1: "Tavush",
        country: "AM",
      },
      description: "Made in Truce.",
      attributes: { unrelated: "x" },
    };
    const claim = { figures: { killed: { ARM: 1, civilians: 2 }, wounded: { ARM: 5 } } };
    const blank = Object.fromEntries(ACLED_COLUMNS.map((c) => [c, ""]));
    expect(recordsToAcledRow(incident, claim)).toEqual({
      ...blank,
      event_date: "2024-05-02",
      year: "2024",
      time_precision: "1",
      event_type: "Explosions/Remote violence",
      sub_event_type: "Shelling/artillery/missile attack",
      iso: "51",
      country: "Armenia",
      admin1: "Tavush",
      location: "Berd",
      latitude: "40.88",
      longitude: "45.39",
      geo_precision: "2",
      notes: "Made in Truce.",
      fatalities: "3",
    });
    const withRange = {
      ...incident,
      kind: "detention",
      place: { name: "Berd", precision: "country" },
    };
    const row = recordsToAcledRow(withRange, undefined);
    expect([row.event_type, row.geo_precision, row.latitude, row.iso, row.fatalities]).toEqual([
      "",
      "3",
      "",
      "",
      "",
    ]);
  });

  it("writes dates at ACLED's precisions", () => {
    const at = (date: Record<string, string>) => {
      const row = recordsToAcledRow({ date, place: { name: "X", precision: "exact" } }, undefined);
      return [row.event_date, row.time_precision, row.year, row.geo_precision];
    };
    expect(at({ value: "2024-05-02T01:30:00+04:00", precision: "time" })).toEqual([
      "2024-05-02",
      "1",
      "2024",
      "1",
    ]);
    expect(at({ value: "2024-05", precision: "month" })).toEqual(["2024-05-01", "3", "2024", "1"]);
    expect(at({ value: "2024", precision: "year" })).toEqual(["2024-01-01", "3", "2024", "1"]);
    expect(at({ value: "2024-04-28", precision: "range", end: "2024-05-04" })).toEqual([
      "2024-05-01",
      "2",
      "2024",
      "1",
    ]);
    expect(at({ value: "2024-05-01", precision: "range", end: "2024-05-03" })).toEqual([
      "2024-05-01",
      "2",
      "2024",
      "1",
    ]);
    expect(at({ value: "2024-05-01", precision: "range", end: "2024-05-20" })).toEqual([
      "2024-05-01",
      "3",
      "2024",
      "1",
    ]);
  });

  it("leaves fatalities blank unless every killed count is a plain number", () => {
    const fatalities = (claim: Record<string, unknown> | undefined) =>
      recordsToAcledRow({}, claim).fatalities;
    expect(fatalities({ figures: { killed: { unknown: 0 } } })).toBe("0");
    expect(fatalities({ figures: { killed: { ARM: 2, AZE: { low: 1, high: 3 } } } })).toBe("");
    expect(fatalities({ figures: { killed: {} } })).toBe("");
    expect(fatalities({ figures: { wounded: { ARM: 2 } } })).toBe("");
    expect(fatalities(undefined)).toBe("");
  });

  it("writes the header even when there are no rows", async () => {
    expect((await collect(writeAcledCsv(each<AcledRow>([])))).join("")).toBe(`${HEADER}\n`);
  });
});
