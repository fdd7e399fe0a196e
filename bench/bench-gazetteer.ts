/**
 * What the world gazetteer costs: the time to read it, the memory it holds, and a search and a
 * nearest-point lookup once read. Run on its own (not a part of `npm run bench`'s store runs):
 *
 *   node --expose-gc --import tsx bench/bench-gazetteer.ts
 *
 * Prints one JSON line per measure. Memory is the heap after a collection, so run with
 * --expose-gc; without it the numbers include garbage.
 */
import { loadWorldGazetteer } from "../src/geo/world-gazetteer.ts";

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 1e6;
};
const print = (name: string, value: number, unit: string) =>
  console.log(JSON.stringify({ name, value: Math.round(value * 10) / 10, unit }));

const before = heap();
let t = performance.now();
const world = loadWorldGazetteer();
print("gazetteer.load", performance.now() - t, "ms");
print("gazetteer.places", world.size, "places");
print("gazetteer.heap", heap() - before, "MB");
t = performance.now();
world.search("Bogota", { countries: ["CO"], limit: 10 });
print("gazetteer.first_search", performance.now() - t, "ms");
print("gazetteer.heap_searched", heap() - before, "MB");
const queries = ["San Vicente", "Meta", "tumaco", "Goris", "Kiev", "Donetsk", "a", "Ciudad"];
t = performance.now();
for (let i = 0; i < 10; i += 1) for (const q of queries) world.search(q, { limit: 10 });
print("gazetteer.search", (performance.now() - t) / (10 * queries.length), "ms");
t = performance.now();
for (let i = 0; i < 20; i += 1) world.nearest(2.57 + i / 10, -72.64, { limit: 5 });
print("gazetteer.nearest", (performance.now() - t) / 20, "ms");
t = performance.now();
const colombia = world.within({ countries: ["CO"] });
print("gazetteer.within_country", performance.now() - t, "ms");
print("gazetteer.colombia_places", colombia.length, "places");
