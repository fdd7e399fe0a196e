import { DomainError } from "../domain/errors.ts";
import { VERSION } from "../version.ts";
import { type Command, parseCommandArgs, UsageError } from "./command.ts";
import { systemErrorMessage } from "./system-errors.ts";

/**
 * Each command's module, loaded only when that command runs: `truce user add` need not load the
 * server, the PDF renderer or the gazetteer (it halves the CPU a short command spends starting).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import("./serve.ts")).serveCommand,
  demo: async () => (await import("./demo.ts")).demoCommand,
  process: async () => (await import("./process.ts")).processCommand,
  import: async () => (await import("./import.ts")).importCommand,
  export: async () => (await import("./export.ts")).exportCommand,
  report: async () => (await import("./report.ts")).reportCommand,
  verify: async () => (await import("./verify.ts")).verifyCommand,
  user: async () => (await import("./user.ts")).userCommand,
  cosign: async () => (await import("./cosign.ts")).cosignCommand,
  erase: async () => (await import("./erase.ts")).eraseCommand,
  extract: async () => (await import("./extract.ts")).extractCommand,
  backup: async () => (await import("./backup.ts")).backupCommand,
};

/** Every command's name, in the order `truce --help` lists them. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

const CONFIG = `Configuration (environment):
  DATABASE_URL       PostgreSQL server to use instead of the embedded store
  TRUCE_DATA_DIR     embedded store directory (default ./data)
  TRUCE_SIGNING_KEY  Ed25519 private key (PKCS#8 PEM) that signs tree heads
  TRUCE_SIGNING_KEY_FILE  where it is read from, or created on first use
                     (default: TRUCE_DATA_DIR/keys/ledger-ed25519.pem)
  The README's configuration table has the rest (DATABASE_READ_URL, TRUCE_HOST, TRUCE_PORT,
  TRUCE_LOG, TRUCE_TRUST_PROXY, TRUCE_MAP_STYLE_URL, TRUCE_OVERVIEW_MEMORY_MB).`;

/** The whole usage: it loads every command for its summary, which only --help needs. */
async function usage(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `truce ${VERSION}: the shared, verifiable record of a peace process`,
    "",
    "Usage: truce COMMAND [options]   (truce COMMAND --help for its options)",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    CONFIG,
  ].join("\n");
}

/** Runs the CLI and returns its exit code: 0 done, 1 failed, 2 wrong usage. */
export async function main(argv: string[]): Promise<number> {
  // Output piped into `head` is closed before the command is done: that is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${await usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    process.stderr.write(`truce: no command "${name}"\n\n${await usage()}\n`);
    return 2;
  }
  const command = await load();
  try {
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help) {
      process.stdout.write(`Usage: ${command.usage}\n\n${command.summary}.\n\n${CONFIG}\n`);
      return 0;
    }
    return await command.run(values, positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`truce ${name}: ${error.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (error instanceof DomainError) {
      process.stderr.write(`truce ${name}: ${error.message}\n`);
      return 1;
    }
    const message = systemErrorMessage(error);
    if (message === undefined) throw error;
    process.stderr.write(`truce ${name}: ${message}\n`);
    return 1;
  }
}
