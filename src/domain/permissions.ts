import { canSee, type Viewer } from "./access.ts";

/** A record as a write sees it: before the change, or as it would be after. */
export type RecordState = {
  type: string;
  visibility: string;
  restricted_to?: string | null | undefined;
  body: Record<string, unknown>;
};

export type WriteAction = "create" | "update" | "delete";

/** What each role may write, by kind. Admins and mediators write every kind. */
const MONITOR_KINDS: ReadonlySet<string> = new Set([
  "incident",
  "claim",
  "post",
  "patrol",
  "hazard",
  "source",
]);

/** Roles whose judgement an incident's verification is (DESIGN.md: "the monitors' judgement"). */
const VERIFIERS: ReadonlySet<string> = new Set(["admin", "monitor"]);

function verificationStatus(state: RecordState | undefined): string {
  const verification = state?.body.verification as { status?: string } | undefined;
  return verification?.status ?? "unverified";
}

/** Whether a delegate of `party` speaks for this record: its own party's claims and submissions. */
function isPartyOwn(state: RecordState, party: string): boolean {
  if (state.type === "claim") return state.body.claimant === party;
  if (state.type === "source") {
    return state.body.kind === "party_submission" && state.body.author_id === party;
  }
  return false;
}

/**
 * The fields that make a new record of this kind the viewer's own: a delegate's claims are its
 * party's, its sources its party's submissions. Forms start from them, and whether a viewer may
 * create a kind at all is asked of a record that has them.
 */
export function ownFields(viewer: Viewer, type: string): Record<string, unknown> {
  if (viewer.role !== "delegate") return {};
  if (type === "claim") return { claimant: viewer.party };
  if (type === "source") return { kind: "party_submission", author_id: viewer.party };
  return {};
}

/**
 * Why this viewer may not make this change, or undefined when it may. The caller has already made
 * sure the viewer can see `before` (a record it cannot see is "not found", never "forbidden").
 */
export function writeRefusal(
  viewer: Viewer,
  action: WriteAction,
  before: RecordState | undefined,
  after: RecordState | undefined,
): string | undefined {
  const type = (after ?? before)?.type ?? "record";
  switch (viewer.role) {
    case "public":
      return "sign in to change the record";
    case "viewer":
      return "viewers read the record but do not change it";
    case "monitor":
      if (!MONITOR_KINDS.has(type)) return `monitors do not ${action} ${type}s`;
      break;
    case "delegate":
      for (const state of [before, after]) {
        if (state && !isPartyOwn(state, viewer.party)) {
          return `a delegate of ${viewer.party} writes only ${viewer.party}'s own claims and submissions`;
        }
      }
      break;
    case "admin":
    case "mediator":
      break;
  }
  if (after && !canSee(viewer, after)) {
    return `you could not see a ${after.visibility} record${after.restricted_to ? ` restricted to ${after.restricted_to}` : ""} after writing it`;
  }
  if (
    type === "incident" &&
    action !== "delete" &&
    !VERIFIERS.has(viewer.role) &&
    verificationStatus(after) !== verificationStatus(before)
  ) {
    return "only monitors set an incident's verification";
  }
  return undefined;
}

/** Whether a viewer may erase personal data (a detainee's, on request). */
export function mayErase(viewer: Viewer): boolean {
  return viewer.role === "admin" || viewer.role === "mediator";
}

/** Whether a viewer may create processes. */
export function mayCreateProcess(viewer: Viewer): boolean {
  return viewer.role === "admin";
}
