import type { Viewer } from "../domain/access.ts";
import { findRecords } from "../store/record.repository.ts";
import { exportRecords } from "./export-records.ts";
import { presentRecord } from "./present.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

/** An incident with the one claim that carries its dataset figures, if it has one. */
export type IncidentWithClaim = {
  incident: Record<string, unknown>;
  claim: Record<string, unknown> | undefined;
};

/**
 * The id of the claim a dataset import made for an incident: ACLED's and UCDP's importers name it
 * `<incident>-fatalities`, HXL's `<incident>-figures`.
 */
export function datasetClaimIds(incidentId: string): string[] {
  return [`${incidentId}-fatalities`, `${incidentId}-figures`];
}

const PAGE = 1000;

/**
 * Every incident of a process with its dataset claim, for the event-per-row exports (ACLED, UCDP,
 * HXL). Incidents come a page at a time and their claims are fetched per page by id, so an export
 * of a million incidents holds a thousand at once. This is the operator's export (the CLI's): it
 * sees every record. An incident made in Truce has claims by several parties rather than one
 * dataset claim; a row has room for one count, so those claims are not merged into it.
 */
export async function* exportIncidentsWithClaims(
  services: Services,
  slug: string,
  viewer: Viewer,
): AsyncGenerator<IncidentWithClaim> {
  await requireProcess(services, slug);
  let page: Record<string, unknown>[] = [];
  async function* flush(): AsyncGenerator<IncidentWithClaim> {
    const ids = page.flatMap((incident) => datasetClaimIds(String(incident.id)));
    const claims = new Map(
      (await findRecords(services.store.db, slug, ids, viewer))
        .filter((record) => record.type === "claim")
        .map((record) => [record.id, presentRecord(record)]),
    );
    for (const incident of page) {
      const claim = datasetClaimIds(String(incident.id))
        .map((id) => claims.get(id))
        .find((c) => c !== undefined && c.incident_id === incident.id);
      yield { incident, claim };
    }
    page = [];
  }
  for await (const incident of exportRecords(services, slug, viewer, ["incident"])) {
    page.push(incident);
    if (page.length >= PAGE) yield* flush();
  }
  yield* flush();
}
