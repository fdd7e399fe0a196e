import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../src/core/accounts.ts";
import { checkChanges } from "../src/core/alert-check.ts";
import { DEFAULT_DELIVERY } from "../src/core/alert-delivery.ts";
import { AlertWorker } from "../src/core/alert-worker.ts";
import { createProcess } from "../src/core/create-process.ts";
import { createRecord } from "../src/core/create-record.ts";
import { importRecords } from "../src/core/import-records.ts";
import type { Services } from "../src/core/services.ts";
import { updateRecord } from "../src/core/update-record.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { buildApp } from "../src/server/app.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

type Hook = { id: string; body: Record<string, unknown>; isSigned: boolean };

/**
 * A webhook receiver that checks each body's HMAC against the key it was given and refuses the
 * first attempt of every delivery (a 500), so that each is delivered by a retry.
 */
async function startReceiver(): Promise<{
  url: string;
  keys: Map<string, string>;
  received: Hook[];
  refused: string[];
  server: Server;
}> {
  const keys = new Map<string, string>();
  const received: Hook[] = [];
  const refused: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks);
      const path = request.url ?? "";
      const id = String(request.headers["x-truce-delivery"]);
      const key = keys.get(path) ?? "";
      const want = Buffer.from(`sha256=${createHmac("sha256", key).update(raw).digest("hex")}`);
      const got = Buffer.from(String(request.headers["x-truce-signature-256"] ?? ""));
      const isSigned = want.length === got.length && timingSafeEqual(want, got);
      if (!refused.includes(id)) {
        refused.push(id);
        response.writeHead(500).end();
        return;
      }
      received.push({ id, body: JSON.parse(raw.toString("utf8")), isSigned });
      response.writeHead(isSigned ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, keys, received, refused, server };
}

/** An SMTP server in this process that keeps every message it is given. */
async function startSmtp(): Promise<{
  port: number;
  mails: Array<{ to: string[]; raw: string }>;
  server: SMTPServer;
}> {
  const mails: Array<{ to: string[]; raw: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        // The text as sent, its quoted-printable soft breaks and escapes undone.
        const raw = Buffer.concat(chunks)
          .toString("utf8")
          .replace(/=\r?\n/g, "")
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) =>
            String.fromCharCode(Number.parseInt(hex, 16)),
          );
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, server };
}

const OPERATOR = operatorCaller("test");
const SLUG = "alerts";

