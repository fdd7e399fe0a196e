import { describe, expect, it } from "vitest";
import { DEFAULT_DELIVERY, nextAttemptAt, refusedTarget, signBody } from "./alert-delivery.ts";

describe("alert delivery", () => {
  it("signs a body as GitHub does: sha256= and the HMAC-SHA256 in hex", () => {
    // RFC 4231 test case 2.
    expect(signBody("Jefe", "what do ya want for nothing?")).toBe(
      "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("waits twice as long before each further attempt", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const waits = [1, 2, 3, 4].map(
      (attempts) =>
        (nextAttemptAt(now, attempts, DEFAULT_DELIVERY).getTime() - now.getTime()) / 60_000,
    );
    expect(waits).toEqual([1, 2, 4, 8]);
  });

  it("refuses webhooks to loopback, private and link-local addresses unless allowed", async () => {
    for (const url of [
      "http://127.0.0.1:8080/",
      "http://10.1.2.3/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://localhost/",
    ])
      expect(await refusedTarget(url, false), url).toMatch(/^refused: /);
    expect(await refusedTarget("http://93.184.215.14/", false)).toBeUndefined();
    expect(await refusedTarget("http://127.0.0.1/", true)).toBeUndefined();
  });
});
