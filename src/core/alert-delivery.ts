import { createHmac } from "node:crypto";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import { viewerIn } from "../domain/access.ts";
import type { AlertRule } from "../domain/alert-rules.ts";
import { describeRule } from "../domain/alert-rules.ts";
import { findRecords } from "../store/record.repository.ts";
import {
  claimDueDeliveries,
  type DueDelivery,
  recordAttempt,
} from "../store/subscription.repository.ts";
import type { Services } from "./services.ts";

/** How alerts leave the server: the SMTP server for e-mail, and how hard to try (decision 0030). */
export type DeliverySettings = {
  /** The SMTP server, as nodemailer takes it: `smtp://user:pass@host:587`, `smtps://...`. */
  smtpUrl?: string | undefined;
  /** The e-mails' From address. */
  mailFrom: string;
  /** The wait before the second attempt; each later one waits twice as long as the one before. */
  retryBaseMs: number;
  /** Attempts before a delivery is given up as failed. */
  maxAttempts: number;
  /** How long a webhook's receiver has to answer. */
  timeoutMs: number;
  /**
   * Whether webhooks may go to loopback, private and link-local addresses. Off by default: any
   * signed-in user can name a webhook, and the server must not become their way into its own
   * network (a metadata service, a database's HTTP port). TRUCE_WEBHOOK_PRIVATE=1 turns it on.
   */
  allowPrivateTargets: boolean;
};

export const DEFAULT_DELIVERY: DeliverySettings = {
  mailFrom: "Truce <truce@localhost>",
  retryBaseMs: 60_000,
  maxAttempts: 8,
  timeoutMs: 10_000,
  allowPrivateTargets: false,
};

const PRIVATE_NETWORKS = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const)
  PRIVATE_NETWORKS.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
] as const)
  PRIVATE_NETWORKS.addSubnet(network, prefix, "ipv6");

