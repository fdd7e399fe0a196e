import { DomainError } from "../domain/errors.ts";
import { VERSION } from "../version.ts";
import { backupCommand } from "./backup.ts";
import { type Command, parseCommandArgs, UsageError } from "./command.ts";
import { cosignCommand } from "./cosign.ts";
import { demoCommand } from "./demo.ts";
import { eraseCommand } from "./erase.ts";
import { exportCommand } from "./export.ts";
import { extractCommand } from "./extract.ts";
import { importCommand } from "./import.ts";
import { processCommand } from "./process.ts";
import { reportCommand } from "./report.ts";
import { serveCommand } from "./serve.ts";
import { systemErrorMessage } from "./system-errors.ts";
import { userCommand } from "./user.ts";
import { verifyCommand } from "./verify.ts";

const COMMANDS: Command[] = [
  serveCommand,
  demoCommand,
  processCommand,
  importCommand,
  exportCommand,
  reportCommand,
  verifyCommand,
  userCommand,
  cosignCommand,
  eraseCommand,
  extractCommand,
  backupCommand,
];

/** Every command's name, in the order `truce --help` lists them. */
export const COMMAND_NAMES: readonly string[] = COMMANDS.map((c) => c.name);

const CONFIG = `Configuration (environment):
  DATABASE_URL       PostgreSQL server to use instead of the embedded store
  TRUCE_DATA_DIR     embedded store directory (default ./data)
  TRUCE_SIGNING_KEY  Ed25519 private key (PKCS#8 PEM) that signs tree heads
  TRUCE_SIGNING_KEY_FILE  where it is read from, or created on first use
                     (default: TRUCE_DATA_DIR/keys/ledger-ed25519.pem)
  The README's configuration table has the rest (DATABASE_READ_URL, TRUCE_HOST, TRUCE_PORT,
  TRUCE_LOG, TRUCE_TRUST_PROXY, TRUCE_MAP_STYLE_URL, TRUCE_OVERVIEW_MEMORY_MB).`;

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `truce ${VERSION}: the shared, verifiable record of a peace process`,
    "",
    "Usage: truce COMMAND [options]   (truce COMMAND --help for its options)",
    "",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
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
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`truce: no command "${name}"\n\n${usage()}\n`);
    return 2;
  }
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
