import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { type Membership, type Viewer, viewerIn } from "../../src/domain/access.ts";
import { ownFields, writeRefusal } from "../../src/domain/permissions.ts";
import { ApiError, getJson, setCsrfToken } from "./api.ts";
import {
  dropOfflineCopy,
  isLapsed,
  rememberedSession,
  rememberSession,
  setOfflineHours,
} from "./offline/offline-session.ts";
import { useChosenProcess } from "./process.tsx";

/** Who the browser is signed in as, from GET /api/session. */
export type Session = {
  user: { id: string; email: string } | null;
  memberships?: Membership[];
  csrf_token?: string;
  /** Signed in with no connection, on the sign-in the server last confirmed, until it lapses. */
  offline?: { lapses_at: string };
  /** A sign-in kept offline has just lapsed or ended: what was kept for it is dropped. */
  lapsed?: true;
};

const SESSION_KEY = ["session"];

async function fetchSession(): Promise<Session> {
  let session: Session;
  try {
    session = await getJson<Session>("/api/session");
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // No connection: the sign-in the server last confirmed, until it lapses (decision 0031).
    const remembered = rememberedSession();
    if (remembered && !isLapsed(remembered)) {
      return {
        user: remembered.user,
        memberships: remembered.memberships,
        offline: { lapses_at: remembered.lapses_at },
      };
    }
    if (remembered) await dropOfflineCopy();
    return { user: null, ...(remembered ? { lapsed: true } : {}) };
  }
  setCsrfToken(session.csrf_token);
  if (session.user) {
    const config = await getJson<{ offline_sign_in_hours?: number }>("/api/config").catch(
      () => undefined,
    );
    setOfflineHours(config?.offline_sign_in_hours);
    rememberSession(session.user, session.memberships ?? []);
  } else if (rememberedSession()) {
    // The server knows no session (signed out elsewhere, or it ended): what was kept goes.
    await dropOfflineCopy();
    return { ...session, lapsed: true };
  }
  return session;
}

export function useSession(): Session | undefined {
  const client = useQueryClient();
  const session = useQuery({
    queryKey: SESSION_KEY,
    queryFn: fetchSession,
    staleTime: 60_000,
  }).data;
  const isLapsed = session?.lapsed === true;
  useEffect(() => {
    // The answers held in memory for a sign-in that lapsed go with it.
    if (isLapsed) client.removeQueries({ predicate: (query) => query.queryKey[0] !== "session" });
  }, [isLapsed, client]);
  return session;
}

/** The signed-in user as a viewer of the process the app shows (the public when signed out). */
export function useViewer(): Viewer {
  const session = useSession();
  // With no process chosen, the role held in every process (an admin's, for creating one).
  const slug = useChosenProcess()?.slug ?? "";
  return viewerIn(
    { id: session?.user?.id ?? "public", memberships: session?.memberships ?? [] },
    slug,
  );
}

/** The signed-in user as a viewer of a given process (the processes page lists several). */
export function useViewerOf(): (slug: string) => Viewer {
  const session = useSession();
  return (slug) =>
    viewerIn({ id: session?.user?.id ?? "public", memberships: session?.memberships ?? [] }, slug);
}

/**
 * Whether the signed-in user may create a record of this kind, by the rules the server enforces:
 * the app hides what would be refused instead of letting people find out by trying. Nobody adds
 * to a closed process.
 */
export function useMayCreate(type: string): boolean {
  const viewer = useViewer();
  const isClosed = useChosenProcess()?.status === "closed";
  const body = ownFields(viewer, type);
  return (
    !isClosed &&
    writeRefusal(viewer, "create", undefined, { type, visibility: "public", body }) === undefined
  );
}

/** What a new record of this kind starts with for the signed-in user (a delegate's party). */
export function useOwnFields(type: string): Record<string, unknown> {
  return ownFields(useViewer(), type);
}

export function useSignIn() {
  const client = useQueryClient();
  return async (email: string, password: string) => {
    const session = await getJson<Session>("/api/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    setCsrfToken(session.csrf_token);
    // Another user on this device: nothing kept for the one before is shown to this one.
    if (rememberedSession()?.user.id !== session.user?.id) await dropOfflineCopy();
    if (session.user) rememberSession(session.user, session.memberships ?? []);
    client.setQueryData(SESSION_KEY, session);
    // What the user may see has changed: every cached answer is stale.
    await client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== "session" });
  };
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    await getJson("/api/session", { method: "DELETE" });
    setCsrfToken(undefined);
    // What was kept for offline use goes at sign-out; the outbox stays, locked to its user.
    await dropOfflineCopy(() =>
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== "session" }),
    );
    client.setQueryData(SESSION_KEY, { user: null });
    await client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== "session" });
  };
}
