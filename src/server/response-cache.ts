import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../core/services.ts";
import type { Viewer } from "../domain/access.ts";
import { readTarget } from "./read-routing.ts";

type Entry = { version: number; etag: string; body: string };

/**
 * Serialized responses of read routes, keyed by who asks and the URL, and valid for one version
 * (ledger size) of the process: the first write to the process makes every entry for it stale.
 * Least recently used entries go first once `maxBytes` is reached.
 */
export class ResponseCache {
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string, version: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    // Re-inserting moves the entry to the end: Map keeps insertion order, so the first is the oldest.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Entry): void {
    const old = this.#entries.get(key);
    if (old) this.#bytes -= old.body.length;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.#bytes += entry.body.length;
    for (const [oldest, value] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= value.body.length;
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

function viewerKey(viewer: Viewer): string {
  return viewer.role === "delegate" ? `delegate:${viewer.party}` : viewer.role;
}

/**
 * Answers a read from the cache when the process has not changed since it was computed, else
 * computes, caches and answers it. Sends a weak ETag naming the process version, and 304 when the
 * client already has it.
 */
export async function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    cache: ResponseCache;
    services: Services;
    slug: string;
    viewer: Viewer;
    contentType?: string;
    compute: (services: Services) => Promise<unknown>;
  },
): Promise<FastifyReply> {
  // Where the read goes (replica or primary) is decided here, once, for every cached route.
  const target = readTarget(options.services, request, options.slug);
  const version = target.versions.get(options.slug);
  const key = `${target.source} ${viewerKey(options.viewer)} ${request.url}`;
  let entry = version === undefined ? undefined : options.cache.get(key, version);
  if (!entry) {
    const body = JSON.stringify(await options.compute(target.services));
    // Filed under the version read before computing: if a write landed meanwhile, the entry may
    // already show it, but it is never served once the newer version is known.
    const at = version ?? -1;
    const digest = createHash("sha256").update(key).digest("base64url").slice(0, 16);
    entry = { version: at, etag: `W/"${options.slug}.${at}.${digest}"`, body };
    if (version !== undefined) options.cache.set(key, entry);
  }
  reply
    .header("etag", entry.etag)
    .header("cache-control", "no-cache")
    .header("truce-read-from", target.source);
  if (request.headers["if-none-match"] === entry.etag) return reply.status(304).send();
  return reply.type(options.contentType ?? "application/json; charset=utf-8").send(entry.body);
}
