import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRecord } from "../src/core/create-record.ts";
import { exportBundle } from "../src/core/export-bundle.ts";
import { loadReferenceProcess } from "../src/core/load-reference-process.ts";
import type { Services } from "../src/core/services.ts";
import { verifyBundle } from "../src/core/verify-bundle.ts";
import { verifyLedger } from "../src/core/verify-ledger.ts";
import { OPERATOR, operatorCaller, PUBLIC, type Viewer } from "../src/domain/access.ts";
import { generatePrivateKeyPem, signerFromPem, type TreeHead } from "../src/ledger/signer.ts";
import { buildApp } from "../src/server/app.ts";
import { injectAs, tokenFor } from "./support/auth.ts";
import { sampleInput } from "./support/factories.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const SLUG = "armenia-azerbaijan";
const P = `/api/processes/${SLUG}`;
const NAME = "Vardan Exampleyan";

async function bundleOf(services: Services, viewer: Viewer, since?: number) {
  let text = "";
  for await (const chunk of exportBundle(services, SLUG, viewer, { since })) text += chunk;
  return { text, json: JSON.parse(text) as Record<string, unknown> & { [k: string]: unknown } };
}

describe.each(STORE_NAMES)("a record both parties can verify, on %s", (storeName) => {
  let services: Services;
  let app: FastifyInstance;
  let armToken: string;
  let mediatorToken: string;
  const armKey = generatePrivateKeyPem();

  beforeAll(async () => {
    services = await openTestServices(storeName);
    await loadReferenceProcess(services, operatorCaller("test"));
    await createRecord(
      services,
      SLUG,
      "incident",
      {
        ...sampleInput("incident", 3),
        id: "inc-aze-only",
        title: "Submission restricted to Azerbaijan",
        visibility: "restricted",
        restricted_to: "AZE",
      },
      operatorCaller("test"),
    );
    app = await buildApp(services, { rateLimit: 100_000 });
    armToken = await tokenFor(services, "delegate", { process: SLUG, party: "ARM" });
    mediatorToken = await tokenFor(services, "mediator", { process: SLUG });
  });
  afterAll(async () => {
    await app?.close();
    await services?.store.close();
  });

  const latestHead = async () =>
    (await app.inject(`${P}/ledger/heads?limit=1`)).json().heads[0] as TreeHead & {
      signature: string;
    };
  const cosign = (token: string | undefined, head: TreeHead, key = armKey) => {
    const signer = signerFromPem(key);
    return injectAs(
      app,
      token,
    )({
      method: "POST",
      url: `${P}/ledger/heads/${head.tree_size}/cosignatures`,
      payload: {
        public_key: signer.publicKeyPem,
        signature: Buffer.from(signer.sign(head)).toString("base64"),
      },
    });
  };

  it("lets a member co-sign the head the server signed, and no one else", async () => {
    const head = await latestHead();
    const statement = {
      process: head.process,
      tree_size: head.tree_size,
      root_hash: head.root_hash,
      timestamp: head.timestamp,
    };
    expect((await cosign(undefined, statement)).statusCode).toBe(401);
    const wrong = await cosign(armToken, { ...statement, root_hash: "00".repeat(32) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().issues[0].path).toBe("signature");
    const done = await cosign(armToken, statement);
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ party: "ARM" });
    expect((await cosign(armToken, statement)).statusCode).toBe(200);
    const listed = await latestHead();
    expect((listed as unknown as { cosignatures: Array<{ party: string }> }).cosignatures).toEqual([
      expect.objectContaining({ party: "ARM", key_id: done.json().key_id }),
    ]);
  });

  it("exports a bundle that verifies offline, shows who co-signed, and hides what the viewer may not see", async () => {
    const { text, json } = await bundleOf(services, { role: "delegate", party: "ARM" });
    expect(text).not.toContain("Submission restricted to Azerbaijan");
    const report = await verifyBundle(json);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.redacted).toBe(1);
    expect(report.cosignatures).toEqual([expect.objectContaining({ party: "ARM", valid: true })]);
    const full = await verifyBundle((await bundleOf(services, OPERATOR)).json);
    expect(full.ok).toBe(true);
    expect(full.redacted).toBe(0);
    expect(full.root_hash).toBe(report.root_hash);
  });

  it("detects tampering with a bundle: a record, an entry, a dropped entry, a forged co-signature", async () => {
    const { json } = await bundleOf(services, PUBLIC);
    const copy = () => JSON.parse(JSON.stringify(json)) as typeof json & Record<string, never[]>;
    const record = copy();
    (record.records as Array<Record<string, unknown>>)[0] = {
      ...(record.records as Array<Record<string, unknown>>)[0],
      name: "Forged",
    };
    expect((await verifyBundle(record)).problems[0]?.message).toMatch(/differs from what ledger/);

    const entry = copy();
    const entries = entry.entries as Array<{ content?: string }>;
    const target = entries.find((e) => e.content?.includes('"RUS"'));
    if (!target?.content) throw new Error("no entry to tamper with");
    target.content = target.content.replace('"RUS"', '"XXX"');
    expect((await verifyBundle(entry)).problems[0]?.message).toMatch(/leaf hash|columns/);

    const dropped = copy();
    (dropped.entries as unknown[]).splice(5, 1);
    expect((await verifyBundle(dropped)).ok).toBe(false);

    const forged = copy();
    const heads = forged.heads as Array<{ cosignatures: Array<{ signature: string }> }>;
    const cosigned = heads.find((h) => h.cosignatures.length > 0);
    if (!cosigned?.cosignatures[0]) throw new Error("no co-signature");
    cosigned.cosignatures[0].signature = Buffer.alloc(64, 1).toString("base64");
    const report = await verifyBundle(forged);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.message).join()).toMatch(/co-signature/);

    await expect(verifyBundle({ format: "something else" })).rejects.toThrow(/not a Truce bundle/);
  });

  it("proves that a later bundle extends an earlier one, and that a rewritten one does not", async () => {
    const earlier = (await bundleOf(services, PUBLIC)).json;
    const size = (earlier.heads as Array<{ tree_size: number }>).at(-1)?.tree_size ?? 0;
    await createRecord(services, SLUG, "source", sampleInput("source", 77), operatorCaller("t"));
    const later = (await bundleOf(services, PUBLIC, size)).json;
    const report = await verifyBundle(later, { earlier });
    expect(report.extends).toEqual({ first: size, second: size + 1, ok: true });
    expect(report.ok).toBe(true);

    // A history rewritten before the earlier bundle's end cannot pass as its extension.
    const rewritten = JSON.parse(JSON.stringify(earlier)) as typeof earlier;
    const last = (rewritten.heads as Array<{ root_hash: string }>).at(-1);
    if (last) last.root_hash = "ab".repeat(32);
    const bad = await verifyBundle(later, { earlier: rewritten });
    expect(bad.ok).toBe(false);
  });

  it("erases a detainee's personal data on request; the ledger still verifies and says so", async () => {
    const created = await injectAs(
      app,
      mediatorToken,
    )({
      method: "POST",
      url: `${P}/detainees`,
      payload: {
        ...sampleInput("detainee", 1),
        full_name: NAME,
        notes: "Seen in Goris",
        visibility: "confidential",
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(
      (
        await injectAs(
          app,
          armToken,
        )({
          method: "POST",
          url: `${P}/detainees/${id}/erase`,
          payload: { reason: "The person asked" },
        })
      ).statusCode,
    ).toBe(404);
    const monitor = await tokenFor(services, "monitor", { process: SLUG });
    const byMonitor = await injectAs(
      app,
      monitor,
    )({
      method: "POST",
      url: `${P}/detainees/${id}/erase`,
      payload: { reason: "The person asked" },
    });
    expect(byMonitor.statusCode).toBe(404);
    const erased = await injectAs(
      app,
      mediatorToken,
    )({
      method: "POST",
      url: `${P}/detainees/${id}/erase`,
      payload: { reason: "The person asked" },
    });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({
      full_name: "[erased]",
      erased: { reason: "The person asked" },
    });
    expect(erased.json().notes).toBeUndefined();

    const { rows } = await sql<{ n: string }>`
      SELECT (SELECT count(*) FROM record WHERE body::text LIKE ${`%${NAME}%`}) +
             (SELECT count(*) FROM ledger_entry WHERE content LIKE ${`%${NAME}%`}) AS n`.execute(
      services.store.db,
    );
    expect(Number(rows[0]?.n)).toBe(0);

    const report = await verifyLedger(services, SLUG);
    expect(report.problems).toEqual([]);
    expect(report.processes[0]?.erased).toEqual([expect.objectContaining({ record_id: id })]);
    const bundle = await verifyBundle((await bundleOf(services, OPERATOR)).json);
    expect(bundle.ok).toBe(true);
    expect(bundle.erased.map((e) => e.record_id)).toEqual([id]);
  });
});
