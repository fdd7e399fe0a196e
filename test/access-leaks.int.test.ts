import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportBundle } from "../src/core/export-bundle.ts";
import { loadReferenceProcess } from "../src/core/load-reference-process.ts";
import type { Services } from "../src/core/services.ts";
import { verifyBundle } from "../src/core/verify-bundle.ts";
import { operatorCaller, PUBLIC } from "../src/domain/access.ts";
import { buildApp } from "../src/server/app.ts";
import { injectAs, tokenFor } from "./support/auth.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const P = "/api/processes/armenia-azerbaijan";

describe.each(STORE_NAMES)("what a refusal may not tell, on %s", (storeName) => {
  let services: Services;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: ReturnType<typeof injectAs>;
  let delegate: ReturnType<typeof injectAs>;

  beforeAll(async () => {
    services = await openTestServices(storeName);
    await loadReferenceProcess(services, operatorCaller("test"));
    app = await buildApp(services, { rateLimit: 100_000 });
    admin = injectAs(app, await tokenFor(services, "admin"));
    delegate = injectAs(app, await tokenFor(services, "delegate", { party: "ARM" }));
  });
  afterAll(async () => {
    await app?.close();
    await services?.store.close();
  });

  it("a 409 on delete names the referring records the caller may see and only counts the others", async () => {
    const submission = await delegate({
      method: "POST",
      url: `${P}/sources`,
      payload: { title: "ARM submission", kind: "party_submission", author_id: "ARM" },
    });
    expect(submission.statusCode, submission.body).toBe(201);
    const id = submission.json().id as string;
    const claim = (visibility: string, n: number) =>
      admin({
        method: "POST",
        url: `${P}/claims`,
        payload: {
          id: `clm-leak-${visibility}-${n}`,
          claimant: "ARM",
          subject: "position",
          statement: `A ${visibility} position`,
          visibility,
          source_ids: [id],
        },
      });
    expect((await claim("public", 1)).statusCode).toBe(201);
    expect((await claim("confidential", 1)).statusCode).toBe(201);
    expect((await claim("confidential", 2)).statusCode).toBe(201);

    const refused = await delegate({
      method: "DELETE",
      url: `${P}/sources/${id}`,
      headers: { "if-match": '"1"' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).not.toContain("clm-leak-confidential");
    expect(refused.json().referrers).toEqual(["clm-leak-public-1"]);
    expect(refused.json().hidden_referrers).toBe(2);
    expect(refused.json().detail).toContain("2 records you may not see");

    // Those who may see them all are told them all.
    const byAdmin = await admin({
      method: "DELETE",
      url: `${P}/sources/${id}`,
      headers: { "if-match": '"1"' },
    });
    expect(byAdmin.json().referrers).toHaveLength(3);
    expect(byAdmin.json().hidden_referrers).toBe(0);
  });

  it("a record restricted and then deleted brings none of its earlier public versions back: not in its history, the ledger listing or a bundle", async () => {
    const id = "src-leak-restricted";
    const created = await admin({
      method: "POST",
      url: `${P}/sources`,
      payload: { id, title: "Once public", kind: "news" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const publicly = injectAs(app, undefined);
    const history = () => publicly({ method: "GET", url: `${P}/sources/${id}/history` });
    expect((await history()).statusCode).toBe(200);
    const restricted = await admin({
      method: "PUT",
      url: `${P}/sources/${id}`,
      headers: { "if-match": '"1"' },
      payload: { title: "Now confidential", kind: "news", visibility: "confidential" },
    });
    expect(restricted.statusCode, restricted.body).toBe(200);
    // A restricted latest version hides the earlier public one...
    expect((await history()).statusCode).toBe(404);
    const removed = await admin({
      method: "DELETE",
      url: `${P}/sources/${id}`,
      headers: { "if-match": '"2"' },
    });
    expect(removed.statusCode, removed.body).toBe(204);
    // ...and deleting it brings it back nowhere.
    expect((await history()).statusCode).toBe(404);
    const entries = await publicly({ method: "GET", url: `${P}/ledger/entries?from=0&limit=1000` });
    expect(entries.statusCode).toBe(200);
    expect(entries.body).not.toContain(id);
    expect(entries.body).not.toContain("Once public");
    let bundle = "";
    for await (const chunk of exportBundle(services, "armenia-azerbaijan", PUBLIC, {}))
      bundle += chunk;
    expect(bundle).not.toContain(id);
    expect((await verifyBundle(JSON.parse(bundle))).ok).toBe(true);
    // Those who could see its last version still see its whole history.
    expect(
      (await admin({ method: "GET", url: `${P}/sources/${id}/history` })).json(),
    ).toMatchObject({
      entries: [{ action: "create" }, { action: "update" }, { action: "delete" }],
    });
  });
});
