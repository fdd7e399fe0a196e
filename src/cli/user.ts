import { createInterface } from "node:readline";
import { addUser, disableAccount, listAccounts } from "../core/accounts.ts";
import { ROLES } from "../domain/access.ts";
import { type Command, chooseOption, requireOption, UsageError } from "./command.ts";
import { withServices } from "./with-services.ts";

async function readStdinLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return "";
}

/** Asks for a password on the terminal without echoing it. */
async function promptPassword(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  let typed = "";
  try {
    for await (const chunk of stdin) {
      for (const char of String(chunk)) {
        if (char === "\r" || char === "\n") return typed;
        if (char === "\u0003") throw new UsageError("cancelled");
        if (char === "\u007f") typed = typed.slice(0, -1);
        else typed += char;
      }
    }
    return typed;
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write("\n");
  }
}

async function passwordFor(values: Record<string, unknown>): Promise<string | undefined> {
  if (values["password-stdin"]) return readStdinLine();
  if (values.token) return undefined;
  if (!process.stdin.isTTY) {
    throw new UsageError(
      "give --password-stdin (the password on standard input), run on a terminal to be asked, or --token for a token-only user",
    );
  }
  const password = await promptPassword("Password (at least 12 characters): ");
  if ((await promptPassword("Again: ")) !== password) throw new UsageError("the passwords differ");
  return password;
}

export const userCommand: Command = {
  name: "user",
  summary: "Add users and give them roles (add), list them (list), disable them (disable)",
  usage: `truce user add --email E --role ${ROLES.join("|")} [--party ACTOR] [--process SLUG] [--token] [--password-stdin]
       truce user list
       truce user disable --email E

  add   creates the user, or gives an existing user this role; without --process the role holds
        in every process. A delegate speaks for one party (--party, an actor id such as ARM).
        --token prints a new API token once (for scripts: Authorization: Bearer TOKEN).
        The password is asked on the terminal, or read from standard input with --password-stdin.
  list  every user with their roles
  disable  ends the user's sessions, revokes their tokens and refuses their sign-in`,
  options: {
    email: { type: "string" },
    role: { type: "string" },
    party: { type: "string" },
    process: { type: "string" },
    token: { type: "boolean" },
    "password-stdin": { type: "boolean" },
  },
  run: async (values, positionals) => {
    const action = positionals[0];
    if (action === "list") {
      return withServices("user", async (services) => {
        for (const user of await listAccounts(services)) {
          const roles = user.memberships
            .map(
              (m) =>
                `${m.role}${m.party ? ` of ${m.party}` : ""} in ${m.process ?? "every process"}`,
            )
            .join("; ");
          process.stdout.write(
            `${user.email}  ${user.id}  ${roles}${user.disabled ? "  (disabled)" : ""}\n`,
          );
        }
        return 0;
      });
    }
    if (action === "disable") {
      const email = requireOption(values, "email");
      return withServices("user", async (services) => {
        await disableAccount(services, email);
        process.stderr.write(`Disabled ${email}: its sessions ended and its tokens are revoked\n`);
        return 0;
      });
    }
    if (action !== "add") throw new UsageError('say "add", "list" or "disable"');
    const email = requireOption(values, "email");
    const role = chooseOption(values, "role", ROLES);
    const password = await passwordFor(values);
    return withServices("user", async (services) => {
      const result = await addUser(
        services,
        {
          email,
          role,
          ...(typeof values.party === "string" ? { party: values.party } : {}),
          ...(typeof values.process === "string" ? { process: values.process } : {}),
          ...(password !== undefined ? { password } : {}),
        },
        { token: values.token === true },
      );
      const where = typeof values.process === "string" ? values.process : "every process";
      process.stderr.write(
        `${result.created ? "Created" : "Updated"} ${email} (${result.user_id}): ${role}${values.party ? ` of ${values.party}` : ""} in ${where}\n`,
      );
      if (result.token) {
        process.stderr.write("API token (shown once; store it safely):\n");
        process.stdout.write(`${result.token}\n`);
      }
      return 0;
    });
  },
};
