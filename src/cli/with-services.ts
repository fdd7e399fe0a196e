import { openServices } from "../core/open-services.ts";
import type { Services } from "../core/services.ts";
import { type Caller, operatorCaller } from "../domain/access.ts";

/** Commands that only read the record: run on a store without a key, they make none. */
const READS_ONLY: ReadonlySet<string> = new Set(["verify", "export", "extract", "report"]);

/** Opens the configured store for one command, and always closes it. */
export async function withServices<T>(
  command: string,
  work: (services: Services) => Promise<T>,
): Promise<T> {
  const services = await openServices(process.env, command, undefined, {
    signs: !READS_ONLY.has(command),
    warn: warnAs(command),
  });
  try {
    return await work(services);
  } finally {
    await services.store.close();
  }
}

/** Who the CLI acts as in the ledger: the operator at this machine, by login name. */
export function cliPrincipal(): Caller {
  return operatorCaller(`cli:${process.env.USER ?? process.env.USERNAME ?? "unknown"}`);
}

/** How a command tells the operator something worth knowing: a line on stderr, named for it. */
export function warnAs(command: string): (message: string) => void {
  return (message) => process.stderr.write(`truce ${command}: ${message}\n`);
}
