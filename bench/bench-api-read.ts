import autocannon from "autocannon";
import Fastify from "fastify";
import { buildApp } from "../src/server/app.ts";
import { SYNTHETIC_PROCESS } from "./generate.ts";
import { round } from "./measure.ts";
import type { BenchContext } from "./services.ts";

async function requestsPerSecond(url: string, seconds: number): Promise<number> {
  const result = await autocannon({ url, connections: 20, duration: seconds, pipelining: 1 });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`autocannon: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

/**
 * api.read: requests per second for a cached public read (a page of incidents) from a real server
 * on loopback, against a bare Fastify route that returns the same bytes. Both servers and the load
 * generator share this process, so the ratio is what the comparison means.
 */
export async function runApiReadBench(context: BenchContext): Promise<void> {
  const { services, storeName, n, isQuick, report } = context;
  const seconds = isQuick ? 3 : 10;
  const app = await buildApp(services, { rateLimit: 10_000_000 });
  const path = `/api/processes/${SYNTHETIC_PROCESS.slug}/incidents?limit=50&kind=shelling`;
  const bare = Fastify();
  try {
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    const body = (await app.inject(path)).body;
    bare.get("/same-bytes", async (_request, reply) =>
      reply.type("application/json; charset=utf-8").send(body),
    );
    const bareAddress = await bare.listen({ port: 0, host: "127.0.0.1" });
    const truce = await requestsPerSecond(`${address}${path}`, seconds);
    const baseline = await requestsPerSecond(`${bareAddress}/same-bytes`, seconds);
    report({
      name: "api.read",
      store: storeName,
      n,
      value: round(truce),
      unit: "requests/s",
      baseline: round(baseline),
      ratio: round(truce / baseline),
      note: `cached page of 50 incidents (${body.length} bytes), 20 connections, ${seconds} s each`,
    });
  } finally {
    await app.close();
    await bare.close();
  }
}
