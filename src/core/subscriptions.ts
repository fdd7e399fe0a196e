import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Caller } from "../domain/access.ts";
import { type AlertRule, SubscriptionInputSchema } from "../domain/alert-rules.ts";
import { DomainError } from "../domain/errors.ts";
import { kindByType } from "../domain/kinds/index.ts";
import {
  alertCursor,
  countSubscriptions,
  deleteSubscription as deleteStored,
  findSubscription,
  insertSubscription,
  listDeliveries,
  listSubscriptions as listStored,
  type StoredDelivery,
  type StoredSubscription,
  updateSubscription as updateStored,
} from "../store/subscription.repository.ts";
import { parseInput, parseQuery } from "./query-params.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

/** A subscription as its owner reads it: never its secret, which only its creation shows. */
export type SubscriptionView = {
  id: string;
  process: string;
  rule: AlertRule;
  channel: string;
  target: string;
  label: string | null;
  has_secret: boolean;
  created_at: string;
  updated_at: string;
};

export type DeliveryView = {
  id: string;
  alert_key: string;
  status: StoredDelivery["status"];
  attempts: number;
  attempt_log: StoredDelivery["attempt_log"];
  next_attempt_at: string | null;
  created_at: string;
  delivered_at: string | null;
  event: Record<string, unknown>;
};

/** Subscriptions one user may hold: each is looked at on every change to its process. */
export const MAX_SUBSCRIPTIONS = 100;

export const PageQuerySchema = z
  .object({
    cursor: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** The signed-in user behind a caller; scripts and the public have no subscriptions. */
function userOf(caller: Caller): string {
  if (!caller.id.startsWith("user:"))
    throw new DomainError("unauthorized", "Sign in (or send a user's token) to have subscriptions");
  return caller.id.slice("user:".length);
}

function present(subscription: StoredSubscription): SubscriptionView {
  return {
    id: subscription.id,
    process: subscription.process_id,
    rule: subscription.rule as AlertRule,
    channel: subscription.channel,
    target: subscription.target,
    label: subscription.label,
    has_secret: subscription.secret !== null,
    created_at: new Date(subscription.created_at).toISOString(),
    updated_at: new Date(subscription.updated_at).toISOString(),
  };
}

function presentDelivery(delivery: StoredDelivery): DeliveryView {
  const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());
  return {
    id: delivery.id,
    alert_key: delivery.alert_key,
    status: delivery.status,
    attempts: delivery.attempts,
    attempt_log: delivery.attempt_log,
    next_attempt_at: delivery.status === "pending" ? iso(delivery.next_attempt_at) : null,
    created_at: new Date(delivery.created_at).toISOString(),
    delivered_at: iso(delivery.delivered_at),
    event: delivery.event,
  };
}

function encodeCursor(row: { created_at: Date; id: string }): string {
  return Buffer.from(JSON.stringify([new Date(row.created_at).toISOString(), row.id])).toString(
    "base64url",
  );
}

function decodeCursor(cursor: string | undefined): { created_at: string; id: string } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2) {
      const [createdAt, id] = value as unknown[];
      if (
        typeof createdAt === "string" &&
        typeof id === "string" &&
        /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(createdAt) &&
        !Number.isNaN(Date.parse(createdAt))
      )
        return { created_at: createdAt, id };
    }
  } catch {
    // refused below
  }
  throw new DomainError("bad_request", "The cursor is not one this server gave out", {
    issues: [{ path: "cursor", message: "not a cursor from a previous page", value: cursor }],
  });
}

/** Checks what the schema cannot: the process exists, and a record_type names a kind. */
async function checkInput(
  services: Services,
  input: z.output<typeof SubscriptionInputSchema>,
): Promise<void> {
  await requireProcess(services, input.process).catch(() => {
    throw new DomainError("validation_failed", `process: no process "${input.process}"`, {
      issues: [{ path: "process", message: "no such process", value: input.process }],
    });
  });
  if (input.rule.type === "verification_changed" && input.rule.record_type !== undefined) {
    if (!kindByType(input.rule.record_type))
      throw new DomainError("validation_failed", "rule.record_type: not a kind of record", {
        issues: [
          {
            path: "rule.record_type",
            message: "not a kind of record",
            value: input.rule.record_type,
          },
        ],
      });
  }
}

/**
 * Subscribes the caller to a rule about a process. A webhook gets an HMAC key: the one given, or
 * one made here, which this answer shows and no later one does (the receiver keeps it).
 */
