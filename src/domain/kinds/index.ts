import type { KindDefinition } from "../kind.ts";
import { actorKind } from "./actor.schema.ts";
import { assessmentKind } from "./assessment.schema.ts";
import { bodyKind } from "./body.schema.ts";
import { borderSegmentKind } from "./border-segment.schema.ts";
import { claimKind } from "./claim.schema.ts";
import { commitmentKind } from "./commitment.schema.ts";
import { detaineeKind } from "./detainee.schema.ts";
import { documentKind } from "./document.schema.ts";
import { exchangeKind } from "./exchange.schema.ts";
import { hazardKind } from "./hazard.schema.ts";
import { incidentKind } from "./incident.schema.ts";
import { linkKind } from "./link.schema.ts";
import { meetingKind } from "./meeting.schema.ts";
import { patrolKind } from "./patrol.schema.ts";
import { placeKind } from "./place.schema.ts";
import { postKind } from "./post.schema.ts";
import { provisionKind } from "./provision.schema.ts";
import { sourceKind } from "./source.schema.ts";
import { violationCountKind } from "./violation-count.schema.ts";
import { withdrawalKind } from "./withdrawal.schema.ts";

/**
 * The built-in kinds of record, in the order a process's records are loaded: a kind comes after
 * the kinds it refers to, so an import in this order never meets a dangling reference. (Claims
 * about a commitment or link, and a detainee's exchange, are the cases that need the order below.)
 * A new kind is a module of its own (`defineKind`) and one line here.
 */
const BUILT_IN = [
  actorKind,
  sourceKind,
  placeKind,
  documentKind,
  provisionKind,
  assessmentKind,
  meetingKind,
  bodyKind,
  commitmentKind,
  incidentKind,
  borderSegmentKind,
  linkKind,
  claimKind,
  exchangeKind,
  detaineeKind,
  postKind,
  patrolKind,
  hazardKind,
  withdrawalKind,
  violationCountKind,
] as const satisfies readonly KindDefinition[];

export type RecordType = (typeof BUILT_IN)[number]["type"];

const kinds: KindDefinition[] = [...BUILT_IN];
const byType = new Map<string, KindDefinition>(kinds.map((k) => [k.type, k]));
const byPath = new Map<string, KindDefinition>(kinds.map((k) => [k.path, k]));

/** Every kind of record, in load order: the built-in ones, then those registered. */
export const KINDS: readonly KindDefinition[] = kinds;

/**
 * Adds a kind defined outside this list (a deployment's own, or a test's), after every built-in
 * kind in load order, so it may refer to any of them. Register before the server or a command
 * starts: routes, OpenAPI, permissions, lists, forms and exports are derived from the kinds then.
 */
export function registerKind(kind: KindDefinition): void {
  if (byType.has(kind.type) || byPath.has(kind.path)) {
    throw new Error(`A kind "${kind.type}" or path "${kind.path}" is already registered`);
  }
  kinds.push(kind);
  byType.set(kind.type, kind);
  byPath.set(kind.path, kind);
}

export function kindByType(type: string): KindDefinition | undefined {
  return byType.get(type);
}

export function kindByPath(path: string): KindDefinition | undefined {
  return byPath.get(path);
}

/** Position of a kind in load order. */
export function loadOrder(type: string): number {
  return kinds.findIndex((k) => k.type === type);
}
