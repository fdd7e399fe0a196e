import { OPERATOR } from "../domain/access.ts";
import {
  actorsNamedIn,
  mergePaxIntoDocument,
  type PaxReadResult,
  paxRowToDocument,
} from "../ingest/pax.ts";
import { iterateRecords } from "../store/record.repository.ts";
import { listActorNames } from "./actor-names.ts";
import {
  type ImportOptions,
  type ImportSummary,
  type IncomingRecord,
  importRecords,
} from "./import-records.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

/** The source every PA-X-imported document cites. */
export const PAX_SOURCE = {
  type: "source",
  id: "src-pax",
  title: "PA-X Peace Agreements Database",
  kind: "dataset",
  publisher: "PeaceRep, University of Edinburgh",
  url: "https://www.peaceagreements.org/",
} as const;

export type PaxImportSummary = ImportSummary & {
  rows: number;
  /** Rows of other peace processes than --pp, left out. */
  otherProcesses: number;
  /** Agreements matched to a document the process already had, by its PA-X AgtId. */
  matched: string[];
};

export type PaxImportOptions = ImportOptions & {
  /** PA-X's peace process id (`PP`): only its agreements are imported. */
  peaceProcess?: string;
  /** Phrases of PA-X's party lists → actor ids, for parties the actors' names do not match. */
  actorMapping?: Record<string, string>;
};

type Existing = {
  id: string;
  visibility: string;
  restricted_to: string | null;
  body: Record<string, unknown>;
};

/** The process's documents that carry a PA-X AgtId, by that id. */
async function documentsByAgtId(services: Services, slug: string): Promise<Map<string, Existing>> {
  const byAgtId = new Map<string, Existing>();
  for await (const record of iterateRecords(services.store.db, slug, OPERATOR)) {
    if (record.type !== "document") continue;
    const pax = (record.body.external_ids as Record<string, string> | undefined)?.pax;
    if (pax !== undefined) byAgtId.set(pax, record);
  }
  return byAgtId;
}

/**
 * Imports a peace process's agreements from PA-X as documents. An agreement whose AgtId a document
 * of the process already carries (`external_ids.pax`) is matched to it and enriched (topic codes,
 * stage, actors, PA-X as a source) rather than duplicated; the others are added as `pax-<AgtId>`.
 * Re-importing the same file changes nothing; a revised agreement updates its document with a
 * ledger entry.
 */
export async function importPax(
  services: Services,
  slug: string,
  rows: AsyncIterable<PaxReadResult>,
  options: PaxImportOptions,
): Promise<PaxImportSummary> {
  await requireProcess(services, slug);
  const namedIn = actorsNamedIn(await listActorNames(services, slug), options.actorMapping ?? {});
  const existing = await documentsByAgtId(services, slug);
  const rejectedRows: ImportSummary["rejected"] = [];
  const matched: string[] = [];
  let rowCount = 0;
  let unreadable = 0;
  let otherProcesses = 0;
  async function* records(): AsyncGenerator<IncomingRecord> {
    yield { at: "PA-X source", record: { ...PAX_SOURCE } };
    for await (const result of rows) {
      if (!result.row) {
        rejectedRows.push({ at: `line ${result.line}`, reason: result.error ?? "unreadable row" });
        unreadable += 1;
        continue;
      }
      if (options.peaceProcess !== undefined && result.row.PP?.trim() !== options.peaceProcess) {
        otherProcesses += 1;
        continue;
      }
      rowCount += 1;
      const at = `line ${result.line}`;
      const mapped = paxRowToDocument(result.row, {
        sourceId: PAX_SOURCE.id,
        actorsNamedIn: namedIn,
      });
      if ("error" in mapped) {
        rejectedRows.push({ at, id: result.row.AgtId ?? "", reason: mapped.error });
        continue;
      }
      const agtId = String((mapped.document.external_ids as Record<string, string>).pax);
      const found = existing.get(agtId);
      // A document PA-X itself gave is replaced by the new reading, so PA-X's revisions come
      // through; a document the process made is only enriched.
      if (found && found.id !== mapped.document.id) {
        matched.push(agtId);
        yield {
          at,
          record: {
            type: "document",
            id: found.id,
            visibility: found.visibility,
            ...(found.restricted_to ? { restricted_to: found.restricted_to } : {}),
            ...mergePaxIntoDocument(found.body, mapped.document),
          },
        };
        continue;
      }
      yield { at, record: mapped.document };
    }
  }
  const summary = await importRecords(services, slug, records(), options);
  return {
    ...summary,
    rejected: [...rejectedRows, ...summary.rejected],
    rows: rowCount + unreadable,
    otherProcesses,
    matched,
  };
}
