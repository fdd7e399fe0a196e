import { useQueries } from "@tanstack/react-query";
import { CLAIM_SUBJECTS, type Claim } from "../../../src/domain/kinds/claim.schema.ts";
import { type ApiRecord, listRecords } from "../api.ts";

/** Claims about anything but an incident: positions on provisions, bodies, the border, the process. */
const STATEMENT_SUBJECTS = CLAIM_SUBJECTS.filter((subject) => subject !== "incident");

const dateKey = (claim: ApiRecord) => (claim.date as Claim["date"])?.value ?? "9999";

/** Every statement of the process (a claim not about an incident), oldest first, undated last. */
export function useStatements(): { items: ApiRecord[]; isLoading: boolean; error: unknown } {
  const results = useQueries({
    queries: STATEMENT_SUBJECTS.map((subject) => ({
      queryKey: ["claims", "subject", subject],
      queryFn: () => listRecords("claims", { kind: subject, limit: 500 }),
    })),
  });
  const items = results
    .flatMap((result) => result.data?.items ?? [])
    .sort((a, b) => dateKey(a).localeCompare(dateKey(b)) || a.id.localeCompare(b.id));
  return {
    items,
    isLoading: results.some((result) => result.isLoading),
    error: results.find((result) => result.error)?.error,
  };
}
