import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type Membership, type Viewer, viewerIn } from "../../src/domain/access.ts";
import { ownFields, writeRefusal } from "../../src/domain/permissions.ts";
import { getJson, setCsrfToken } from "./api.ts";
import { useChosenProcess } from "./process.tsx";

/** Who the browser is signed in as, from GET /api/session. */
export type Session = {
  user: { id: string; email: string } | null;
  memberships?: Membership[];
  csrf_token?: string;
};

const SESSION_KEY = ["session"];

async function fetchSession(): Promise<Session> {
  const session = await getJson<Session>("/api/session");
  setCsrfToken(session.csrf_token);
  return session;
}

export function useSession(): Session | undefined {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 }).data;
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
    client.setQueryData(SESSION_KEY, { user: null });
    await client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== "session" });
  };
}
