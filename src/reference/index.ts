/** The built-in example, by no name of its own: code outside src/reference/ imports it from here. */
export { REFERENCE_PROCESS } from "./armenia-azerbaijan.ts";