/** The IPv4 address an IPv4-mapped IPv6 one (::ffff:7f00:1, ::ffff:127.0.0.1) stands for. */
function mappedIpv4(address: string): string | undefined {
  const match = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!match) return undefined;
  if (match[1]) return match[1];
  const high = Number.parseInt(match[2] ?? "0", 16);
  const low = Number.parseInt(match[3] ?? "0", 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/**
 * Why a webhook's URL may not be called, or undefined when it may: every address its host
 * resolves to must be a public one, unless private targets are allowed.
 */
export async function refusedTarget(
  url: string,
  allowPrivate: boolean,
): Promise<string | undefined> {
  if (allowPrivate) return undefined;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await lookup(host, { all: true }).catch(() => []);
  if (addresses.length === 0) return `${host} does not resolve`;
  const inside = addresses.find(({ address, family }) => {
    const mapped = family === 6 ? mappedIpv4(address) : undefined;
    if (mapped) return PRIVATE_NETWORKS.check(mapped, "ipv4");
    return PRIVATE_NETWORKS.check(address, family === 6 ? "ipv6" : "ipv4");
  });
  return inside
    ? `refused: ${host} is a private address (${inside.address}); TRUCE_WEBHOOK_PRIVATE=1 allows it`
    : undefined;
}

/** The header a webhook's body is signed in, as GitHub's X-Hub-Signature-256: `sha256=<hex>`. */
export const SIGNATURE_HEADER = "x-truce-signature-256";

/** The signature of a webhook body with the subscription's key: HMAC-SHA256, hex, prefixed. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** When the attempt after `attempts` failed ones is due: base, 2×base, 4×base... */
export function nextAttemptAt(now: Date, attempts: number, settings: DeliverySettings): Date {
  return new Date(now.getTime() + settings.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

type Outcome = { ok: boolean; answer: string };

async function postWebhook(delivery: DueDelivery, settings: DeliverySettings): Promise<Outcome> {
  const refused = await refusedTarget(delivery.target, settings.allowPrivateTargets);
  if (refused) return { ok: false, answer: refused };
  const body = JSON.stringify({ delivery: delivery.id, ...delivery.event });
  const response = await fetch(delivery.target, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "Truce-Alerts",
      "x-truce-event": String(delivery.event.alert),
      "x-truce-delivery": delivery.id,
      [SIGNATURE_HEADER]: signBody(delivery.secret ?? "", body),
    },
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(settings.timeoutMs),
  });
  // The answer's body is not read into the log: only whether it was taken.
  await response.body?.cancel();
  return { ok: response.ok, answer: `HTTP ${response.status}` };
}

const transports = new Map<string, Transporter>();

function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

function mailText(delivery: DueDelivery): string {
  const event = delivery.event;
  const rule = event.rule as AlertRule;
  return [
    String(event.summary),
    "",
    `Process: ${event.process}`,
    `Rule: ${describeRule(rule)}`,
    ...(event.link ? [`Record: ${event.link}`] : []),
    "",
    "The record as you may see it:",
    JSON.stringify(event.record, null, 2),
    ...(event.other
      ? ["", "The claim it disagrees with:", JSON.stringify(event.other, null, 2)]
      : []),
    "",
    `Delivery ${delivery.id}; manage your subscriptions on the alerts page.`,
  ].join("\n");
}

async function sendMail(delivery: DueDelivery, settings: DeliverySettings): Promise<Outcome> {
  if (!settings.smtpUrl) return { ok: false, answer: "no SMTP server is set (TRUCE_SMTP_URL)" };
  const info = await transportFor(settings.smtpUrl).sendMail({
    from: settings.mailFrom,
    to: delivery.target,
    subject: `[Truce ${delivery.event.process}] ${String(delivery.event.summary).slice(0, 150)}`,
    text: mailText(delivery),
    headers: { "X-Truce-Delivery": delivery.id, "X-Truce-Event": String(delivery.event.alert) },
  });
  return { ok: true, answer: String(info.response ?? "accepted").slice(0, 300) };
}

/**
 * Why an alert may no longer be sent to its subscriber, or undefined: their account is disabled,
 * or a record it carries is one they may no longer see (restricted since, or deleted). Checked
 * before every attempt, since retries can come hours after the alert was raised.
 */
async function withdrawn(services: Services, delivery: DueDelivery): Promise<string | undefined> {
  if (delivery.is_disabled) return "withdrawn: the subscriber's account is disabled";
  const viewer = viewerIn(
    { id: `user:${delivery.user_id}`, memberships: delivery.memberships },
    delivery.process_id,
  );
  const ids = [delivery.event.record, delivery.event.other]
    .map((record) => (record as { id?: unknown } | undefined)?.id)
    .filter((id): id is string => typeof id === "string");
  const visible = await findRecords(services.store.db, delivery.process_id, ids, viewer);
  return visible.length === new Set(ids).size
    ? undefined
    : "withdrawn: the record is no longer one the subscriber may see";
}

async function attempt(delivery: DueDelivery, settings: DeliverySettings): Promise<Outcome> {
  try {
    return delivery.channel === "webhook"
      ? await postWebhook(delivery, settings)
      : await sendMail(delivery, settings);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      ok: false,
      answer: `${(error as Error).message}${cause ? ` (${cause})` : ""}`.slice(0, 300),
    };
  }
}

/**
 * Sends the alerts whose attempt is due, a batch at a time, and logs each attempt on its
 * delivery: delivered, or tried again after a wait that doubles each time, until `maxAttempts`.
 * Returns how many attempts were made.
 */
export async function deliverDue(
  services: Services,
  settings: DeliverySettings,
  batch = 20,
): Promise<number> {
  let made = 0;
  for (;;) {
    const now = services.now();
    // Held for twice the time an attempt may take: past that, another server may try it.
    const lease = new Date(now.getTime() + 2 * settings.timeoutMs + 60_000);
    const due = await claimDueDeliveries(services.store.db, now, lease, batch);
    if (due.length === 0) return made;
    await Promise.all(
      due.map(async (delivery) => {
        const reason = await withdrawn(services, delivery);
        const outcome = reason ? { ok: false, answer: reason } : await attempt(delivery, settings);
        const at = services.now();
        const attempts = delivery.attempts + 1;
        const isLast = reason !== undefined || (!outcome.ok && attempts >= settings.maxAttempts);
        await recordAttempt(services.store.db, delivery.id, {
          status: outcome.ok ? "delivered" : isLast ? "failed" : "pending",
          entry: { at: at.toISOString(), ok: outcome.ok, answer: outcome.answer },
          next: outcome.ok || isLast ? null : nextAttemptAt(at, attempts, settings),
          deliveredAt: outcome.ok ? at : null,
        });
      }),
    );
    made += due.length;
    if (due.length < batch) return made;
  }
}
