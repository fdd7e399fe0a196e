import { loadReferenceProcess, REFERENCE_SLUG } from "../core/load-reference-process.ts";
import type { Command } from "./command.ts";
import { printImportSummary } from "./import.ts";
import { cliPrincipal, withServices } from "./with-services.ts";

export const demoCommand: Command = {
  name: "demo",
  summary:
    "Load the example process (Armenia–Azerbaijan, 2020–2021); running it twice changes nothing",
  usage: "truce demo",
  options: {},
  run: () =>
    withServices("demo", async (services) => {
      const summary = await loadReferenceProcess(services, cliPrincipal());
      printImportSummary(summary, `process ${REFERENCE_SLUG}`);
      return summary.rejected.length === 0 ? 0 : 1;
    }),
};
