import type { Viewer } from "../domain/access.ts";
import { DomainError } from "../domain/errors.ts";
import { spreadFigures } from "../domain/figures.ts";
import type { Claim } from "../domain/kinds/claim.schema.ts";
import { kindByType } from "../domain/kinds/index.ts";
import { findRecord, listRecords } from "../store/record.repository.ts";
import { presentRecord } from "./present.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

/**
 * One record the viewer may see. An incident comes with its figures derived from the claims about
 * it (each claim's count side by side), so they are never stored twice.
 */
export async function getRecord(
  services: Services,
  slug: string,
  type: string,
  id: string,
  viewer: Viewer,
): Promise<Record<string, unknown>> {
  await requireProcess(services, slug);
  const kind = kindByType(type);
  const stored = await findRecord(services.store.db, slug, id, viewer);
  if (!kind || !stored || stored.type !== kind.type) {
    throw new DomainError("not_found", `No ${type} "${id}" in ${slug}`);
  }
  const record = presentRecord(stored);
  if (kind.type !== "incident") return record;
  const claims = await listRecords(services.store.db, slug, viewer, {
    type: "claim",
    refersTo: id,
    limit: 1000,
  });
  return {
    ...record,
    claimed_figures: spreadFigures(
      claims.map((claim) => {
        // Stored bodies passed the claim's schema when they were written.
        const body = claim.body as Partial<Claim>;
        return {
          claim_id: claim.id,
          claimant: body.claimant ?? null,
          source_ids: body.source_ids ?? [],
          figures: body.figures ?? {},
        };
      }),
    ),
    claim_ids: claims.map((claim) => claim.id),
  };
}
