import { createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { readSavedHead } from "../core/saved-head.ts";
import { type BundleReport, verifyBundle } from "../core/verify-bundle.ts";
import { verifyLedger } from "../core/verify-ledger.ts";
import { keyIdOf } from "../ledger/signer.ts";
import type { Command } from "./command.ts";
import { withServices } from "./with-services.ts";

function printBundleReport(report: BundleReport, file: string): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `${file}: ${report.process} as ${report.seen_as}: ${report.entries} ledger entries (${report.redacted} redacted to their leaf hash), ${report.heads} signed heads, ${report.records} records`,
  );
  out(`  tree size ${report.tree_size}, root ${report.root_hash}`);
  const byParty = new Map<string, number[]>();
  for (const c of report.cosignatures.filter((c) => c.valid)) {
    const who = `${c.party ?? "no party"} (key ${c.key_id}, ${c.signer})`;
    byParty.set(who, [...(byParty.get(who) ?? []), c.tree_size]);
  }
  if (byParty.size === 0) out("  co-signed by nobody");
  for (const [who, sizes] of byParty)
    out(`  co-signed by ${who} at tree sizes ${sizes.join(", ")}`);
  for (const erased of report.erased) {
    out(
      `  personal data of ${erased.record_id} was erased on request (entry ${erased.seq}): not tampering`,
    );
  }
  if (report.extends) {
    out(
      report.extends.ok
        ? `  extends the earlier bundle (or head): from size ${report.extends.first} to ${report.extends.second}`
        : `  does NOT extend the earlier bundle (or head) of size ${report.extends.first}`,
    );
  }
}

async function verifyBundleFile(values: Record<string, unknown>): Promise<number> {
  const file = String(values.bundle);
  const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as unknown;
  const keyFiles = values.key === undefined ? [] : [values.key].flat().map(String);
  const trustedKeys =
    keyFiles.length === 0
      ? undefined
      : new Map(
          keyFiles.map((path) => {
            const pem = readFileSync(path, "utf8");
            return [keyIdOf(createPublicKey(pem)), pem] as const;
          }),
        );
  const report = await verifyBundle(read(file), {
    ...(typeof values.extends === "string" ? { earlier: read(values.extends) } : {}),
    ...(trustedKeys ? { trustedKeys } : {}),
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.ok ? 0 : 1;
  }
  printBundleReport(report, file);
  const first = report.problems[0];
  if (!first) {
    process.stdout.write(
      "The bundle is intact: every entry, head, co-signature and record checks.\n",
    );
    return 0;
  }
  process.stdout.write(
    `FAILED${first.seq !== undefined ? ` at entry ${first.seq}` : ""}: ${first.message}\n`,
  );
  if (report.problems.length > 1)
    process.stdout.write(`(${report.problems.length - 1} more problems; --json lists them all)\n`);
  return 1;
}

export const verifyCommand: Command = {
  name: "verify",
  summary:
    "Check the ledger and every record against it, or an offline bundle; exit 1 with the first problem",
  usage: `truce verify [--process SLUG] [--extends HEAD.json] [--json]
       truce verify --bundle FILE [--extends EARLIER.json] [--key SERVER_KEY.pem] [--json]

  --bundle   check a bundle from truce export --format bundle with no server and no database;
             it lists who co-signed which heads and which records' personal data was erased
  --extends  also prove that the store (or the bundle) extends a signed tree head saved earlier
             (GET .../ledger/head) or an earlier bundle: fails on a rollback or a fork
  --key      trust only this server key (PEM) instead of the keys the bundle carries`,
  options: {
    process: { type: "string" },
    json: { type: "boolean" },
    bundle: { type: "string" },
    extends: { type: "string" },
    key: { type: "string", multiple: true },
  },
  run: (values) => {
    if (typeof values.bundle === "string") return verifyBundleFile(values);
    const saved =
      typeof values.extends === "string"
        ? readSavedHead(JSON.parse(readFileSync(values.extends, "utf8")) as unknown)
        : undefined;
    return withServices("verify", async (services) => {
      const report = await verifyLedger(services, values.process as string | undefined, {
        ...(saved ? { extends: saved } : {}),
      });
      if (values.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return report.ok ? 0 : 1;
      }
      for (const p of report.processes) {
        process.stdout.write(
          `${p.process}: ${p.entries} ledger entries, ${p.heads} signed heads, ${p.records} records, root ${p.root_hash}\n`,
        );
      }
      for (const p of report.processes) {
        for (const erased of p.erased) {
          process.stdout.write(
            `${p.process}: personal data of ${erased.record_id} was erased on request (entry ${erased.seq})\n`,
          );
        }
      }
      if (report.extends?.ok) {
        process.stdout.write(
          `It extends the saved head: its first ${report.extends.first} of ${report.extends.second} entries have the saved root.\n`,
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
    });
  },
};
