import {
  EXAMPLE_SLUGS,
  loadReferenceProcess,
  REFERENCE_SLUG,
} from "../core/load-reference-process.ts";
import { type Command, UsageError } from "./command.ts";
import { printImportSummary } from "./import.ts";
import { cliPrincipal, withServices } from "./with-services.ts";

export const demoCommand: Command = {
  name: "demo",
  summary:
    "Load a built-in example process (Armenia–Azerbaijan 2020–2021, or Colombia's Final Agreement with the FARC-EP 2016–2017); running it twice changes nothing",
  usage: `truce demo [--process SLUG]

  --process  which example: ${EXAMPLE_SLUGS.join(" | ")} (default: ${REFERENCE_SLUG})`,
  options: { process: { type: "string" } },
  run: (values) => {
    const slug = (values.process as string | undefined) ?? REFERENCE_SLUG;
    if (!EXAMPLE_SLUGS.includes(slug)) {
      throw new UsageError(`--process must be one of ${EXAMPLE_SLUGS.join(", ")}; got "${slug}"`);
    }
    return withServices("demo", async (services) => {
      const summary = await loadReferenceProcess(services, cliPrincipal(), slug);
      printImportSummary(summary, `process ${slug}`);
      return summary.rejected.length === 0 ? 0 : 1;
    });
  },
};
