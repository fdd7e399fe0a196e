import type { Visibility } from "./record.ts";

/** A member's role in a process. The public (no login) has none. */
export const ROLES = ["admin", "mediator", "monitor", "delegate", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is asking, inside one process. Every query that returns records is filtered by it in the
 * store (src/store/scope.ts); the web app uses the same type to decide what to offer.
 */
export type Viewer =
  | { role: "admin" | "mediator" }
  | { role: "monitor" | "viewer" }
  | { role: "delegate"; party: string }
  | { role: "public" };

export const OPERATOR: Viewer = { role: "admin" };
export const PUBLIC: Viewer = { role: "public" };

/** A role a user holds: in one process, or in every process when `process` is null. */
export type Membership = { process: string | null; role: Role; party: string | null };

/**
 * Who makes a request: a user, a script with a user's token, the local operator at the CLI, or the
 * public. `id` is what the ledger records as the principal (never an email: the ledger is public).
 */
export type Caller = { id: string; memberships: readonly Membership[] };

export const PUBLIC_CALLER: Caller = { id: "public", memberships: [] };

/** The CLI acts on the store it opens, as an admin of every process. */
export function operatorCaller(name: string): Caller {
  return { id: `operator:${name}`, memberships: [{ process: null, role: "admin", party: null }] };
}

/**
 * The caller as a viewer of one process: a role held in that process wins over a role held in
 * every process; a user with neither sees what the public sees.
 */
export function viewerIn(caller: Caller, slug: string): Viewer {
  const membership =
    caller.memberships.find((m) => m.process === slug) ??
    caller.memberships.find((m) => m.process === null);
  if (!membership) return PUBLIC;
  if (membership.role === "delegate") {
    // A delegate without a party could see no party's restricted records: treat as a viewer.
    return membership.party ? { role: "delegate", party: membership.party } : { role: "viewer" };
  }
  return { role: membership.role };
}

/** Whether a viewer may see a record of this visibility: the rule `visibleTo` applies in SQL. */
export function canSee(
  viewer: Viewer,
  record: { visibility: Visibility | string; restricted_to?: string | null | undefined },
): boolean {
  switch (viewer.role) {
    case "admin":
    case "mediator":
      return true;
    case "monitor":
    case "viewer":
      return record.visibility === "public" || record.visibility === "members";
    case "delegate":
      return (
        record.visibility === "public" ||
        record.visibility === "members" ||
        (record.visibility === "restricted" && record.restricted_to === viewer.party)
      );
    case "public":
      return record.visibility === "public";
  }
}

/**
 * Whether a viewer may read a ledger entry's content: only if it may see both the record version
 * the entry describes and the record as it is now (restricting a record hides its past too).
 */
export function mayReadEntry(
  viewer: Viewer,
  entry: { visibility: string; restricted_to: string | null },
  current: { visibility: string; restricted_to: string | null } | undefined,
): boolean {
  return canSee(viewer, entry) && (current === undefined || canSee(viewer, current));
}

/** A viewer written as a role ("public", "monitor", "delegate:ARM"), or undefined. */
export function parseViewer(label: string): Viewer | undefined {
  const [role, party] = label.split(":");
  if (role === "delegate") return party ? { role: "delegate", party } : undefined;
  if (party !== undefined) return undefined;
  if (role === "public") return PUBLIC;
  return (ROLES as readonly string[]).includes(role ?? "") ? ({ role } as Viewer) : undefined;
}
