import { eraseRecord } from "../core/erase-record.ts";
import { type Command, requireOption } from "./command.ts";
import { cliPrincipal, withServices } from "./with-services.ts";

export const eraseCommand: Command = {
  name: "erase",
  summary: "Erase a detainee's personal data on request; the ledger stays verifiable",
  usage: `truce erase --process SLUG --id ID --reason TEXT [--kind detainee]

  Replaces the person's name, notes and date of capture; the side, holder, category, status and
  exchange stay so the balance of exchanges still adds up. The ledger only ever held hashes of
  personal data; the erasure is an entry of its own, and truce verify reports it as an erasure.`,
  options: {
    process: { type: "string" },
    id: { type: "string" },
    reason: { type: "string" },
    kind: { type: "string" },
  },
  run: async (values) => {
    const slug = requireOption(values, "process");
    const id = requireOption(values, "id");
    const reason = requireOption(values, "reason");
    const type = (values.kind as string | undefined) ?? "detainee";
    return withServices("erase", async (services) => {
      const record = await eraseRecord(services, slug, type, id, { reason }, cliPrincipal());
      process.stdout.write(
        `Erased the personal data of ${type} ${id} (now version ${String(record.version)})\n`,
      );
      return 0;
    });
  },
};
