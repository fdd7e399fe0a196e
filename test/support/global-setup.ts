import { pgliteTemplateFile } from "./stores.ts";

/**
 * Makes the migrated empty PGlite that every test file's embedded stores are copies of, once,
 * before the workers start: otherwise the first files of each worker would all make it at once.
 */
export default async function setup(): Promise<void> {
  await pgliteTemplateFile();
}
