import type { FastifyInstance } from "fastify";
import {
  REPORT_MEDIA_TYPES,
  ReportQuerySchema,
  renderSituationReport,
} from "../../core/render-situation-report.ts";
import type { Services } from "../../core/services.ts";
import type { ReportKind } from "../../domain/situation-report.ts";
import { viewerOf } from "../auth.ts";
import { ACCESS, jsonSchema, problems } from "../openapi.ts";

const OPERATIONS: Record<ReportKind, { operationId: string; summary: string }> = {
  daily: {
    operationId: "getDailyReport",
    summary: "The day's situation report, as PDF, HTML or Markdown",
  },
  weekly: {
    operationId: "getWeeklyReport",
    summary: "The situation report of the seven days ending on a date, as PDF, HTML or Markdown",
  },
};

const DESCRIPTION =
  "The period's incidents with each side's version (its claims), violation counts, exchanges, " +
  "meetings held and planned, commitments overdue and due within 14 days, withdrawals, and a map " +
  "of the period; every figure cites its sources. It shows what the caller may see, in the " +
  "language asked for. A bad `date`, `format` or `lang` is a 400 naming it.";

/** Daily and weekly situation reports: one call into core each, the body sent as a download. */
export function registerReportRoutes(app: FastifyInstance, services: Services): void {
  for (const kind of ["daily", "weekly"] as const) {
    app.get<{ Params: { slug: string } }>(
      `/api/processes/:slug/reports/${kind}`,
      {
        schema: {
          tags: ["reports"],
          ...OPERATIONS[kind],
          description: DESCRIPTION,
          security: ACCESS.read,
          params: {
            type: "object",
            properties: { slug: { type: "string" } },
            required: ["slug"],
          },
          querystring: jsonSchema(ReportQuerySchema),
          response: {
            200: {
              description: "The report, as a file to save (Content-Disposition names it)",
              content: Object.fromEntries(
                Object.values(REPORT_MEDIA_TYPES).map((type) => [
                  type.split(";")[0],
                  { schema: { type: "string" } },
                ]),
              ),
            },
            ...problems(400, 404),
          },
        },
      },
      async (request, reply) => {
        const slug = request.params.slug;
        const report = await renderSituationReport(
          services,
          slug,
          kind,
          request.query,
          viewerOf(request, slug),
        );
        return reply
          .type(report.media_type)
          .header("cache-control", "no-store")
          .header("content-disposition", `attachment; filename="${report.filename}"`)
          .send(report.body);
      },
    );
  }
}
