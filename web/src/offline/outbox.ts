/**
 * The outbox: field reports waiting in IndexedDB (through `idb`) until they reach the server. They
 * survive closing the browser and restarting the phone; each is sent with its own Idempotency-Key,
 * so sending it again never stores it twice; each belongs to the user who made it, and only that
 * user sees, edits, withdraws or sends it (a shared phone).
 */
import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import type { FieldReport } from "./field-requests.ts";

/** A photo as it waits: the bytes to send (already resized, location removed unless kept). */
export type OutboxPhoto = {
  sha256: string;
  media_type: "image/jpeg" | "image/png" | "image/webp";
  size: number;
  bytes: Blob;
  keeps_location: boolean;
};

/**
 * Where a report is: waiting to be sent; sent (each of its requests answered); in conflict (the
 * record it changes was changed meanwhile: `current` is the server's version); refused (the
 * server said why in `problem`: the reporter edits it or withdraws it).
 */
export type OutboxStatus = "waiting" | "sent" | "conflict" | "refused";

export type OutboxItem = {
  /** The report's Idempotency-Key (a UUID); its requests' keys are derived from it. */
  key: string;
  user_id: string;
  process: string;
  report: FieldReport;
  photos: OutboxPhoto[];
  status: OutboxStatus;
  /** Times a send failed for want of a connection, for backing off. */
  attempts: number;
  problem?: string;
  /** The records the server stored for it, once sent: path and id. */
  stored?: Array<{ path: string; id: string }>;
  /** In a conflict: the record as the server has it now. */
  current?: Record<string, unknown>;
  created_at: string;
  updated_at: string;
};

interface OutboxDb extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { user_id: string } };
}

let opened: Promise<IDBPDatabase<OutboxDb>> | undefined;

function db(): Promise<IDBPDatabase<OutboxDb>> {
  opened ??= openDB<OutboxDb>("truce-field", 1, {
    upgrade(database) {
      const store = database.createObjectStore("outbox", { keyPath: "key" });
      store.createIndex("user_id", "user_id");
    },
  });
  return opened;
}

const CHANGED = "truce:outbox";

/** Tells the pages (this tab's and, through storage of the event, none other) that it changed. */
function changed(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/** Calls `listener` whenever the outbox changes; returns how to stop. */
export function onOutboxChange(listener: () => void): () => void {
  window.addEventListener(CHANGED, listener);
  return () => window.removeEventListener(CHANGED, listener);
}

/** The user's reports, oldest first: nobody else's are ever read out. */
export async function listOutbox(userId: string): Promise<OutboxItem[]> {
  const items = await (await db()).getAllFromIndex("outbox", "user_id", userId);
  return items.sort((a, b) => a.created_at.localeCompare(b.created_at));
}

/** Stores a new report or a changed one (an edit resets it to waiting). */
export async function putOutboxItem(item: OutboxItem): Promise<void> {
  await (await db()).put("outbox", item);
  changed();
}

/** Withdraws a report that is the user's own. */
export async function withdrawOutboxItem(userId: string, key: string): Promise<void> {
  const database = await db();
  const item = await database.get("outbox", key);
  if (item && item.user_id === userId) await database.delete("outbox", key);
  changed();
}
