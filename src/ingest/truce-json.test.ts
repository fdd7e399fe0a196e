import { describe, expect, it } from "vitest";
import { BUNDLE_FORMAT, parseTruceJson } from "./truce-json.ts";

describe("reading a Truce JSON file", () => {
  it("reads a bundle of its own format and version, and a plain array of records", () => {
    const record = { type: "source", id: "s1", title: "T", kind: "other" };
    const bundle = parseTruceJson(
      JSON.stringify({ format: BUNDLE_FORMAT, version: 1, records: [record] }),
    );
    expect(bundle.records).toEqual([{ at: "record 1", record }]);
    expect(parseTruceJson(JSON.stringify([record])).records).toHaveLength(1);
  });

  it("refuses a file that says it is another format, or a later version, naming the field", () => {
    expect(() => parseTruceJson('{"format":"acled-thing","records":[]}')).toThrow(
      /^format: "acled-thing" is not a Truce bundle/,
    );
    expect(() => parseTruceJson(`{"format":"${BUNDLE_FORMAT}","version":2,"records":[]}`)).toThrow(
      /^version: this Truce reads bundles of version 1, not 2/,
    );
  });

  it("refuses null, a number or a string, and a bundle without a records array, as a bad request", () => {
    for (const text of ["null", "1", '"records"', "true", '{"records":null}', "{}"]) {
      expect(() => parseTruceJson(text), text).toThrow(
        expect.objectContaining({
          code: "bad_request",
          message: expect.stringMatching(/^Expected a "truce-process" bundle/),
        }),
      );
    }
  });
});
