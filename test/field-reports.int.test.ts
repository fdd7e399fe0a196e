import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadReferenceProcess } from "../src/core/load-reference-process.ts";
import type { Services } from "../src/core/services.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { buildApp } from "../src/server/app.ts";
import { injectAs, tokenFor } from "./support/auth.ts";
import { sampleInput } from "./support/factories.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const P = "/api/processes/armenia-azerbaijan";
const PHOTO = readFileSync(new URL("./fixtures/photos/gps-photo.jpg", import.meta.url));
const PHOTO_SHA = createHash("sha256").update(PHOTO).digest("hex");

/**
 * Field reports (issue 22, decision 0031): photos stored by their hash, a report's time made
 * ledgered with it, and each change sent with an Idempotency-Key stored once however often it
 * arrives.
 */
describe.each(STORE_NAMES)("field reports on %s", (storeName) => {
  let services: Services;
  let app: FastifyInstance;
  let monitor: ReturnType<typeof injectAs>;
  let otherMonitor: ReturnType<typeof injectAs>;
  let mediator: ReturnType<typeof injectAs>;
  let publicCaller: ReturnType<typeof injectAs>;

  beforeAll(async () => {
    services = await openTestServices(storeName);
    await loadReferenceProcess(services, operatorCaller("test"));
    app = await buildApp(services, { rateLimit: 100_000 });
    monitor = injectAs(app, await tokenFor(services, "monitor"));
    otherMonitor = injectAs(app, await tokenFor(services, "monitor"));
    mediator = injectAs(app, await tokenFor(services, "mediator"));
    publicCaller = injectAs(app, undefined);
  });
  afterAll(async () => {
    await app?.close();
    await services?.store.close();
  });

  const ledgerSize = async () =>
    (await publicCaller(`${P}/ledger/head`)).json().tree_size as number;
  const putPhoto = (as: ReturnType<typeof injectAs>, sha: string, body: Buffer) =>
    as({
      method: "PUT",
      url: `${P}/photos/${sha}`,
      headers: { "content-type": "image/jpeg" },
      payload: body,
    });
  const report = (key: string, extra: Record<string, unknown> = {}) => ({
    method: "POST" as const,
    url: `${P}/patrols`,
    headers: { "idempotency-key": `"${key}"` },
    payload: {
      ...sampleInput("patrol", 7),
      reported_at: "2026-11-30T06:15:00+04:00",
      attachments: [{ sha256: PHOTO_SHA, media_type: "image/jpeg", size: PHOTO.length }],
      ...extra,
    },
  });

  it("stores a photo under its SHA-256 once, and refuses bytes that are not the hash named", async () => {
    const wrong = await putPhoto(monitor, "0".repeat(64), PHOTO);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().issues[0]).toMatchObject({ path: "sha256" });
    expect((await putPhoto(publicCaller, PHOTO_SHA, PHOTO)).statusCode).toBe(401);
    const notImage = Buffer.from("not a photo at all");
    const notImageSha = createHash("sha256").update(notImage).digest("hex");
    expect((await putPhoto(monitor, notImageSha, notImage)).statusCode).toBe(422);
    for (let attempt = 0; attempt < 2; attempt++) {
      const stored = await putPhoto(monitor, PHOTO_SHA, PHOTO);
      expect(stored.statusCode, stored.body).toBe(200);
      expect(stored.json()).toEqual({
        sha256: PHOTO_SHA,
        media_type: "image/jpeg",
        size: PHOTO.length,
      });
    }
    // Before any record attaches it, only its sender reads it back.
    expect((await monitor(`${P}/photos/${PHOTO_SHA}`)).statusCode).toBe(200);
    expect((await publicCaller(`${P}/photos/${PHOTO_SHA}`)).statusCode).toBe(404);
  });

  it("stores a report sent three times once, with its time made in the ledger and its arrival as the entry's time", async () => {
    const before = await ledgerSize();
    const answers = [];
    for (let attempt = 0; attempt < 3; attempt++) answers.push(await monitor(report("patrol-a")));
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201]);
    const [first, ...repeats] = answers.map((answer) => answer.json());
    for (const repeat of repeats) expect(repeat).toEqual(first);
    expect(answers[0]?.headers["idempotent-replayed"]).toBeUndefined();
    expect(answers[2]?.headers["idempotent-replayed"]).toBe("true");
    expect(await ledgerSize()).toBe(before + 1);
    expect(first).toMatchObject({
      reported_at: "2026-11-30T06:15:00+04:00",
      attachments: [{ sha256: PHOTO_SHA }],
    });

    const history = (await monitor(`${P}/patrols/${first.id}/history`)).json().entries;
    expect(history).toHaveLength(1);
    expect(JSON.stringify(history[0].content)).toContain("2026-11-30T06:15:00+04:00");
    expect(JSON.stringify(history[0].content)).toContain(PHOTO_SHA);
    expect(history[0].at).not.toContain("2026-11-30");

    // Once a public record attaches it, the public sees the photo, byte for byte.
    const photo = await publicCaller(`${P}/photos/${PHOTO_SHA}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers["content-type"]).toBe("image/jpeg");
    expect(Buffer.compare(photo.rawPayload, PHOTO)).toBe(0);
  });

  it("stores two copies sent at the same moment once: the key is checked under the process's lock", async () => {
    const before = await ledgerSize();
    const answers = await Promise.all([
      monitor(report("patrol-twice")),
      monitor(report("patrol-twice")),
      monitor(report("patrol-twice")),
    ]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.json().id)).size).toBe(1);
    expect(answers.filter((answer) => answer.headers["idempotent-replayed"])).toHaveLength(2);
    expect(await ledgerSize()).toBe(before + 1);
  });

  it("refuses a key sent again with another report, and keeps each user's keys apart", async () => {
    const changed = await monitor(report("patrol-a", { observations: "Another night" }));
    expect(changed.statusCode).toBe(422);
    expect(changed.json().issues[0]).toMatchObject({ path: "Idempotency-Key" });
    // Another monitor's key of the same name is another report.
    const theirs = await otherMonitor(report("patrol-a"));
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers["idempotent-replayed"]).toBeUndefined();
    const malformed = await monitor({ ...report("x"), headers: { "idempotency-key": "" } });
    expect(malformed.statusCode).toBe(400);
  });

  it("refuses a report attaching a photo that was never sent, naming it", async () => {
    const missing = "a".repeat(64);
    const before = await ledgerSize();
    const answer = await monitor(
      report("patrol-missing", {
        attachments: [{ sha256: missing, media_type: "image/jpeg", size: 10 }],
      }),
    );
    expect(answer.statusCode).toBe(422);
    expect(answer.json().issues[0]).toMatchObject({ path: "attachments.0.sha256" });
    expect(await ledgerSize()).toBe(before);
    // Nothing was remembered for the failed key: sent right, it is stored.
    expect((await monitor(report("patrol-missing"))).statusCode).toBe(201);
  });

  it("hides a confidential report's photo from those who may not see the report", async () => {
    const secret = Buffer.concat([PHOTO, Buffer.from([0])]);
    const secretSha = createHash("sha256").update(secret).digest("hex");
    expect((await putPhoto(mediator, secretSha, secret)).statusCode).toBe(200);
    const created = await mediator(
      report("secret", {
        visibility: "confidential",
        attachments: [{ sha256: secretSha, media_type: "image/jpeg", size: secret.length }],
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    expect((await mediator(`${P}/photos/${secretSha}`)).statusCode).toBe(200);
    expect((await monitor(`${P}/photos/${secretSha}`)).statusCode).toBe(404);
    expect((await publicCaller(`${P}/photos/${secretSha}`)).statusCode).toBe(404);
  });

  it("answers an update sent again as the first time, and a record changed meanwhile with 412", async () => {
    const created = (await monitor(report("patrol-to-edit"))).json();
    const update = (key: string, version: number, observations: string) =>
      monitor({
        method: "PUT",
        url: `${P}/patrols/${created.id}`,
        headers: { "if-match": `"${version}"`, "idempotency-key": key },
        payload: { ...created, observations },
      });
    const first = await update("edit-1", 1, "Shots heard at 02:10");
    expect(first.statusCode, first.body).toBe(200);
    const again = await update("edit-1", 1, "Shots heard at 02:10");
    expect(again.statusCode).toBe(200);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json()).toEqual(first.json());
    expect((await monitor(`${P}/patrols/${created.id}`)).json().version).toBe(2);
    // Made offline against version 1, after someone else's change: the conflict is shown.
    const stale = await update("edit-2", 1, "Quiet");
    expect(stale.statusCode).toBe(412);
    const stored = (await monitor(`${P}/patrols/${created.id}`)).json();
    expect(stored).toMatchObject({ version: 2, observations: "Shots heard at 02:10" });
  });
});
