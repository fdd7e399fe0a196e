import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadReferenceProcess } from "../src/core/load-reference-process.ts";
import type { Services } from "../src/core/services.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { buildApp } from "../src/server/app.ts";
import { injectAs, tokenFor } from "./support/auth.ts";
import { sampleInput } from "./support/factories.ts";
import { openReplicatedServices } from "./support/stores.ts";

const P = "/api/processes/armenia-azerbaijan";
const SLUG = "armenia-azerbaijan";

/** Runs SQL on the replica server itself (pausing and resuming its replay of the primary's WAL). */
async function onReplica(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_READ_DATABASE_URL });
  await client.connect();
  await client.query(statement);
  await client.end();
}

describe.runIf(process.env.TEST_DATABASE_URL && process.env.TEST_READ_DATABASE_URL)(
  "public reads from a streaming replica",
  () => {
    let services: Services & { drop: () => Promise<void> };
    let app: FastifyInstance;
    let inject: ReturnType<typeof injectAs>;

    /** Refreshes both versions until the replica has caught up with the primary. */
    async function catchUp(): Promise<void> {
      for (let i = 0; i < 100; i++) {
        await services.versions.refresh(services.store.db);
        await services.replicaVersions?.refresh(
          services.store.readDb as NonNullable<typeof services.store.readDb>,
        );
        if (services.replicaVersions?.get(SLUG) === services.versions.get(SLUG)) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error("the replica did not catch up");
    }

    beforeAll(async () => {
      services = await openReplicatedServices();
      await loadReferenceProcess(services, operatorCaller("test"));
      app = await buildApp(services, { rateLimit: 100_000 });
      inject = injectAs(app, await tokenFor(services, "admin"));
      await catchUp();
    });
    afterAll(async () => {
      await onReplica("SELECT pg_wal_replay_resume()").catch(() => undefined);
      await app?.close();
      await services?.drop();
    });

    const ids = (body: string) =>
      (JSON.parse(body) as { items: Array<{ id: string }> }).items.map((r) => r.id);

    it("serves lists from the replica once it has caught up", async () => {
      const response = await inject(`${P}/actors`);
      expect(response.statusCode).toBe(200);
      expect(response.headers["truce-read-from"]).toBe("replica");
      expect(ids(response.body)).toContain("ARM");
    });

    it("sends a client that wrote to the primary until the replica has its write; others read the lagging replica", async () => {
      await onReplica("SELECT pg_wal_replay_pause()");
      const written = await inject({
        method: "POST",
        url: `${P}/sources`,
        payload: sampleInput("source", 4242),
      });
      expect(written.statusCode).toBe(201);
      const id = written.json().id as string;
      const seen = String(written.headers["truce-ledger-size"]);
      const cookie = String(written.headers["set-cookie"]).split(";")[0] as string;
      expect(Number(seen)).toBeGreaterThan(0);
      await services.replicaVersions?.refresh(
        services.store.readDb as NonNullable<typeof services.store.readDb>,
      );

      const writer = await inject({ url: `${P}/sources?limit=500`, headers: { cookie } });
      expect(writer.headers["truce-read-from"]).toBe("primary");
      expect(ids(writer.body)).toContain(id);
      const byHeader = await inject({
        url: `${P}/sources?limit=500`,
        headers: { "truce-min-version": seen },
      });
      expect(byHeader.headers["truce-read-from"]).toBe("primary");

      const public_ = await inject(`${P}/sources?limit=500`);
      expect(public_.headers["truce-read-from"]).toBe("replica");
      expect(ids(public_.body)).not.toContain(id);

      await onReplica("SELECT pg_wal_replay_resume()");
      await catchUp();
      const later = await inject({ url: `${P}/sources?limit=500`, headers: { cookie } });
      expect(later.headers["truce-read-from"]).toBe("replica");
      expect(ids(later.body)).toContain(id);
    });

    it("never sends writes to the replica", async () => {
      await onReplica("SELECT pg_wal_replay_pause()");
      const response = await inject({
        method: "POST",
        url: `${P}/sources`,
        payload: sampleInput("source", 4343),
      });
      expect(response.statusCode).toBe(201);
      await onReplica("SELECT pg_wal_replay_resume()");
    });
  },
);
