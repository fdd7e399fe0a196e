import { verifyLedger } from "../core/verify-ledger.ts";
import type { Command } from "./command.ts";
import { withServices } from "./with-services.ts";

export const verifyCommand: Command = {
  name: "verify",
  summary: "Check the ledger and every record against it; exit 1 with the first bad entry",
  usage: "truce verify [--process SLUG] [--json]",
  options: { process: { type: "string" }, json: { type: "boolean" } },
  run: (values) =>
    withServices("verify", async (services) => {
      const report = await verifyLedger(services, values.process as string | undefined);
      if (values.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return report.ok ? 0 : 1;
      }
      for (const p of report.processes) {
        process.stdout.write(
          `${p.process}: ${p.entries} ledger entries, ${p.heads} signed heads, ${p.records} records, root ${p.root_hash}\n`,
        );
      }
      const first = report.problems[0];
      if (!first) {
        process.stdout.write("The ledger is intact and every record matches it.\n");
        return 0;
      }
      const where =
        first.seq !== undefined
          ? `entry ${first.seq}`
          : first.record_id
            ? `record ${first.record_id}`
            : "";
      process.stdout.write(`FAILED at ${first.process} ${where}: ${first.message}\n`);
      if (report.problems.length > 1)
        process.stdout.write(
          `(${report.problems.length - 1} more problems; --json lists them all)\n`,
        );
      return 1;
    }),
};
