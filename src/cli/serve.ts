import { AlertWorker } from "../core/alert-worker.ts";
import { keepCheckpointing } from "../core/embedded-checkpoints.ts";
import { loadReferenceIfEmpty } from "../core/load-reference-process.ts";
import { openServices } from "../core/open-services.ts";
import { operatorCaller } from "../domain/access.ts";
import { OverviewMemory } from "../read-model/overview-memory.ts";
import { buildApp } from "../server/app.ts";
import { alertSettingsFromEnv } from "./alert-settings.ts";
import { type Command, UsageError } from "./command.ts";
import { warnAs } from "./with-services.ts";

export const serveCommand: Command = {
  name: "serve",
  summary:
    "Serve the API (and the web app) on http://HOST:PORT; with --demo an empty store gets the example process",
  usage: `truce serve [--port 8080] [--host 127.0.0.1] [--demo]

  --demo  on an empty store, load the example process first (what npm start does); without it
          an empty store stays empty until a process is created (truce process create FILE)`,
  options: { port: { type: "string" }, host: { type: "string" }, demo: { type: "boolean" } },
  run: async (values) => {
    const port = Number(values.port ?? process.env.TRUCE_PORT ?? 8080);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be 0-65535; got ${values.port}`);
    // Loopback only by default: until accounts land, whoever reaches the server can change the record.
    const host = (values.host as string | undefined) ?? process.env.TRUCE_HOST ?? "127.0.0.1";
    // How long the web app keeps a sign-in with no connection (decision 0031); unset, 72 hours.
    const offlineHours =
      process.env.TRUCE_OFFLINE_SIGNIN_HOURS === undefined
        ? undefined
        : Number(process.env.TRUCE_OFFLINE_SIGNIN_HOURS);
    if (offlineHours !== undefined && (!Number.isFinite(offlineHours) || offlineHours < 0))
      throw new UsageError(
        `TRUCE_OFFLINE_SIGNIN_HOURS must be a number of hours, 0 or more; got ${process.env.TRUCE_OFFLINE_SIGNIN_HOURS}`,
      );
    // Unset, the overview's memory has its default (DEFAULT_OVERVIEW_MEMORY_BYTES).
    const overviewMb =
      process.env.TRUCE_OVERVIEW_MEMORY_MB === undefined
        ? undefined
        : Number(process.env.TRUCE_OVERVIEW_MEMORY_MB);
    if (overviewMb !== undefined && (!Number.isFinite(overviewMb) || overviewMb < 0))
      throw new UsageError(
        `TRUCE_OVERVIEW_MEMORY_MB must be a number of MB, 0 or more; got ${process.env.TRUCE_OVERVIEW_MEMORY_MB}`,
      );
    // Checked before the store opens: a mistyped SMTP URL is said at once, not at the first alert.
    const alertSettings = alertSettingsFromEnv(process.env, () => undefined);
    const services = await openServices(process.env, "serve", undefined, {
      warn: warnAs("serve"),
    });
    try {
      const loaded = values.demo
        ? await loadReferenceIfEmpty(services, operatorCaller("serve"))
        : null;
      if (loaded)
        process.stderr.write(
          `Empty store: loaded the example process (${loaded.created} records).\n`,
        );
      const app = await buildApp(services, {
        logger: process.env.TRUCE_LOG !== "off",
        trustProxy: process.env.TRUCE_TRUST_PROXY === "1",
        mapStyleUrl: process.env.TRUCE_MAP_STYLE_URL,
        offlineSignInHours: offlineHours,
      });
      // The overview answers from memory once a process's index is built (decision 0020).
      services.overviews = new OverviewMemory({
        budgetBytes: overviewMb === undefined ? undefined : overviewMb * 2 ** 20,
        onError: (error) => app.log.warn({ err: error }, "overview index failed"),
      });
      // Other servers may write to the same PostgreSQL: notice their writes within a second, so
      // cached reads here never lag further behind. (An embedded store has no other writer.)
      const poll =
        services.store.kind === "postgres"
          ? setInterval(() => {
              const replica = services.store.readDb;
              Promise.all([
                services.versions.refresh(services.store.db),
                replica ? services.replicaVersions?.refresh(replica) : undefined,
              ]).catch((error: unknown) => app.log.warn({ err: error }, "version poll failed"));
            }, 1000)
          : undefined;
      const stopCheckpoints = keepCheckpointing(services, (error) =>
        app.log.warn({ err: error }, "checkpoint failed"),
      );
      // Alerts (decision 0030): checked after each commit and on a timer, outside any write.
      const alerts = new AlertWorker(services, {
        ...alertSettings,
        // Links in alerts need a host: this server's own address, unless the public one is set.
        publicUrl:
          alertSettings.publicUrl ?? `http://${host.includes(":") ? `[${host}]` : host}:${port}/`,
        onError: (error) => app.log.warn({ err: error }, "alerts failed"),
      });
      alerts.start();
      app.addHook("onClose", async () => {
        clearInterval(poll);
        stopCheckpoints();
        await alerts.stop();
      });
      const address = await app.listen({ port, host }).catch(async (error: unknown) => {
        // Nothing listens (the port is taken): stop the timers, so the command ends with its error.
        await app.close();
        throw error;
      });
      services.store.announce(address);
      process.stderr.write(
        `Truce is serving ${services.store.kind} store ${services.store.location} at ${address}\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await app.close();
    } finally {
      await services.store.close();
    }
    return 0;
  },
};
