import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser, disableAccount, LOGIN_BACKOFF, SESSION_HOURS } from "../src/core/accounts.ts";
import { loadReferenceProcess } from "../src/core/load-reference-process.ts";
import type { Services } from "../src/core/services.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { buildApp } from "../src/server/app.ts";
import { sampleInput } from "./support/factories.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const P = "/api/processes/armenia-azerbaijan";
const PASSWORD = "a long enough passphrase";

function sessionCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : [setCookie ?? ""];
  const cookie = all.find((c) => c.startsWith("truce_session="));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(setCookie)}`);
  return cookie.split(";")[0] as string;
}

describe.each(STORE_NAMES)("signing in, sessions and tokens, on %s", (storeName) => {
  let services: Services;
  let app: FastifyInstance;
  const logs: string[] = [];
  let clock = Date.now();

  beforeAll(async () => {
    const opened = await openTestServices(storeName);
    services = { ...opened, now: () => new Date(clock) };
    await loadReferenceProcess(services, operatorCaller("test"));
    app = await buildApp(services, {
      rateLimit: 100_000,
      logStream: { write: (line: string) => void logs.push(line) },
    });
  });
  afterAll(async () => {
    await app?.close();
    await services?.store.close();
  });

  const signIn = (email: string, password: string, ip = "10.0.0.1") =>
    app.inject({
      method: "POST",
      url: "/api/session",
      payload: { email, password },
      remoteAddress: ip,
    });

  it("signs in with a password, says who you are, and needs the CSRF token for cookie writes", async () => {
    await addUser(services, {
      email: "mediator@example.org",
      role: "mediator",
      password: PASSWORD,
    });
    const response = await signIn("Mediator@Example.org", PASSWORD);
    expect(response.statusCode, response.body).toBe(201);
    const setCookie = String(response.headers["set-cookie"]);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = sessionCookie(response.headers["set-cookie"]);
    const { csrf_token } = response.json();

    const me = (await app.inject({ url: "/api/session", headers: { cookie } })).json();
    expect(me.user.email).toBe("mediator@example.org");
    expect(me.memberships).toEqual([{ process: null, role: "mediator", party: null }]);
    expect(me.csrf_token).toBe(csrf_token);

    const write = (headers: Record<string, string>) =>
      app.inject({
        method: "POST",
        url: `${P}/sources`,
        headers: { cookie, ...headers },
        payload: sampleInput("source", 901),
      });
    const withoutToken = await write({});
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().detail).toMatch(/CSRF/);
    expect((await write({ "x-csrf-token": "guessed" })).statusCode).toBe(403);
    expect((await write({ "x-csrf-token": csrf_token })).statusCode).toBe(201);

    const out = await app.inject({
      method: "DELETE",
      url: "/api/session",
      headers: { cookie, "x-csrf-token": csrf_token },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/Max-Age=0/);
    const after = await app.inject({ url: `${P}/sources`, headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it("behind a trusted proxy, takes the client's address from the proxy's hop, not from what the client wrote", async () => {
    const behindProxy = await buildApp(services, { rateLimit: 100_000, trustProxy: true });
    try {
      await addUser(services, { email: "forger@example.org", role: "viewer", password: PASSWORD });
      const attempt = (forged: string) =>
        behindProxy.inject({
          method: "POST",
          url: "/api/session",
          // The client wrote the first entry; the proxy appended the address it saw.
          headers: { "x-forwarded-for": `${forged}, 10.9.9.9` },
          remoteAddress: "127.0.0.1",
          payload: { email: "forger@example.org", password: "a wrong guess here" },
        });
      const answers: number[] = [];
      for (let i = 0; i < LOGIN_BACKOFF.pair.free + 1; i += 1) {
        answers.push((await attempt(`203.0.113.${i}`)).statusCode);
      }
      // A new forged address each time did not make each guess a first one.
      expect(answers.at(-1)).toBe(429);
    } finally {
      await behindProxy.close();
    }
  });

  it("marks the session cookie Secure when served over TLS behind a trusted proxy", async () => {
    const behindProxy = await buildApp(services, { rateLimit: 100_000, trustProxy: true });
    try {
      await addUser(services, { email: "tls@example.org", role: "viewer", password: PASSWORD });
      const response = await behindProxy.inject({
        method: "POST",
        url: "/api/session",
        headers: { "x-forwarded-proto": "https" },
        payload: { email: "tls@example.org", password: PASSWORD },
      });
      expect(response.statusCode).toBe(201);
      expect(String(response.headers["set-cookie"])).toMatch(/; Secure/);
      const plain = await signIn("tls@example.org", PASSWORD);
      expect(String(plain.headers["set-cookie"])).not.toMatch(/Secure/);
    } finally {
      await behindProxy.close();
    }
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    const wrong = await signIn("mediator@example.org", "not the passphrase", "10.0.0.2");
    const unknown = await signIn("nobody@example.org", "not the passphrase", "10.0.0.2");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it("slows sign-ins after repeated failures, and no stranger can lock an account", async () => {
    await addUser(services, { email: "target@example.org", role: "viewer", password: PASSWORD });
    // A stranger guessing from many addresses slows the account down, for a minute at most.
    for (let i = 0; i < LOGIN_BACKOFF.email.free + 6; i += 1) {
      await signIn("target@example.org", `guess ${i}`, `10.1.0.${i}`);
    }
    const slowed = await signIn("target@example.org", PASSWORD, "10.1.1.1");
    expect(slowed.statusCode).toBe(429);
    expect(slowed.headers["content-type"]).toContain("application/problem+json");
    expect(slowed.json().retry_after).toBeGreaterThan(0);
    expect(slowed.json().retry_after).toBeLessThanOrEqual(LOGIN_BACKOFF.email.capSeconds);
    clock += slowed.json().retry_after * 1000;
    expect((await signIn("target@example.org", PASSWORD, "10.1.1.1")).statusCode).toBe(201);
  });

  it("backs off one address's guesses at one account, doubling the wait", async () => {
    await addUser(services, { email: "guessed@example.org", role: "viewer", password: PASSWORD });
    const waits: number[] = [];
    for (let i = 0; i < LOGIN_BACKOFF.pair.free + 3; i += 1) {
      const answer = await signIn("guessed@example.org", `guess ${i}`, "10.2.0.1");
      if (answer.statusCode === 429) {
        waits.push(answer.json().retry_after);
        clock += answer.json().retry_after * 1000;
        await signIn("guessed@example.org", `guess ${i}`, "10.2.0.1");
      }
    }
    // Each wait twice the one before it, from the failure that set it.
    expect(waits).toEqual([1, 2, 4]);
    // The guessing address waits on; the owner, elsewhere, waits at most the account's minute.
    const owner = await signIn("guessed@example.org", PASSWORD, "10.2.0.2");
    const ownerWait = owner.statusCode === 429 ? owner.json().retry_after : 0;
    expect(ownerWait).toBeLessThanOrEqual(LOGIN_BACKOFF.email.capSeconds);
    clock += ownerWait * 1000;
    expect((await signIn("guessed@example.org", PASSWORD, "10.2.0.2")).statusCode).toBe(201);
  });

  it("answers 401 to a forged session, a forged token and an expired session", async () => {
    const forgedCookie = await app.inject({
      url: `${P}/incidents`,
      headers: { cookie: "truce_session=forged-secret" },
    });
    expect(forgedCookie.statusCode).toBe(401);
    expect(String(forgedCookie.headers["set-cookie"])).toMatch(/Max-Age=0/);
    const forgedToken = await app.inject({
      url: `${P}/incidents`,
      headers: { authorization: "Bearer truce_forged" },
    });
    expect(forgedToken.statusCode).toBe(401);
    const notBearer = await app.inject({
      url: `${P}/incidents`,
      headers: { authorization: "Basic dXNlcjpwYXNz" },
    });
    expect(notBearer.statusCode).toBe(401);

    await addUser(services, { email: "short@example.org", role: "viewer", password: PASSWORD });
    const cookie = sessionCookie(
      (await signIn("short@example.org", PASSWORD)).headers["set-cookie"],
    );
    expect((await app.inject({ url: `${P}/incidents`, headers: { cookie } })).statusCode).toBe(200);
    clock += (SESSION_HOURS + 1) * 3_600_000;
    expect((await app.inject({ url: `${P}/incidents`, headers: { cookie } })).statusCode).toBe(401);
    // A stale cookie does not stand in the way of signing in again.
    const again = await app.inject({
      method: "POST",
      url: "/api/session",
      headers: { cookie },
      payload: { email: "short@example.org", password: PASSWORD },
    });
    expect(again.statusCode).toBe(201);
  });

  it("disables a user: their session and token stop working at once, and sign-in is refused", async () => {
    const { token } = await addUser(
      services,
      { email: "leaving@example.org", role: "monitor", password: PASSWORD },
      { token: true },
    );
    const cookie = sessionCookie(
      (await signIn("leaving@example.org", PASSWORD)).headers["set-cookie"],
    );
    const read = (headers: Record<string, string>) =>
      app.inject({ url: `${P}/incidents`, headers });
    expect((await read({ cookie })).statusCode).toBe(200);
    expect((await read({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
    await disableAccount(services, "leaving@example.org");
    expect((await read({ cookie })).statusCode).toBe(401);
    expect((await read({ authorization: `Bearer ${token}` })).statusCode).toBe(401);
    expect((await signIn("leaving@example.org", PASSWORD, "10.9.0.1")).statusCode).toBe(401);
    await expect(disableAccount(services, "nobody@example.org")).rejects.toThrow(/No user/);
  });

  it("takes API tokens without CSRF, as scripts send them", async () => {
    const { token } = await addUser(
      services,
      { email: "script@example.org", role: "admin" },
      { token: true },
    );
    const response = await app.inject({
      method: "POST",
      url: `${P}/sources`,
      headers: { authorization: `Bearer ${token}` },
      payload: sampleInput("source", 902),
    });
    expect(response.statusCode, response.body).toBe(201);
  });

  it("writes no password, token or session secret to its logs", async () => {
    logs.length = 0;
    const { token } = await addUser(
      services,
      { email: "logged@example.org", role: "viewer", password: PASSWORD },
      { token: true },
    );
    const signedIn = await signIn("logged@example.org", PASSWORD);
    const cookie = sessionCookie(signedIn.headers["set-cookie"]);
    await app.inject({ url: `${P}/incidents`, headers: { cookie } });
    await app.inject({ url: `${P}/incidents`, headers: { authorization: `Bearer ${token}` } });
    const text = logs.join("\n");
    expect(text).toContain("/api/session");
    for (const secret of [PASSWORD, String(token), cookie.split("=")[1] as string]) {
      expect(text).not.toContain(secret);
    }
  });

  it("sends pages and API answers with a CSP that forbids inline scripts and framing", async () => {
    const api = await app.inject("/api/health");
    expect(api.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    const page = await app.inject("/");
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("frame-ancestors 'none'");
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1];
    // Scripts may come from the app's own origin or from nowhere: no inline code, no eval.
    const sources = scriptSrc?.trim().split(/\s+/) ?? [];
    expect(sources.length, csp).toBeGreaterThan(0);
    for (const source of sources) expect(["'none'", "'self'"], csp).toContain(source);
  });
});
