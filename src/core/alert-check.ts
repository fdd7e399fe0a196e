import { randomBytes } from "node:crypto";
import { type Caller, canSee, OPERATOR, viewerIn } from "../domain/access.ts";
import {
  type AlertRule,
  claimsDisagree,
  commitmentAlertOn,
  distanceKm,
} from "../domain/alert-rules.ts";
import type { Commitment } from "../domain/kinds/commitment.schema.ts";
import { kindByType } from "../domain/kinds/index.ts";
import { recordPagePath } from "../domain/web-routes.ts";
import { parseEntry } from "../ledger/entry.ts";
import { entriesForRecord, listEntries, type StoredEntry } from "../store/ledger.repository.ts";
import { findProcess } from "../store/process.repository.ts";
import { findRecords, listRecords } from "../store/record.repository.ts";
import {
  advanceAlertCursor,
  alertCursor,
  creationSeqs,
  insertDeliveries,
  processesWithRules,
  type Subscriber,
  subscribersOf,
} from "../store/subscription.repository.ts";
import { presentRecord } from "./present.ts";
import type { Services } from "./services.ts";

/** The rules a change to a record can raise; the commitment rules are also checked by the clock. */
const CHANGE_RULES = [
  "commitment_due",
  "commitment_overdue",
  "incident_near",
  "claims_disagree",
  "verification_changed",
] as const;
const DEADLINE_RULES = ["commitment_due", "commitment_overdue"] as const;

/** How many ledger entries one look reads at once. */
const ENTRY_BATCH = 500;

/** An alert for one subscriber, before it is filed for delivery. */
type Alert = {
  subscriber: Subscriber;
  key: string;
  summary: string;
  record: Record<string, unknown>;
  other?: Record<string, unknown>;
};

/** Where links in alerts point: the web app's page for the record, absolute when a base is known. */
export type LinkBase = { publicUrl?: string | undefined };

function callerOf(subscriber: Subscriber): Caller {
  return { id: `user:${subscriber.user_id}`, memberships: subscriber.memberships };
}

/** Whether the subscriber may see a record now: nothing they may not see is ever sent. */
function maySee(subscriber: Subscriber, slug: string, record: Record<string, unknown>): boolean {
  return canSee(viewerIn(callerOf(subscriber), slug), {
    visibility: String(record.visibility),
    restricted_to: record.restricted_to as string | undefined,
  });
}

async function file(
  services: Services,
  slug: string,
  alerts: readonly Alert[],
  links: LinkBase,
): Promise<number> {
  const at = services.now();
  return insertDeliveries(
    services.store.db,
    alerts.map((alert) => {
      const rule = alert.subscriber.rule as AlertRule;
      const kind = kindByType(String(alert.record.type));
      const path = kind ? recordPagePath(kind, String(alert.record.id), slug) : undefined;
      return {
        id: `dlv_${at.getTime().toString(36)}${randomBytes(6).toString("hex")}`,
        subscription_id: alert.subscriber.id,
        alert_key: alert.key,
        at,
        event: {
          subscription: alert.subscriber.id,
          process: slug,
          rule,
          alert: rule.type,
          summary: alert.summary,
          raised_at: at.toISOString(),
          ...(path ? { link: links.publicUrl ? new URL(path, links.publicUrl).href : path } : {}),
          record: alert.record,
          ...(alert.other ? { other: alert.other } : {}),
        },
      };
    }),
  );
}

function title(record: Record<string, unknown>): string {
  const text = record.title ?? record.summary ?? record.name ?? record.statement ?? record.id;
  return String(text).slice(0, 200);
}

