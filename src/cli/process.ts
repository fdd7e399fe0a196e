import { readFileSync } from "node:fs";
import { closeProcess } from "../core/change-process.ts";
import { getProcess, listAllProcesses } from "../core/get-process.ts";
import { createProcessFromFile, updateProcessFromFile } from "../core/process-file.ts";
import { OPERATOR } from "../domain/access.ts";
import { DATE_PRECISIONS, precisionOf } from "../domain/fuzzy-date.ts";
import { parseTruceJson } from "../ingest/truce-json.ts";
import { type Command, requireOption, UsageError } from "./command.ts";
import { printImportSummary } from "./import.ts";
import { cliPrincipal, withServices } from "./with-services.ts";

const ACTIONS = ["create", "update", "close", "list", "show"] as const;

async function readProcessFile(path: string | undefined) {
  if (!path) throw new UsageError("name the process file (docs/process-file.md), or - for stdin");
  return parseTruceJson(readFileSync(path === "-" ? 0 : path, "utf8"));
}

/** A date as the closing gives it: a day (2026-12-07), a month or a year. */
function closingDate(value: string) {
  const precision = precisionOf(value);
  if (!precision || !DATE_PRECISIONS.includes(precision)) {
    throw new UsageError(`--date "${value}" is not a date (YYYY-MM-DD, YYYY-MM or YYYY)`);
  }
  return { value, precision };
}

export const processCommand: Command = {
  name: "process",
  summary: "Create a process from its file, update it, close it, list and show processes",
  usage: `truce process create FILE
       truce process update FILE
       truce process close SLUG --date YYYY-MM-DD --reason TEXT
       truce process list
       truce process show SLUG

  create  makes a new process from its file (docs/process-file.md): its own fields, then its
          records; every one is an entry in the process's ledger
  update  brings the process the file names (by slug) up to the file: changed fields are one
          ledger entry, records are imported as truce import does
  close   closes the process on that date for that reason: it stays readable, exportable and
          verifiable; every later change to it is refused
  list    every process: slug, status, ledger size and name
  show    one process's fields and its records by kind, as JSON`,
  options: {
    date: { type: "string" },
    reason: { type: "string" },
  },
  run: async (values, positionals) => {
    const [action, target] = positionals;
    if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) {
      throw new UsageError(`say what to do: ${ACTIONS.join(", ")}`);
    }
    if (action === "list") {
      return withServices("process", async (services) => {
        for (const p of await listAllProcesses(services)) {
          process.stdout.write(
            `${String(p.slug)}\t${String(p.status ?? "active")}\t${String(p.ledger_size)} entries\t${String(p.name)}\n`,
          );
        }
        return 0;
      });
    }
    if (action === "show") {
      if (!target) throw new UsageError("name the process: truce process show SLUG");
      return withServices("process", async (services) => {
        const shown = await getProcess(services, target, OPERATOR);
        process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
        return 0;
      });
    }
    if (action === "close") {
      if (!target) throw new UsageError("name the process: truce process close SLUG");
      const on = closingDate(requireOption(values, "date"));
      const reason = requireOption(values, "reason");
      return withServices("process", async (services) => {
        const closed = await closeProcess(services, target, { on, reason }, cliPrincipal());
        process.stdout.write(
          `closed ${target} on ${on.value} (version ${closed.version}); it stays readable, exportable and verifiable\n`,
        );
        return 0;
      });
    }
    const file = await readProcessFile(target);
    return withServices("process", async (services) => {
      const options = { principal: cliPrincipal() };
      if (action === "create") {
        const { slug, summary } = await createProcessFromFile(services, file, options);
        printImportSummary(summary, `created process ${slug}`);
        return summary.rejected.length === 0 ? 0 : 1;
      }
      const { slug, fieldsChanged, summary } = await updateProcessFromFile(services, file, options);
      printImportSummary(
        summary,
        `process ${slug}: fields ${fieldsChanged ? "changed" : "unchanged"}; records`,
      );
      return summary.rejected.length === 0 ? 0 : 1;
    });
  },
};
