import { loadOrder } from "../domain/kinds/index.ts";
import { REFERENCE_PROCESS as ARMENIA_AZERBAIJAN } from "./armenia-azerbaijan.ts";
import { PLACES as ARMENIA_AZERBAIJAN_PLACES } from "./armenia-azerbaijan-places.ts";
import { COLOMBIA_PROCESS } from "./colombia.ts";

export type Example = {
  process: Record<string, unknown>;
  records: Array<{ type: string } & Record<string, unknown>>;
};

/** Records in load order (the order of KINDS), each kind's in the order given. */
function inLoadOrder(records: Example["records"]): Example["records"] {
  return records
    .map((record, index) => ({ record, index }))
    .sort((a, b) => loadOrder(a.record.type) - loadOrder(b.record.type) || a.index - b.index)
    .map(({ record }) => record);
}

/**
 * The built-in example, by no name of its own: code outside src/reference/ imports it from here.
 * Its place records sit in load order among the rest: after the actors their sides' names name,
 * before every record that names them.
 */
export const REFERENCE_PROCESS: Example = {
  process: ARMENIA_AZERBAIJAN.process,
  records: inLoadOrder([...ARMENIA_AZERBAIJAN_PLACES, ...ARMENIA_AZERBAIJAN.records]),
};

/** Every built-in example, the default one first: `truce demo --process SLUG` loads one. */
export const EXAMPLES: readonly Example[] = [REFERENCE_PROCESS, COLOMBIA_PROCESS];
