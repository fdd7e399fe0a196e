import { canSee, type Viewer } from "./access.ts";
import { kindByType } from "./kinds/index.ts";
import { aOrAn } from "./words.ts";

/** A record as a write sees it: before the change, or as it would be after. */
export type RecordState = {
  type: string;
  visibility: string;
  restricted_to?: string | null | undefined;
  body: Record<string, unknown>;
};

export type WriteAction = "create" | "update" | "delete";

/** Roles whose judgement a kind's `access.judgement` is (DESIGN.md: "the monitors' judgement"). */
const JUDGES: ReadonlySet<string> = new Set(["admin", "monitor"]);

/** Whether a delegate of `party` speaks for this record: its kind says which are a party's own. */
function isPartyOwn(state: RecordState, party: string): boolean {
  return kindByType(state.type)?.access?.partyOwn?.isOwn(state.body, party) ?? false;
}

/**
 * The fields that make a new record of this kind the viewer's own: a delegate's claims are its
 * party's, its sources its party's submissions. Forms start from them, and whether a viewer may
 * create a kind at all is asked of a record that has them.
 */
export function ownFields(viewer: Viewer, type: string): Record<string, unknown> {
  if (viewer.role !== "delegate") return {};
  return kindByType(type)?.access?.partyOwn?.fields(viewer.party) ?? {};
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
      if (!kindByType(type)?.access?.monitors) return `monitors do not ${action} ${type}s`;
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
  const judgement = kindByType(type)?.access?.judgement;
  if (
    judgement &&
    action !== "delete" &&
    !JUDGES.has(viewer.role) &&
    judgement(after?.body ?? {}) !== judgement(before?.body ?? {})
  ) {
    return `only monitors set ${aOrAn(type)}'s verification`;
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
