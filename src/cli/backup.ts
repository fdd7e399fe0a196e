import { backupStore } from "../core/backup-store.ts";
import type { Command } from "./command.ts";

export const backupCommand: Command = {
  name: "backup",
  summary:
    "Write a consistent copy of the store: the embedded store as a .tar.gz, PostgreSQL through pg_dump",
  usage: "truce backup [--out FILE]",
  options: { out: { type: "string" } },
  run: async (values) => {
    const result = await backupStore(process.env, values.out as string | undefined, new Date());
    process.stdout.write(`Backed up ${result.from} to ${result.out} (${result.bytes} bytes).\n`);
    process.stdout.write(
      result.store === "pglite"
        ? `Restore: mkdir -p NEW_DATA_DIR/pglite && tar -xzf ${result.out} -C NEW_DATA_DIR/pglite, copy keys/ beside it (or set TRUCE_SIGNING_KEY), then TRUCE_DATA_DIR=NEW_DATA_DIR truce verify.\n`
        : `Restore: createdb NEW && pg_restore --no-owner -d NEW ${result.out}, then DATABASE_URL=.../NEW truce verify.\n`,
    );
    return 0;
  },
};
