/**
 * Candidate records from the text of a report: rule-based, offline, with no model. Importable by the
 * browser: nothing here reads files, the network or the clock.
 */
export type { ActorRecord } from "./actors.ts";
export {
  type Candidate,
  type CandidateFigures,
  type Evidence,
  type EvidenceRole,
  type ExtractOptions,
  type ExtractResult,
  extractCandidates,
} from "./candidates.ts";
export { CANDIDATE_KINDS, type CandidateKind } from "./classify.ts";
export { type GazetteerEntry, placesFor } from "./gazetteer.ts";
export { type CandidatePlace, findPlaces, type ProcessPlace } from "./places.ts";
