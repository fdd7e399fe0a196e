import { type ColumnType, type Kysely, sql } from "kysely";
import type { Membership, Role } from "../domain/access.ts";
import type { Database } from "./schema.ts";

/**
 * Subscriptions, their alerts' deliveries and the alerts' place in each ledger (migration
 * 016_subscriptions.sql, decision 0030).
 */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type SubscriptionTable = {
  id: string;
  user_id: string;
  process_id: string;
  rule: Json<Record<string, unknown>>;
  rule_type: string;
  channel: string;
  target: string;
  secret: string | null;
  label: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type AttemptLogEntry = { at: string; ok: boolean; answer: string };

export type AlertDeliveryTable = {
  id: string;
  subscription_id: string;
  alert_key: string;
  event: Json<Record<string, unknown>>;
  status: string;
  attempts: ColumnType<number, number | undefined, number>;
  attempt_log: Json<AttemptLogEntry[]>;
  next_attempt_at: Timestamp | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
};

export type AlertCursorTable = {
  process_id: string;
  ledger_size: ColumnType<string | number, number, number>;
};

type AlertDatabase = Database & {
  subscription: SubscriptionTable;
  alert_delivery: AlertDeliveryTable;
  alert_cursor: AlertCursorTable;
};

/** The store's handle with the alert tables typed, which the shared schema does not list. */
const alerts = (db: Kysely<Database>) => db as unknown as Kysely<AlertDatabase>;

export type StoredSubscription = {
  id: string;
  user_id: string;
  process_id: string;
  rule: Record<string, unknown>;
  rule_type: string;
  channel: string;
  target: string;
  secret: string | null;
  label: string | null;
  created_at: Date;
  updated_at: Date;
};

/** A subscription with what its owner may see: their roles, and whether the account is live. */
export type Subscriber = StoredSubscription & { memberships: Membership[] };

export type StoredDelivery = {
  id: string;
  subscription_id: string;
  alert_key: string;
  event: Record<string, unknown>;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  attempt_log: AttemptLogEntry[];
  next_attempt_at: Date | null;
  created_at: Date;
  delivered_at: Date | null;
};

const SUBSCRIPTION_COLUMNS = [
  "id",
  "user_id",
  "process_id",
  "rule",
  "rule_type",
  "channel",
  "target",
  "secret",
  "label",
  "created_at",
  "updated_at",
] as const;

export async function insertSubscription(
  db: Kysely<Database>,
  subscription: StoredSubscription,
): Promise<void> {
  await alerts(db)
    .insertInto("subscription")
    .values({ ...subscription, rule: JSON.stringify(subscription.rule) })
    .execute();
}

export async function updateSubscription(
  db: Kysely<Database>,
  subscription: StoredSubscription,
): Promise<boolean> {
  const { id, user_id, created_at: _, ...fields } = subscription;
  const result = await alerts(db)
    .updateTable("subscription")
    .set({ ...fields, rule: JSON.stringify(fields.rule) })
    .where("id", "=", id)
    .where("user_id", "=", user_id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteSubscription(
  db: Kysely<Database>,
  id: string,
  userId: string,
): Promise<boolean> {
  const result = await alerts(db)
    .deleteFrom("subscription")
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** One of a user's subscriptions; another user's is not found. */
export async function findSubscription(
  db: Kysely<Database>,
  id: string,
  userId: string,
): Promise<StoredSubscription | undefined> {
  return alerts(db)
    .selectFrom("subscription")
    .select(SUBSCRIPTION_COLUMNS)
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** A user's subscriptions, newest first, a page after `after` (the last id of the page before). */
export async function listSubscriptions(
  db: Kysely<Database>,
  userId: string,
  options: { after?: { created_at: string; id: string } | undefined; limit: number },
): Promise<StoredSubscription[]> {
  let query = alerts(db)
    .selectFrom("subscription")
    .select(SUBSCRIPTION_COLUMNS)
    .where("user_id", "=", userId);
  const after = options.after;
  if (after)
    query = query.where((eb) =>
      eb(eb.refTuple("created_at", "id"), "<", eb.tuple(new Date(after.created_at), after.id)),
    );
  return query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(options.limit + 1)
    .execute();
}

/**
 * The subscriptions to a process with rules of these types whose owners' accounts are live, each
 * with its owner's roles: what they may see decides what they are sent.
 */
export async function subscribersOf(
  db: Kysely<Database>,
  processId: string,
  ruleTypes: readonly string[],
): Promise<Subscriber[]> {
  if (ruleTypes.length === 0) return [];
  const rows = await alerts(db)
    .selectFrom("subscription")
    .innerJoin("app_user", "app_user.id", "subscription.user_id")
    .select(SUBSCRIPTION_COLUMNS.map((column) => `subscription.${column}` as const))
    .where("subscription.process_id", "=", processId)
    .where("subscription.rule_type", "in", ruleTypes)
    .where("app_user.disabled_at", "is", null)
    .execute();
  if (rows.length === 0) return [];
  const roles = await membershipsOf(db, [...new Set(rows.map((row) => row.user_id))]);
  return rows.map((row) => ({ ...row, memberships: roles.get(row.user_id) ?? [] }));
}

/** Each user's roles, by user id. */
async function membershipsOf(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, Membership[]>> {
  const roles = new Map<string, Membership[]>();
  if (userIds.length === 0) return roles;
  const rows = await db
    .selectFrom("membership")
    .select(["user_id", "process_id", "role", "party"])
    .where("user_id", "in", [...userIds])
    .execute();
  for (const m of rows) {
    const list = roles.get(m.user_id) ?? [];
    list.push({ process: m.process_id, role: m.role as Role, party: m.party });
    roles.set(m.user_id, list);
  }
  return roles;
}

/** The processes that have subscriptions with rules of these types. */
export async function processesWithRules(
  db: Kysely<Database>,
  ruleTypes: readonly string[],
): Promise<string[]> {
  const rows = await alerts(db)
    .selectFrom("subscription")
    .select("process_id")
    .distinct()
    .where("rule_type", "in", ruleTypes)
    .execute();
  return rows.map((row) => row.process_id);
}

/**
 * Where the process's alerts have got to in its ledger. A process looked at for the first time
 * starts at `size`: subscribing tells of what happens from then on, not of the whole history.
 */
export async function alertCursor(
  db: Kysely<Database>,
  processId: string,
  size: number,
): Promise<number> {
  await alerts(db)
    .insertInto("alert_cursor")
    .values({ process_id: processId, ledger_size: size })
    .onConflict((oc) => oc.column("process_id").doNothing())
    .execute();
  const row = await alerts(db)
    .selectFrom("alert_cursor")
    .select("ledger_size")
    .where("process_id", "=", processId)
    .executeTakeFirstOrThrow();
  return Number(row.ledger_size);
}

/**
 * Moves the cursor from `from` to `to`, unless another server moved it first (then false: that
 * server has raised these alerts, and the unique key would have kept them from doubling anyway).
 */
export async function advanceAlertCursor(
  db: Kysely<Database>,
  processId: string,
  from: number,
  to: number,
): Promise<boolean> {
  const result = await alerts(db)
    .updateTable("alert_cursor")
    .set({ ledger_size: to })
    .where("process_id", "=", processId)
    .where("ledger_size", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Files alerts to deliver; one already filed under its key for its subscription is left alone. */
export async function insertDeliveries(
  db: Kysely<Database>,
  deliveries: ReadonlyArray<{
    id: string;
    subscription_id: string;
    alert_key: string;
    event: Record<string, unknown>;
    at: Date;
  }>,
): Promise<number> {
  if (deliveries.length === 0) return 0;
  const result = await alerts(db)
    .insertInto("alert_delivery")
    .values(
      deliveries.map((d) => ({
        id: d.id,
        subscription_id: d.subscription_id,
        alert_key: d.alert_key,
        event: JSON.stringify(d.event),
        status: "pending",
        attempt_log: "[]",
        next_attempt_at: d.at,
        created_at: d.at,
      })),
    )
    .onConflict((oc) => oc.columns(["subscription_id", "alert_key"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export type DueDelivery = StoredDelivery & {
  channel: string;
  target: string;
  secret: string | null;
  rule: Record<string, unknown>;
  process_id: string;
  user_id: string;
  /** The owner's roles now, and whether their account is disabled: what they may be sent. */
  memberships: Membership[];
  is_disabled: boolean;
};

/**
 * Takes up to `limit` deliveries whose next attempt is due, and holds them until `leaseUntil`
 * (their next attempt moves there), so another server does not send them at the same time.
 */
export async function claimDueDeliveries(
  db: Kysely<Database>,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<DueDelivery[]> {
  const claimed = await sql<{ id: string }>`
    UPDATE alert_delivery SET next_attempt_at = ${leaseUntil}
    WHERE id IN (
      SELECT id FROM alert_delivery
      WHERE status = 'pending' AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id`.execute(db);
  const ids = claimed.rows.map((row) => row.id);
  if (ids.length === 0) return [];
  const rows = await alerts(db)
    .selectFrom("alert_delivery")
    .innerJoin("subscription", "subscription.id", "alert_delivery.subscription_id")
    .innerJoin("app_user", "app_user.id", "subscription.user_id")
    .selectAll("alert_delivery")
    .select([
      "subscription.channel",
      "subscription.target",
      "subscription.secret",
      "subscription.rule",
      "subscription.process_id",
      "subscription.user_id",
      "app_user.disabled_at",
    ])
    .where("alert_delivery.id", "in", ids)
    .orderBy("alert_delivery.created_at")
    .orderBy("alert_delivery.id")
    .execute();
  const roles = await membershipsOf(db, [...new Set(rows.map((row) => row.user_id))]);
  return rows.map(({ disabled_at, ...row }) => ({
    ...(row as unknown as StoredDelivery & Omit<DueDelivery, keyof StoredDelivery>),
    memberships: roles.get(row.user_id) ?? [],
    is_disabled: disabled_at !== null,
  }));
}

/** Writes an attempt's outcome: delivered, to be tried again at `next`, or given up. */
export async function recordAttempt(
  db: Kysely<Database>,
  id: string,
  outcome: {
    status: StoredDelivery["status"];
    entry: AttemptLogEntry;
    next: Date | null;
    deliveredAt: Date | null;
  },
): Promise<void> {
  await alerts(db)
    .updateTable("alert_delivery")
    .set((eb) => ({
      status: outcome.status,
      attempts: eb("attempts", "+", 1),
      attempt_log: sql`attempt_log || ${JSON.stringify([outcome.entry])}::jsonb`,
      next_attempt_at: outcome.next,
      delivered_at: outcome.deliveredAt,
    }))
    .where("id", "=", id)
    .execute();
}

/** A subscription's deliveries, newest first, a page after the last one of the page before. */
export async function listDeliveries(
  db: Kysely<Database>,
  subscriptionId: string,
  options: { after?: { created_at: string; id: string } | undefined; limit: number },
): Promise<StoredDelivery[]> {
  let query = alerts(db)
    .selectFrom("alert_delivery")
    .selectAll()
    .where("subscription_id", "=", subscriptionId);
  const after = options.after;
  if (after)
    query = query.where((eb) =>
      eb(eb.refTuple("created_at", "id"), "<", eb.tuple(new Date(after.created_at), after.id)),
    );
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(options.limit + 1)
    .execute();
  return rows as StoredDelivery[];
}

/** The seq of the entry that created each of these records: which came first. */
export async function creationSeqs(
  db: Kysely<Database>,
  processId: string,
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("ledger_entry")
    .select(["record_id", (eb) => eb.fn.min("seq").as("seq")])
    .where("process_id", "=", processId)
    .where("record_id", "in", [...ids])
    .where("action", "=", "create")
    .groupBy("record_id")
    .execute();
  return new Map(rows.map((row) => [row.record_id, Number(row.seq)]));
}

/** How many subscriptions a user has. */
export async function countSubscriptions(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await alerts(db)
    .selectFrom("subscription")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
