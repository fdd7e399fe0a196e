import { describe, expect, it } from "vitest";
import { type CsvRecord, firstInvalidUtf8, readCsvRecords } from "./csv-records.ts";

const BOUNDS = { maxFields: 50, maxFieldChars: 1000, maxRecordChars: 10_000 };

async function read(bytes: Buffer, size: number): Promise<CsvRecord[]> {
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  const records: CsvRecord[] = [];
  for await (const record of readCsvRecords(chunks(), BOUNDS)) records.push(record);
  return records;
}

const TEXT = "place,count\nSötk,3\nԳորիս,1\nŞuşa,2\n";

describe("reading a CSV file's text", () => {
  it("reads UTF-8 the same however its characters are split between chunks", async () => {
    const whole = await read(Buffer.from(TEXT, "utf8"), 1 << 16);
    expect(whole.map((r) => ("fields" in r ? r.fields : r.error))).toEqual([
      ["place", "count"],
      ["Sötk", "3"],
      ["Գորիս", "1"],
      ["Şuşa", "2"],
    ]);
    for (const size of [1, 2, 3, 5, 7]) {
      expect(await read(Buffer.from(TEXT, "utf8"), size)).toEqual(whole);
    }
  });

  it("stops at the line of the first byte that is not UTF-8, saying how to fix the file", async () => {
    const latin1 = Buffer.from("place,count\nAgdam,2\nS\xf6tk,3\nGoris,1\n", "latin1");
    for (const size of [4, 1 << 16]) {
      const records = await read(latin1, size);
      const last = records.at(-1);
      expect(last).toMatchObject({ line: 3 });
      expect(last && "error" in last ? last.error : "").toMatch(
        /^the file is not UTF-8 text \(byte 0xF6 here is not UTF-8; .*save it as UTF-8/,
      );
      // Nothing of the line with the bad byte, or after it, is read as a row.
      expect(records.filter((r) => "fields" in r).map((r) => r.line)).not.toContain(3);
    }
  });

  it("still reads a UTF-16 file that starts with its byte order mark", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, "utf16le")]);
    const records = await read(utf16, 1 << 16);
    expect(records.map((r) => ("fields" in r ? r.fields[0] : r.error))).toEqual([
      "place",
      "Sötk",
      "Գորիս",
      "Şuşa",
    ]);
  });

  it("finds the first byte that breaks UTF-8", () => {
    expect(firstInvalidUtf8(Buffer.from("abc\xe9d", "latin1"))).toBe(3);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc3, 0x28]))).toBe(1);
    const armenian = Buffer.from("Գ", "utf8");
    expect(firstInvalidUtf8(Buffer.concat([Buffer.from("x"), armenian.subarray(0, 1)]))).toBe(1);
  });
});