/** The commitment alerts a commitment raises today for each subscriber who may see it. */
function commitmentAlerts(
  subscribers: readonly Subscriber[],
  slug: string,
  commitment: Record<string, unknown>,
  day: string,
): Alert[] {
  const fields = commitment as unknown as Pick<Commitment, "status" | "due">;
  const alerts: Alert[] = [];
  for (const subscriber of subscribers) {
    const rule = subscriber.rule as AlertRule;
    if (rule.type !== "commitment_due" && rule.type !== "commitment_overdue") continue;
    if (!commitmentAlertOn(rule, fields, day) || !maySee(subscriber, slug, commitment)) continue;
    const due = fields.due?.value ?? "";
    alerts.push({
      subscriber,
      // Once per deadline: a commitment given a new due date can fall due again.
      key:
        rule.type === "commitment_due"
          ? `due:${commitment.id}:${due}:${rule.days_before}`
          : `overdue:${commitment.id}:${due}`,
      summary: `${rule.type === "commitment_due" ? "Falls due" : "Overdue"} (${due}): ${title(commitment)}`,
      record: commitment,
    });
  }
  return alerts;
}

/** The record as a ledger entry stored it (undefined for personal data, kept only as a hash). */
function entryRecord(entry: StoredEntry): Record<string, unknown> | undefined {
  return parseEntry(entry.content).record;
}

async function verificationBefore(
  services: Services,
  slug: string,
  entry: StoredEntry,
): Promise<string | undefined> {
  const history = await entriesForRecord(services.store.db, slug, entry.record_id);
  const previous = history.filter((e) => e.seq < entry.seq).at(-1);
  const record = previous ? entryRecord(previous) : undefined;
  const kind = kindByType(entry.record_type);
  return record && kind ? kind.index(record).verification : undefined;
}

/** The alerts one change raises, for the subscribers whose rules it meets and who may see it. */
async function alertsForChange(
  services: Services,
  slug: string,
  entry: StoredEntry,
  current: Record<string, unknown>,
  subscribers: readonly Subscriber[],
): Promise<Alert[]> {
  const alerts: Alert[] = [];
  const type = entry.record_type;
  const kind = kindByType(type);
  if (!kind) return alerts;
  const day = services.now().toISOString().slice(0, 10);
  // An alert is about the record as it is now; its version at the change must be visible too.
  const mayRead = (s: Subscriber) =>
    maySee(s, slug, current) &&
    maySee(s, slug, { visibility: entry.visibility, restricted_to: entry.restricted_to });
  const visible = subscribers.filter(mayRead);
  if (type === "commitment") alerts.push(...commitmentAlerts(visible, slug, current, day));
  if (type === "incident") {
    const place = kind.index(current).place;
    for (const subscriber of visible) {
      const rule = subscriber.rule as AlertRule;
      if (rule.type !== "incident_near" || place?.lat === undefined || place.lon === undefined)
        continue;
      const km = distanceKm(rule.place, { lat: place.lat, lon: place.lon });
      if (km > rule.km) continue;
      alerts.push({
        subscriber,
        key: `near:${current.id}`,
        summary: `${title(current)}, ${km.toFixed(1)} km from ${rule.place.name ?? "the place"}`,
        record: current,
      });
    }
  }
  if (type === "claim" && entry.action === "create" && current.subject === "incident") {
    const wanting = visible.filter((s) => (s.rule as AlertRule).type === "claims_disagree");
    if (wanting.length > 0) {
      const others = (
        await listRecords(services.store.db, slug, OPERATOR, {
          type: "claim",
          refersTo: String(current.incident_id),
          limit: 1000,
        })
      )
        .map(presentRecord)
        .filter((c) => c.id !== current.id && c.incident_id === current.incident_id);
      // Only the claims made before this one: a claim is the new one against those already there.
      const made = await creationSeqs(
        services.store.db,
        slug,
        others.map((c) => String(c.id)),
      );
      const earlier = others.filter((c) => (made.get(String(c.id)) ?? Infinity) < entry.seq);
      for (const subscriber of wanting) {
        // Only a claim the subscriber may see can be named as the one disagreed with.
        const other = earlier.find(
          (c) => maySee(subscriber, slug, c) && claimsDisagree(current, c),
        );
        if (!other) continue;
        alerts.push({
          subscriber,
          key: `disagree:${current.id}`,
          summary: `A claim about incident ${current.incident_id} disagrees with claim ${other.id}`,
          record: current,
          other,
        });
      }
    }
  }
  if (entry.action === "update") {
    const wanting = visible.filter((s) => {
      const rule = s.rule as AlertRule;
      return (
        rule.type === "verification_changed" &&
        (rule.record_type === undefined || rule.record_type === type)
      );
    });
    const now = entryRecord(entry);
    if (wanting.length > 0 && now) {
      const after = kind.index(now).verification;
      const before = await verificationBefore(services, slug, entry);
      if (after !== undefined && before !== after) {
        for (const subscriber of wanting)
          alerts.push({
            subscriber,
            key: `verification:${current.id}:${entry.seq}`,
            summary: `${title(current)}: ${before ?? "none"} → ${after}`,
            record: current,
          });
      }
    }
  }
  return alerts;
}

