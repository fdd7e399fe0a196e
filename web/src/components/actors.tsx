import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { type ApiRecord, listRecords } from "../api.ts";

/** The process's actors by id, loaded once and shared by every page. */
export function useActors(): Map<string, ApiRecord> {
  const { data } = useQuery({
    queryKey: ["actors"],
    queryFn: () => listRecords("actors", { limit: 500 }),
  });
  return new Map((data?.items ?? []).map((actor) => [actor.id, actor]));
}

/** An actor's name in the reader's language, falling back to its id for sides like "unknown". */
export function ActorName({ id }: { id: string | null | undefined }) {
  const actors = useActors();
  const { t, i18n } = useTranslation();
  if (!id) return <>{t("common.unknown")}</>;
  const actor = actors.get(id) as
    | { short_name?: string; name?: string; names?: Record<string, string> }
    | undefined;
  const name = actor?.names?.[i18n.language] ?? actor?.short_name ?? actor?.name ?? id;
  return <abbr title={actor?.name ?? id}>{name}</abbr>;
}

/** The process's sources' titles by id, loaded once and shared: claims name their sources by id. */
export function useSourceTitles(): Map<string, string> {
  const { data } = useQuery({
    queryKey: ["sources", "all"],
    queryFn: () => listRecords("sources", { limit: 500 }),
  });
  return new Map((data?.items ?? []).map((source) => [source.id, String(source.title)]));
}
