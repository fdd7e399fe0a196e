import { describe, expect, it } from "vitest";
import { IdTable } from "./id-table.ts";

describe("IdTable", () => {
  it("holds what a Map holds, for many ids of every sort, through growth and renumbering", () => {
    const table = new IdTable();
    const map = new Map<string, number>();
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const alphabet = ["a", "b", "-", "0", "9", "é", "ա", "😀", "\u0000"];
    const randomId = () => {
      let id = "";
      const length = Math.floor(random() * 12);
      for (let i = 0; i < length; i++) id += alphabet[Math.floor(random() * alphabet.length)];
      return id;
    };
    for (let i = 0; i < 50_000; i++) {
      const id = i % 3 === 0 ? `syn-inc-${i}` : randomId();
      const value = Math.floor(random() * 1e6);
      table.set(id, value);
      map.set(id, value);
    }
    table.renumber((value) => value * 2 + 1);
    for (const [id, value] of map) map.set(id, value * 2 + 1);
    expect(table.size).toBe(map.size);
    for (const [id, value] of map) expect(table.get(id)).toBe(value);
    for (let i = 0; i < 1000; i++) {
      const id = `absent-${randomId()}`;
      expect(table.get(id)).toBe(map.get(id));
      expect(table.has(id)).toBe(map.has(id));
    }
  });

  it("tells apart ids that share a prefix or differ only past the first bytes", () => {
    const table = new IdTable();
    table.set("", 1);
    table.set("a", 2);
    table.set("ab", 3);
    table.set("ba", 4);
    table.set("a".repeat(300), 5);
    expect([table.get(""), table.get("a"), table.get("ab"), table.get("ba")]).toEqual([1, 2, 3, 4]);
    expect(table.get("a".repeat(300))).toBe(5);
    expect(table.get("a".repeat(299))).toBeUndefined();
    table.set("ab", 30);
    expect(table.get("ab")).toBe(30);
    expect(table.size).toBe(5);
  });
});