/**
 * Checks a process's changes since the last look against its subscriptions and files the alerts
 * they raise, then moves the process's alert cursor past them. Runs after commits, outside every
 * write transaction; several servers may run it at once (an alert is filed once per key, and the
 * cursor moves only from where this look started). Returns how many alerts were filed.
 */
export async function checkChanges(
  services: Services,
  slug: string,
  links: LinkBase = {},
): Promise<number> {
  const db = services.store.db;
  const process = await findProcess(db, slug);
  if (!process) return 0;
  let from = await alertCursor(db, slug, process.ledger_size);
  const size = process.ledger_size;
  if (from >= size) return 0;
  const subscribers = await subscribersOf(db, slug, CHANGE_RULES);
  // Nobody to tell: the changes need not be read (an import of 10^5 rows costs one update here).
  if (subscribers.length === 0) {
    await advanceAlertCursor(db, slug, from, size);
    return 0;
  }
  let filed = 0;
  while (from < size) {
    const entries = (await listEntries(db, slug, from, Math.min(ENTRY_BATCH, size - from))).filter(
      (entry) => entry.seq < size,
    );
    if (entries.length === 0) break;
    const next = Number(entries.at(-1)?.seq) + 1;
    {
      const changed = entries.filter(
        (e) => (e.action === "create" || e.action === "update") && e.record_type !== "process",
      );
      const current = new Map(
        (
          await findRecords(
            db,
            slug,
            changed.map((e) => e.record_id),
            OPERATOR,
          )
        ).map((r) => [r.id, presentRecord(r)]),
      );
      const alerts: Alert[] = [];
      for (const entry of changed) {
        const record = current.get(entry.record_id);
        if (record)
          alerts.push(...(await alertsForChange(services, slug, entry, record, subscribers)));
      }
      filed += await file(services, slug, alerts, links);
    }
    // Another server got here first: it looks at what follows.
    if (!(await advanceAlertCursor(db, slug, from, next))) break;
    from = next;
  }
  return filed;
}

/**
 * The clock's rules: every open commitment of the processes with subscriptions to them, checked
 * against today's date, so a commitment falls due or becomes overdue with nobody writing to it.
 */
export async function checkDeadlines(services: Services, links: LinkBase = {}): Promise<number> {
  const db = services.store.db;
  const day = services.now().toISOString().slice(0, 10);
  let filed = 0;
  for (const slug of await processesWithRules(db, DEADLINE_RULES)) {
    const subscribers = await subscribersOf(db, slug, DEADLINE_RULES);
    let after: { sort_key: string; id: string } | undefined;
    for (;;) {
      const rows = await listRecords(db, slug, OPERATOR, {
        type: "commitment",
        verification: "open",
        after,
        limit: 1000,
      });
      const page = rows.slice(0, 1000);
      const alerts = page.flatMap((row) =>
        commitmentAlerts(subscribers, slug, presentRecord(row), day),
      );
      filed += await file(services, slug, alerts, links);
      const last = rows.at(999);
      if (rows.length <= 1000 || !last) break;
      after = { sort_key: last.sort_key, id: last.id };
    }
  }
  return filed;
}

/**
 * Checks the changes of every process someone subscribes to: what the clock does, for changes no
 * commit on this server announced (made while it was down, or by a server that does not alert).
 */
export async function checkEveryProcess(services: Services, links: LinkBase = {}): Promise<number> {
  let filed = 0;
  for (const slug of await processesWithRules(services.store.db, CHANGE_RULES))
    filed += await checkChanges(services, slug, links);
  return filed;
}