export async function createSubscription(
  services: Services,
  caller: Caller,
  body: unknown,
): Promise<{ subscription: SubscriptionView; secret?: string }> {
  const userId = userOf(caller);
  const input = parseInput(SubscriptionInputSchema, body);
  await checkInput(services, input);
  if ((await countSubscriptions(services.store.db, userId)) >= MAX_SUBSCRIPTIONS)
    throw new DomainError(
      "conflict",
      `You have ${MAX_SUBSCRIPTIONS} subscriptions, as many as one user may: unsubscribe from one first`,
    );
  const now = services.now();
  const secret =
    input.channel === "webhook" ? (input.secret ?? randomBytes(24).toString("base64url")) : null;
  const stored: StoredSubscription = {
    id: `sub_${now.getTime().toString(36)}${randomBytes(6).toString("hex")}`,
    user_id: userId,
    process_id: input.process,
    rule: input.rule,
    rule_type: input.rule.type,
    channel: input.channel,
    target: input.target,
    secret,
    label: input.label ?? null,
    created_at: now,
    updated_at: now,
  };
  await insertSubscription(services.store.db, stored);
  // The process's changes are looked at from now on (if nobody looked before): what is written
  // after this subscription can raise its alerts, what was written before does not.
  const process = await requireProcess(services, input.process);
  await alertCursor(services.store.db, input.process, process.ledger_size);
  return {
    subscription: present(stored),
    ...(secret !== null && input.secret === undefined ? { secret } : {}),
  };
}

/** The caller's subscriptions, newest first, a page at a time. */
export async function listSubscriptions(
  services: Services,
  caller: Caller,
  query: unknown,
): Promise<{ items: SubscriptionView[]; next_cursor: string | null }> {
  const userId = userOf(caller);
  const q = parseQuery(PageQuerySchema, query ?? {});
  const rows = await listStored(services.store.db, userId, {
    after: decodeCursor(q.cursor),
    limit: q.limit,
  });
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map(present),
    next_cursor: rows.length > q.limit && last ? encodeCursor(last) : null,
  };
}

async function requireOwn(
  services: Services,
  userId: string,
  id: string,
): Promise<StoredSubscription> {
  const found = await findSubscription(services.store.db, id, userId);
  // Another user's subscription is as absent as one that never was.
  if (!found) throw new DomainError("not_found", `You have no subscription "${id}"`);
  return found;
}

export async function getSubscription(
  services: Services,
  caller: Caller,
  id: string,
): Promise<SubscriptionView> {
  return present(await requireOwn(services, userOf(caller), id));
}

/**
 * Replaces a subscription's rule, channel, target and label. A webhook keeps its key unless a new
 * one is given; a subscription turned into a webhook gets one (shown in this answer only).
 */
export async function updateSubscription(
  services: Services,
  caller: Caller,
  id: string,
  body: unknown,
): Promise<{ subscription: SubscriptionView; secret?: string }> {
  const userId = userOf(caller);
  const old = await requireOwn(services, userId, id);
  const input = parseInput(SubscriptionInputSchema, body);
  await checkInput(services, input);
  const made =
    input.channel === "webhook" && input.secret === undefined && old.secret === null
      ? randomBytes(24).toString("base64url")
      : undefined;
  const secret = input.channel === "webhook" ? (input.secret ?? old.secret ?? made ?? null) : null;
  const stored: StoredSubscription = {
    ...old,
    process_id: input.process,
    rule: input.rule,
    rule_type: input.rule.type,
    channel: input.channel,
    target: input.target,
    secret,
    label: input.label ?? null,
    updated_at: services.now(),
  };
  if (!(await updateStored(services.store.db, stored)))
    throw new DomainError("not_found", `You have no subscription "${id}"`);
  return { subscription: present(stored), ...(made ? { secret: made } : {}) };
}

export async function deleteSubscription(
  services: Services,
  caller: Caller,
  id: string,
): Promise<void> {
  if (!(await deleteStored(services.store.db, id, userOf(caller))))
    throw new DomainError("not_found", `You have no subscription "${id}"`);
}

/** A subscription's delivery log, newest first, a page at a time: what was sent, and each try. */
export async function listSubscriptionDeliveries(
  services: Services,
  caller: Caller,
  id: string,
  query: unknown,
): Promise<{ items: DeliveryView[]; next_cursor: string | null }> {
  const subscription = await requireOwn(services, userOf(caller), id);
  const q = parseQuery(PageQuerySchema, query ?? {});
  const rows = await listDeliveries(services.store.db, subscription.id, {
    after: decodeCursor(q.cursor),
    limit: q.limit,
  });
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map(presentDelivery),
    next_cursor: rows.length > q.limit && last ? encodeCursor(last) : null,
  };
}
