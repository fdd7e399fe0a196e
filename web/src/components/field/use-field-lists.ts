import { useQuery } from "@tanstack/react-query";
import { type ApiRecord, listRecords } from "../../api.ts";

/**
 * A list the field form picks from (actors, posts). The field page asks for them as soon as it
 * opens, online, so that the service worker has them when the form is opened with no connection.
 */
export function useFieldList(kind: "actors" | "posts") {
  return useQuery({
    queryKey: ["field", kind],
    queryFn: async () => (await listRecords<ApiRecord>(kind, { limit: 200 })).items,
    staleTime: 300_000,
  });
}
