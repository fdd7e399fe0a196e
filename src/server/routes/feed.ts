import type { FastifyInstance, FastifyRequest } from "fastify";
import { Feed } from "feed";
import { FeedQuerySchema, getProcessFeed, type ProcessFeed } from "../../core/process-feed.ts";
import type { Services } from "../../core/services.ts";
import { kindByType } from "../../domain/kinds/index.ts";
import { recordPagePath } from "../../domain/web-routes.ts";
import { capitalized } from "../../domain/words.ts";
import { VERSION } from "../../version.ts";
import { viewerOf } from "../auth.ts";
import { ACCESS, jsonSchema, ok, problems } from "../openapi.ts";

/** The words a feed entry is called by: its title, summary, name or statement, else its id. */
function headline(record: Record<string, unknown>): string {
  const text = record.title ?? record.summary ?? record.name ?? record.statement ?? record.id;
  return String(text).slice(0, 300);
}

/** A line of the record's date, place and judgement, as far as it has them. */
function summaryOf(record: Record<string, unknown>): string {
  const parts: string[] = [];
  const date = (record.date ?? record.due) as { value?: string } | undefined;
  if (date?.value) parts.push(date.value);
  const place = record.place as { name?: string } | undefined;
  if (place?.name) parts.push(place.name);
  if (typeof record.kind === "string") parts.push(record.kind);
  const verification = record.verification as { status?: string } | undefined;
  if (verification?.status) parts.push(verification.status);
  else if (typeof record.status === "string") parts.push(record.status);
  return parts.join(" · ");
}

/** The feed as Atom 1.0, each entry linking to the record's page in the web app. */
export function atomOf(feed: ProcessFeed, origin: string, selfUrl: string): string {
  const slug = feed.process.slug;
  const atom = new Feed({
    title: `${feed.process.name}: latest changes`,
    id: `${origin}/?process=${encodeURIComponent(slug)}`,
    link: `${origin}/?process=${encodeURIComponent(slug)}`,
    updated: new Date(feed.process.updated_at),
    generator: `Truce ${VERSION}`,
    feedLinks: { atom: selfUrl },
    author: { name: feed.process.name },
  });
  for (const entry of feed.entries) {
    const record = entry.record;
    const kind = kindByType(String(record.type));
    const link = kind
      ? `${origin}${recordPagePath(kind, String(record.id), slug)}`
      : `${origin}/?process=${slug}`;
    atom.addItem({
      title: `${capitalized(kind?.label.one ?? String(record.type))}${entry.action === "create" ? "" : " (changed)"}: ${headline(record)}`,
      // One entry per record: a change updates it (a new `updated`) rather than adding another.
      id: `${origin}/api/processes/${slug}/${kind?.path ?? "records"}/${encodeURIComponent(String(record.id))}`,
      link,
      date: new Date(entry.changed_at),
      published: new Date(String(record.created_at)),
      ...(summaryOf(record) ? { description: summaryOf(record) } : {}),
    });
  }
  return atom.atom1();
}

function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** `GET /api/processes/{slug}/feed.atom`: the process's latest changes for feed readers. */
export function registerFeedRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { slug: string } }>(
    "/api/processes/:slug/feed.atom",
    {
      schema: {
        tags: ["feeds"],
        operationId: "getProcessFeed",
        summary: "The records that changed last, as an Atom 1.0 feed",
        description:
          "Newest change first, each record once, linking to its page in the web app; takes " +
          "the list filters (kind and verification with `type`). Only what you may see.",
        security: ACCESS.read,
        params: {
          type: "object",
          properties: { slug: { type: "string", description: "the process's slug" } },
          required: ["slug"],
        },
        querystring: jsonSchema(FeedQuerySchema),
        response: {
          200: ok("An Atom 1.0 feed", { type: "string" }, "application/atom+xml"),
          ...problems(400, 404),
        },
      },
    },
    async (request, reply) => {
      const slug = request.params.slug;
      const feed = await getProcessFeed(services, slug, request.query, viewerOf(request, slug));
      const origin = originOf(request);
      return reply
        .type("application/atom+xml; charset=utf-8")
        .header("cache-control", "no-cache")
        .send(atomOf(feed, origin, `${origin}${request.url}`));
    },
  );
}
