import { z } from "zod";
import type { Viewer } from "../domain/access.ts";
import { precisionOf } from "../domain/fuzzy-date.ts";
import { REPORT_KINDS, type ReportKind } from "../domain/situation-report.ts";
import { renderHtml } from "../report/html.ts";
import { layoutReport } from "../report/layout.ts";
import { renderMarkdown } from "../report/markdown.ts";
import { REPORT_LANGUAGES, reportMessages } from "../report/messages.ts";
import { renderPdf } from "../report/pdf.ts";
import { drawPeriodMap } from "../report/period-map.ts";
import { buildSituationReport } from "./build-situation-report.ts";
import { parseQuery } from "./query-params.ts";
import type { Services } from "./services.ts";

export const REPORT_FORMATS = ["pdf", "html", "md"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  pdf: "application/pdf",
  html: "text/html; charset=utf-8",
  md: "text/markdown; charset=utf-8",
};

const FIRST_REPORT_DAY = "1000-01-07";
const LAST_REPORT_DAY = "9999-12-16";

/** What a situation report is asked for with: the same for the API and the CLI. */
export const ReportQuerySchema = z
  .object({
    date: z
      .string()
      .refine((v) => precisionOf(v) === "day", "a day, YYYY-MM-DD")
      // The week before it and the 14 days after it stay within the dates the store holds.
      .refine(
        (v) => v >= FIRST_REPORT_DAY && v <= LAST_REPORT_DAY,
        `from ${FIRST_REPORT_DAY} to ${LAST_REPORT_DAY}`,
      )
      .describe("the day reported on; a weekly report covers the seven days ending on it"),
    format: z.enum(REPORT_FORMATS).default("pdf"),
    lang: z.enum(REPORT_LANGUAGES).default("en").describe("the language the report is written in"),
  })
  .strict();
export type ReportQuery = z.input<typeof ReportQuerySchema>;

export type RenderedReport = {
  body: Buffer;
  media_type: string;
  /** A file name for it: process, kind, date, language and format. */
  filename: string;
};

/**
 * A daily or weekly situation report of a process, as its viewer may see it, in one language and
 * format. The document is assembled once (`buildSituationReport`) and each format renders the same
 * laid-out blocks.
 */
export async function renderSituationReport(
  services: Services,
  slug: string,
  kind: ReportKind,
  query: unknown,
  viewer: Viewer,
): Promise<RenderedReport> {
  const q = parseQuery(ReportQuerySchema, query);
  const report = await buildSituationReport(services, slug, kind, q.date, q.lang, viewer);
  const messages = reportMessages(q.lang);
  const blocks = layoutReport(report, messages);
  const map = drawPeriodMap(report);
  const filename = `${slug}-${kind}-${q.date}-${q.lang}.${q.format}`;
  const title = blocks[0]?.type === "title" ? `${blocks[0].text}, ${blocks[0].subtitle}` : slug;
  const body =
    q.format === "pdf"
      ? await renderPdf(blocks, map, q.lang, title)
      : Buffer.from(
          q.format === "html" ? renderHtml(blocks, map, q.lang) : renderMarkdown(blocks, map),
          "utf8",
        );
  return { body, media_type: REPORT_MEDIA_TYPES[q.format], filename };
}

export { REPORT_KINDS };
