import { REFERENCE_PROCESS as ARMENIA_AZERBAIJAN } from "./armenia-azerbaijan.ts";
import { PLACES as ARMENIA_AZERBAIJAN_PLACES } from "./armenia-azerbaijan-places.ts";
import { COLOMBIA_PROCESS } from "./colombia.ts";

export type Example = {
  process: Record<string, unknown>;
  records: Array<{ type: string } & Record<string, unknown>>;
};

/**
 * The built-in example, by no name of its own: code outside src/reference/ imports it from here.
 * Its places come first: every other record may refer to them.
 */
export const REFERENCE_PROCESS: Example = {
  process: ARMENIA_AZERBAIJAN.process,
  records: [...ARMENIA_AZERBAIJAN_PLACES, ...ARMENIA_AZERBAIJAN.records],
};

/** Every built-in example, the default one first: `truce demo --process SLUG` loads one. */
export const EXAMPLES: readonly Example[] = [REFERENCE_PROCESS, COLOMBIA_PROCESS];
