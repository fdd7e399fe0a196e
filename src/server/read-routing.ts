import type { FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../core/services.ts";
import type { LedgerVersions } from "../read-model/ledger-versions.ts";
import { cookieValue } from "./cookies.ts";

export type ReadTarget = {
  services: Services;
  versions: LedgerVersions;
  source: "primary" | "replica";
};

const COOKIE_PREFIX = "truce_seen_";

/** The ledger size this client has seen (its own writes): Truce-Min-Version, or the cookie set on writes. */
function minimumVersion(request: FastifyRequest, slug: string): number {
  const header = Number(request.headers["truce-min-version"]);
  const cookie = cookieValue(request, `${COOKIE_PREFIX}${slug}`);
  return Math.max(Number.isFinite(header) ? header : 0, Number(cookie) || 0);
}

/**
 * Where a public read of a process goes: to the read replica when there is one and it has caught
 * up with everything this client wrote, else to the primary. A client that just wrote therefore
 * reads its own writes; everyone else may read from a replica a moment behind.
 */
export function readTarget(services: Services, request: FastifyRequest, slug: string): ReadTarget {
  const replica = services.store.readDb;
  const replicaVersions = services.replicaVersions;
  if (replica && replicaVersions) {
    const seen = replicaVersions.get(slug);
    if (seen !== undefined && seen >= minimumVersion(request, slug)) {
      return {
        services: { ...services, store: { ...services.store, db: replica } },
        versions: replicaVersions,
        source: "replica",
      };
    }
  }
  return { services, versions: services.versions, source: "primary" };
}

/**
 * After a write: tells the client the ledger size it has now seen (header), and remembers it in a
 * short-lived cookie so that its next reads wait for a replica that has it.
 */
export function markWritten(reply: FastifyReply, services: Services, slug: string): void {
  const size = services.versions.get(slug);
  if (size === undefined) return;
  reply.header("truce-ledger-size", String(size));
  if (services.store.readDb) {
    reply.header(
      "set-cookie",
      `${COOKIE_PREFIX}${slug}=${size}; Path=/; Max-Age=300; SameSite=Lax; HttpOnly`,
    );
  }
}
