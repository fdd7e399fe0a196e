import { writeFile } from "node:fs/promises";
import { REPORT_FORMATS, renderSituationReport } from "../core/render-situation-report.ts";
import { OPERATOR, parseViewer } from "../domain/access.ts";
import { REPORT_KINDS } from "../domain/situation-report.ts";
import { REPORT_LANGUAGES } from "../report/messages.ts";
import { type Command, flagLines, requireOption, UsageError } from "./command.ts";
import { withServices } from "./with-services.ts";

const USAGE = [
  `truce report ${REPORT_KINDS.join("|")} --process SLUG --date YYYY-MM-DD --format ${REPORT_FORMATS.join("|")}`,
  `       [--lang ${REPORT_LANGUAGES.join("|")}] [--as ROLE] [--out FILE]`,
  "",
  ...flagLines([
    [
      "daily",
      "the day's report: its incidents with each side's version, violation counts, exchanges, meetings, withdrawals",
    ],
    ["weekly", "the same for the seven days ending on --date"],
    ["--date YYYY-MM-DD", "the day reported on (the last day of a weekly report)"],
    ["--format pdf|html|md", "a PDF (A4, fonts embedded), a standalone HTML page or Markdown"],
    ["--lang L", `the language it is written in: ${REPORT_LANGUAGES.join(", ")} (default en)`],
    [
      "--as ROLE",
      "report only what that role may see: public|viewer|monitor|mediator|admin|delegate:PARTY (default: everything, as the operator)",
    ],
    ["--out FILE", "where to write it (default: standard output)"],
  ]),
].join("\n");

export const reportCommand: Command = {
  name: "report",
  summary: "Write a process's daily or weekly situation report as PDF, HTML or Markdown",
  usage: USAGE,
  options: {
    process: { type: "string" },
    date: { type: "string" },
    format: { type: "string" },
    lang: { type: "string" },
    as: { type: "string" },
    out: { type: "string" },
  },
  run: async (values, positionals) => {
    const [kind, ...extra] = positionals;
    if (kind !== "daily" && kind !== "weekly")
      throw new UsageError(`say which report: ${REPORT_KINDS.join(" or ")}`);
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const slug = requireOption(values, "process");
    const date = requireOption(values, "date");
    const viewer = values.as === undefined ? OPERATOR : parseViewer(String(values.as));
    if (!viewer) throw new UsageError(`--as "${values.as}" is not a role (or delegate:PARTY)`);
    const query = {
      date,
      ...(values.format === undefined ? {} : { format: values.format }),
      ...(values.lang === undefined ? {} : { lang: values.lang }),
    };
    return withServices("report", async (services) => {
      const report = await renderSituationReport(services, slug, kind, query, viewer);
      if (typeof values.out === "string") {
        await writeFile(values.out, report.body);
        process.stderr.write(`truce report: wrote ${values.out} (${report.body.length} bytes)\n`);
      } else process.stdout.write(report.body);
      return 0;
    });
  },
};
