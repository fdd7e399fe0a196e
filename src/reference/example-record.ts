import type { z } from "zod";
import type { ActorSchema } from "../domain/kinds/actor.schema.ts";
import type { AssessmentSchema } from "../domain/kinds/assessment.schema.ts";
import type { BodySchema } from "../domain/kinds/body.schema.ts";
import type { BorderSegmentSchema } from "../domain/kinds/border-segment.schema.ts";
import type { ClaimSchema } from "../domain/kinds/claim.schema.ts";
import type { CommitmentSchema } from "../domain/kinds/commitment.schema.ts";
import type { DetaineeSchema } from "../domain/kinds/detainee.schema.ts";
import type { DocumentSchema } from "../domain/kinds/document.schema.ts";
import type { ExchangeSchema } from "../domain/kinds/exchange.schema.ts";
import type { HazardSchema } from "../domain/kinds/hazard.schema.ts";
import type { IncidentSchema } from "../domain/kinds/incident.schema.ts";
import type { LinkSchema } from "../domain/kinds/link.schema.ts";
import type { MeetingSchema } from "../domain/kinds/meeting.schema.ts";
import type { PatrolSchema } from "../domain/kinds/patrol.schema.ts";
import type { PlaceRecordSchema } from "../domain/kinds/place.schema.ts";
import type { PostSchema } from "../domain/kinds/post.schema.ts";
import type { ProvisionSchema } from "../domain/kinds/provision.schema.ts";
import type { SourceSchema } from "../domain/kinds/source.schema.ts";
import type { WithdrawalSchema } from "../domain/kinds/withdrawal.schema.ts";

/** The fields a client writes for each kind (before defaults), keyed by record type. */
export type Inputs = {
  place: z.input<typeof PlaceRecordSchema>;
  actor: z.input<typeof ActorSchema>;
  source: z.input<typeof SourceSchema>;
  document: z.input<typeof DocumentSchema>;
  provision: z.input<typeof ProvisionSchema>;
  assessment: z.input<typeof AssessmentSchema>;
  meeting: z.input<typeof MeetingSchema>;
  body: z.input<typeof BodySchema>;
  commitment: z.input<typeof CommitmentSchema>;
  incident: z.input<typeof IncidentSchema>;
  border_segment: z.input<typeof BorderSegmentSchema>;
  link: z.input<typeof LinkSchema>;
  claim: z.input<typeof ClaimSchema>;
  exchange: z.input<typeof ExchangeSchema>;
  detainee: z.input<typeof DetaineeSchema>;
  post: z.input<typeof PostSchema>;
  patrol: z.input<typeof PatrolSchema>;
  hazard: z.input<typeof HazardSchema>;
  withdrawal: z.input<typeof WithdrawalSchema>;
};

/** A public record of an example, as its file lists it. */
export type ExampleRecord<T extends keyof Inputs = keyof Inputs> = {
  type: T;
  id: string;
  visibility: "public";
} & Inputs[T];

/** One public record of a kind, checked against that kind's input type at compile time. */
export function record<T extends keyof Inputs>(
  type: T,
  id: string,
  fields: Inputs[T],
): ExampleRecord<T> {
  return { type, id, visibility: "public", ...fields };
}
