/**
 * The sign-in the app keeps for when it cannot reach the server (decision 0031). A session the
 * server confirmed is remembered with when it lapses (`offline_sign_in_hours` from /api/config,
 * 72 unless configured); offline, the app is signed in as that user until then. At sign-out, or
 * once it has lapsed, the offline copy (the API's answers the service worker kept, the query
 * cache) is dropped; the outbox is kept, locked to its user (outbox.ts), so no report is lost.
 */
import type { Membership } from "../../../src/domain/access.ts";

const KEY = "truce.offline-session";
/** The cache the service worker keeps the API's answers in (web/vite.config.ts). */
export const API_CACHE = "truce-api";
const DEFAULT_HOURS = 72;

export type OfflineSession = {
  user: { id: string; email: string };
  memberships: Membership[];
  /** When the server last confirmed the session (ISO 8601). */
  confirmed_at: string;
  /** When the offline sign-in lapses (ISO 8601). */
  lapses_at: string;
};

let hours = DEFAULT_HOURS;

/** How long a sign-in lasts offline, as the server's /api/config says. */
export function setOfflineHours(value: number | undefined): void {
  if (value !== undefined && Number.isFinite(value) && value >= 0) hours = value;
}

/** Remembers a session the server has just confirmed. */
export function rememberSession(
  user: { id: string; email: string },
  memberships: Membership[],
  now = new Date(),
): void {
  const session: OfflineSession = {
    user,
    memberships,
    confirmed_at: now.toISOString(),
    lapses_at: new Date(now.getTime() + hours * 3_600_000).toISOString(),
  };
  try {
    localStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // Storage refused (private mode): the app then works online only.
  }
}

/** The remembered sign-in, if any (lapsed or not). */
export function rememberedSession(): OfflineSession | undefined {
  try {
    const text = localStorage.getItem(KEY);
    return text ? (JSON.parse(text) as OfflineSession) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a remembered sign-in still holds at `now`. */
export function isLapsed(session: OfflineSession, now = new Date()): boolean {
  return now.getTime() >= Date.parse(session.lapses_at);
}

/**
 * Forgets the sign-in and drops what the app kept for it: the API's answers in the service
 * worker's cache and (through `clearQueries`) the query cache. The outbox is not touched.
 */
export async function dropOfflineCopy(clearQueries?: () => void): Promise<void> {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing was stored.
  }
  clearQueries?.();
  if (typeof caches !== "undefined") await caches.delete(API_CACHE);
}