describe.each(STORE_NAMES)("alerts on %s", (storeName) => {
  let services: Services;
  let app: FastifyInstance;
  let worker: AlertWorker;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let clock = new Date("2026-03-01T08:00:00.000Z");
  let mediator: string;
  let viewer: string;
  const subscriptions: Record<string, string> = {};
  const errors: unknown[] = [];

  const as =
    (token: string) => (method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });

  async function subscribe(token: string, name: string, body: Record<string, unknown>) {
    const response = await as(token)("POST", "/api/subscriptions", { process: SLUG, ...body });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json() as { subscription: { id: string }; secret?: string };
    subscriptions[name] = created.subscription.id;
    if (body.channel === "webhook") {
      expect(created.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
      receiver.keys.set(new URL(String(body.target)).pathname, created.secret ?? "");
    }
    return created;
  }

  beforeAll(async () => {
    receiver = await startReceiver();
    smtp = await startSmtp();
    services = { ...(await openTestServices(storeName)), now: () => clock };
    await createProcess(services, { slug: SLUG, name: "Alerts" }, OPERATOR);
    await importRecords(
      services,
      SLUG,
      ["party-a", "party-b", "mission"].map((id) => ({
        at: id,
        record: { type: "actor", id, name: id, roles: ["organisation"] },
      })),
      { principal: OPERATOR },
    );
    app = await buildApp(services);
    const user = async (role: "mediator" | "viewer") =>
      (
        await addUser(
          services,
          { email: `${role}-alerts-${storeName}@test.example`, role },
          { token: true },
        )
      ).token ?? "";
    mediator = await user("mediator");
    viewer = await user("viewer");
    worker = new AlertWorker(services, {
      ...DEFAULT_DELIVERY,
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      mailFrom: "alerts@truce.test",
      retryBaseMs: 60_000,
      timeoutMs: 5_000,
      // The receiver listens on loopback, which servers refuse by default.
      allowPrivateTargets: true,
      publicUrl: "https://truce.example/",
      intervalMs: 3_600_000,
      onError: (error) => errors.push(error),
    });
    worker.start();
    // The process's cursor starts where it is now: what came before raises nothing.
    await checkChanges(services, SLUG);
  });
  afterAll(async () => {
    await worker?.stop();
    await app?.close();
    await services?.store.close();
    receiver?.server.close();
    await new Promise<void>((resolve) => (smtp ? smtp.server.close(() => resolve()) : resolve()));
  });

  it("subscribes signed-in users through the API, and refuses the public and bad rules", async () => {
    await subscribe(mediator, "mediatorOverdue", {
      rule: { type: "commitment_overdue" },
      channel: "webhook",
      target: `${receiver.url}/mediator-overdue`,
    });
    await subscribe(viewer, "viewerOverdue", {
      rule: { type: "commitment_overdue" },
      channel: "email",
      target: "viewer@field.example",
    });
    await subscribe(viewer, "viewerNear", {
      rule: { type: "incident_near", place: { name: "Post 7", lat: 40, lon: 45 }, km: 20 },
      channel: "webhook",
      target: `${receiver.url}/viewer-near`,
    });
    await subscribe(mediator, "mediatorDisagree", {
      rule: { type: "claims_disagree" },
      channel: "email",
      target: "mediator@office.example",
    });
    await subscribe(viewer, "viewerVerification", {
      rule: { type: "verification_changed", record_type: "incident" },
      channel: "webhook",
      target: `${receiver.url}/viewer-verification`,
    });
    const anonymous = await app.inject({
      method: "POST",
      url: "/api/subscriptions",
      payload: {
        process: SLUG,
        rule: { type: "claims_disagree" },
        channel: "email",
        target: "a@b.example",
      },
    });
    expect(anonymous.statusCode).toBe(401);
    const bad = await as(viewer)("POST", "/api/subscriptions", {
      process: SLUG,
      rule: { type: "incident_near", place: { lat: 95, lon: 45 }, km: 0 },
      channel: "webhook",
      target: "ftp://example.org/",
    });
    expect(bad.statusCode).toBe(422);
    const paths = (bad.json().issues as Array<{ path: string }>).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["rule.place.lat", "rule.km", "target"]));
    const list = await as(viewer)("GET", "/api/subscriptions");
    expect((list.json().items as unknown[]).length).toBe(3);
    // Another user's subscription is not there for the asking.
    const theirs = await as(viewer)("GET", `/api/subscriptions/${subscriptions.mediatorOverdue}`);
    expect(theirs.statusCode).toBe(404);
  });

  it("raises alerts on writes, after their commits, for what each subscriber may see", async () => {
    const write = (type: string, body: Record<string, unknown>) =>
      createRecord(services, SLUG, type, body, OPERATOR);
    const due = { value: "2026-02-10", precision: "day" };
    await write("commitment", {
      id: "c-public",
      summary: "Open the road",
      owners: ["party-a"],
      due,
      status: "open",
    });
    await write("commitment", {
      id: "c-secret",
      summary: "Hand over the maps",
      owners: ["party-b"],
      due,
      status: "open",
      visibility: "confidential",
    });
    await write("commitment", {
      id: "c-later",
      summary: "Later",
      owners: ["party-a"],
      due: { value: "2026-12", precision: "month" },
      status: "open",
    });
    const place = (lat: number, lon: number) => ({ name: "x", precision: "exact", lat, lon });
    const day = { value: "2026-02-28", precision: "day" };
    await write("incident", {
      id: "i-near",
      title: "Shots near post 7",
      kind: "shooting",
      date: day,
      place: place(40.1, 45.05),
    });
    await write("incident", {
      id: "i-far",
      title: "Far away",
      kind: "shooting",
      date: day,
      place: place(41, 46),
    });
    await write("incident", {
      id: "i-near-secret",
      title: "Confidential near",
      kind: "shooting",
      date: day,
      place: place(40, 45.01),
      visibility: "confidential",
    });
    await write("claim", {
      id: "claim-a",
      claimant: "party-a",
      subject: "incident",
      incident_id: "i-near",
      statement: "Two killed",
      figures: { killed: { civilians: 2 } },
    });
    await write("claim", {
      id: "claim-b",
      claimant: "party-b",
      subject: "incident",
      incident_id: "i-near",
      statement: "Nobody killed",
      figures: { killed: { civilians: 0 } },
    });
    await updateRecord(
      services,
      SLUG,
      "incident",
      "i-near",
      {
        title: "Shots near post 7",
        kind: "shooting",
        date: day,
        place: place(40.1, 45.05),
        verification: { status: "verified", reason: "Seen by the patrol", by: "mission" },
      },
      1,
      OPERATOR,
    );
    await worker.idle();
    // Every webhook's first attempt was refused: nothing has been taken yet.
    expect(receiver.received).toEqual([]);
    expect(receiver.refused.length).toBe(4);
    // E-mail went at once: the viewer's overdue commitment, the mediator's disagreeing claims.
    const viewerMail = smtp.mails.filter((m) => m.to.includes("viewer@field.example"));
    expect(viewerMail).toHaveLength(1);
    expect(viewerMail[0]?.raw).toContain("Open the road");
    expect(viewerMail[0]?.raw).not.toContain("Hand over the maps");
    expect(viewerMail[0]?.raw).toContain(
      "https://truce.example/commitments?process=alerts&id=c-public",
    );
    const mediatorMail = smtp.mails.filter((m) => m.to.includes("mediator@office.example"));
    expect(mediatorMail).toHaveLength(1);
    expect(mediatorMail[0]?.raw).toContain("claim-b");
    expect(mediatorMail[0]?.raw).toContain("claim-a");
  });

  it("retries refused webhooks with backoff, each body signed, and logs every attempt", async () => {
    // Not yet: the retry waits its minute.
    clock = new Date(clock.getTime() + 30_000);
    await worker.tick();
    expect(receiver.received).toEqual([]);
    clock = new Date(clock.getTime() + 31_000);
    await worker.tick();
    expect(receiver.received.every((hook) => hook.isSigned)).toBe(true);
    const byPath = (alert: string) =>
      receiver.received.filter((hook) => hook.body.alert === alert).map((hook) => hook.body);
    const overdue = byPath("commitment_overdue").map((body) => (body.record as { id: string }).id);
    // The mediator sees the confidential commitment; the later one is not overdue.
    expect(overdue.sort()).toEqual(["c-public", "c-secret"]);
    const near = byPath("incident_near");
    expect(near.map((body) => (body.record as { id: string }).id)).toEqual(["i-near"]);
    expect(near[0]?.link).toBe("https://truce.example/incidents?process=alerts&id=i-near");
    const verification = byPath("verification_changed");
    expect(verification).toHaveLength(1);
    expect(verification[0]?.summary).toContain("unverified → verified");

    const log = await as(mediator)(
      "GET",
      `/api/subscriptions/${subscriptions.mediatorOverdue}/deliveries?limit=1`,
    );
    expect(log.statusCode).toBe(200);
    const first = log.json() as {
      items: Array<{
        status: string;
        attempts: number;
        attempt_log: Array<{ ok: boolean; answer: string }>;
      }>;
      next_cursor: string | null;
    };
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({ status: "delivered", attempts: 2 });
    expect(first.items[0]?.attempt_log.map((a) => [a.ok, a.answer])).toEqual([
      [false, "HTTP 500"],
      [true, "HTTP 204"],
    ]);
    expect(first.next_cursor).not.toBeNull();
    const second = await as(mediator)(
      "GET",
      `/api/subscriptions/${subscriptions.mediatorOverdue}/deliveries?limit=1&cursor=${first.next_cursor}`,
    );
    expect(second.json().items).toHaveLength(1);
    expect(second.json().next_cursor).toBeNull();
    // The viewer may not read the mediator's log.
    const theirs = await as(viewer)(
      "GET",
      `/api/subscriptions/${subscriptions.mediatorOverdue}/deliveries`,
    );
    expect(theirs.statusCode).toBe(404);
  });

  it("tells of each alert once, and of a commitment that becomes overdue on the clock", async () => {
    const before = receiver.received.length + smtp.mails.length;
    await worker.tick();
    expect(receiver.received.length + smtp.mails.length).toBe(before);
    // December's commitment ends with the year's last month: overdue from 2027-01-01.
    clock = new Date("2027-01-01T06:00:00.000Z");
    await worker.tick();
    const mails = smtp.mails.filter((m) => m.to.includes("viewer@field.example"));
    expect(mails).toHaveLength(2);
    expect(mails[1]?.raw).toContain("Later");
  });

  it("withdraws a retry whose record the subscriber may no longer see", async () => {
    const place = { name: "x", precision: "exact", lat: 40.05, lon: 45.02 };
    const fields = {
      title: "Later shots near post 7",
      kind: "shooting",
      date: { value: "2026-12-30", precision: "day" },
      place,
    };
    await createRecord(services, SLUG, "incident", { id: "i-near-2", ...fields }, OPERATOR);
    await worker.idle();
    const refusedOnce = receiver.refused.length;
    expect(refusedOnce).toBeGreaterThan(4);
    // Restricted before the retry: the viewer may no longer see it, so it is not sent.
    await updateRecord(
      services,
      SLUG,
      "incident",
      "i-near-2",
      { ...fields, visibility: "confidential" },
      1,
      OPERATOR,
    );
    clock = new Date(clock.getTime() + 61_000);
    await worker.tick();
    expect(
      receiver.received.some((hook) => (hook.body.record as { id: string }).id === "i-near-2"),
    ).toBe(false);
    const log = await as(viewer)(
      "GET",
      `/api/subscriptions/${subscriptions.viewerNear}/deliveries`,
    );
    const latest = log.json().items[0] as {
      status: string;
      attempt_log: Array<{ answer: string }>;
    };
    expect(latest.status).toBe("failed");
    expect(latest.attempt_log.at(-1)?.answer).toBe(
      "withdrawn: the record is no longer one the subscriber may see",
    );
  });

  it("replaces a subscription: a webhook keeps its key, an e-mail turned webhook gets one", async () => {
    const put = (id: string, body: object) =>
      app.inject({
        method: "PUT",
        url: `/api/subscriptions/${id}`,
        headers: { authorization: `Bearer ${viewer}` },
        payload: { process: SLUG, ...body },
      });
    const kept = await put(subscriptions.viewerVerification ?? "", {
      rule: { type: "verification_changed" },
      channel: "webhook",
      target: `${receiver.url}/viewer-verification`,
    });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().secret).toBeUndefined();
    expect(kept.json().subscription).toMatchObject({
      has_secret: true,
      rule: { type: "verification_changed" },
    });
    const turned = await put(subscriptions.viewerOverdue ?? "", {
      rule: { type: "commitment_due", days_before: 3 },
      channel: "webhook",
      target: `${receiver.url}/viewer-due`,
    });
    expect(turned.json().secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const theirs = await app.inject({
      method: "PUT",
      url: `/api/subscriptions/${subscriptions.mediatorOverdue}`,
      headers: { authorization: `Bearer ${viewer}` },
      payload: {
        process: SLUG,
        rule: { type: "claims_disagree" },
        channel: "email",
        target: "x@y.example",
      },
    });
    expect(theirs.statusCode).toBe(404);
  });

  it("holds at most a hundred subscriptions per user", async () => {
    const { token } = await addUser(
      services,
      { email: `many-${storeName}@test.example`, role: "viewer" },
      { token: true },
    );
    const body = {
      process: SLUG,
      rule: { type: "claims_disagree" },
      channel: "email",
      target: "m@x.example",
    };
    for (let i = 0; i < 100; i++)
      expect((await as(token ?? "")("POST", "/api/subscriptions", body)).statusCode).toBe(201);
    const over = await as(token ?? "")("POST", "/api/subscriptions", body);
    expect(over.statusCode).toBe(409);
    const page = await as(token ?? "")("GET", "/api/subscriptions?limit=60");
    expect(page.json().items).toHaveLength(60);
    const rest = await as(token ?? "")(
      "GET",
      `/api/subscriptions?limit=60&cursor=${page.json().next_cursor}`,
    );
    expect(rest.json().items).toHaveLength(40);
    expect(rest.json().next_cursor).toBeNull();
  });

  it("unsubscribes: the subscription and its log are gone", async () => {
    const gone = await as(viewer)("DELETE", `/api/subscriptions/${subscriptions.viewerNear}`);
    expect(gone.statusCode).toBe(204);
    const again = await as(viewer)(
      "GET",
      `/api/subscriptions/${subscriptions.viewerNear}/deliveries`,
    );
    expect(again.statusCode).toBe(404);
    expect(errors).toEqual([]);
  });
});
