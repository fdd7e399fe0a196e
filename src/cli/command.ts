import { type ParseArgsConfig, parseArgs } from "node:util";

export type Options = NonNullable<ParseArgsConfig["options"]>;

/** One `truce` command: its help text and what it does. Returns the process exit code. */
export type Command = {
  name: string;
  summary: string;
  usage: string;
  options: Options;
  run: (
    values: Record<string, string | boolean | undefined>,
    positionals: string[],
  ) => Promise<number>;
};

/** Raised for wrong usage: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

export function parseCommandArgs(command: Command, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function requireOption(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new UsageError(`--${name} is required`);
  return value;
}

export function chooseOption<T extends string>(
  values: Record<string, unknown>,
  name: string,
  allowed: readonly T[],
): T {
  const value = requireOption(values, name);
  if (!allowed.includes(value as T))
    throw new UsageError(`--${name} must be one of ${allowed.join(", ")}; got "${value}"`);
  return value as T;
}

/**
 * Lines of `--help` that explain flags: each flag, then its text wrapped to `width` columns and
 * indented under the first line's text.
 */
export function flagLines(rows: ReadonlyArray<readonly [string, string]>, width = 100): string[] {
  const flagWidth = Math.max(...rows.map(([flag]) => flag.length));
  const indent = " ".repeat(flagWidth + 4);
  return rows.flatMap(([flag, text]) => {
    const lines: string[] = [];
    let line = `  ${flag.padEnd(flagWidth)}  `;
    let empty = true;
    for (const word of text.split(" ")) {
      if (!empty && line.length + 1 + word.length > width) {
        lines.push(line);
        line = indent;
        empty = true;
      }
      line += empty ? word : ` ${word}`;
      empty = false;
    }
    return [...lines, line];
  });
}
