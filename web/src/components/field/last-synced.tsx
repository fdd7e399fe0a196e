import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { FuzzyDate } from "../../../../src/domain/fuzzy-date.ts";
import { type ApiRecord, listRecords } from "../../api.ts";
import { formatDate, formatTime, isCommitmentOverdue, placeName } from "../../format.ts";
import { Link } from "../../router.tsx";

function useLatest(kind: string, params: Record<string, string | number>) {
  return useQuery({
    queryKey: ["field", kind, params],
    queryFn: async () => (await listRecords<ApiRecord>(kind, params)).items,
    staleTime: 60_000,
  });
}

/**
 * What the reporter last synced, readable with no connection: the posts, the latest incidents (each
 * can be added to, against the version seen), the commitments due, and the way to the map, whose
 * basemap is part of the app. The service worker keeps these answers for the signed-in user.
 */
export function LastSynced(props: { onAddTo: (incident: ApiRecord) => void }) {
  const { t, i18n } = useTranslation();
  const posts = useLatest("posts", { limit: 50 });
  const incidents = useLatest("incidents", { limit: 10, order: "desc" });
  const commitments = useLatest("commitments", { limit: 200 });
  const due = (commitments.data ?? []).filter((c) => c.status === "open" && c.due !== undefined);
  const synced = Math.max(posts.dataUpdatedAt, incidents.dataUpdatedAt, commitments.dataUpdatedAt);
  return (
    <section aria-labelledby="last-synced-title" className="last-synced">
      <h2 id="last-synced-title">{t("field.lastSynced")}</h2>
      <p className="muted">
        {synced > 0
          ? t("field.syncedAt", { time: formatTime(new Date(synced).toISOString(), i18n.language) })
          : t("field.neverSynced")}{" "}
        <Link to="/map">{t("field.openMap")}</Link>
      </p>
      <h3>{t("field.recentIncidents")}</h3>
      <ul className="synced-list">
        {(incidents.data ?? []).map((incident) => (
          <li key={incident.id}>
            <span>
              {formatDate(incident.date as FuzzyDate, i18n.language)} · {String(incident.title)}
            </span>
            <button type="button" className="big" onClick={() => props.onAddTo(incident)}>
              {t("field.addTo")}
              <span className="visually-hidden">: {String(incident.title)}</span>
            </button>
          </li>
        ))}
      </ul>
      <h3>{t("field.posts")}</h3>
      <ul className="synced-list">
        {(posts.data ?? []).map((post) => (
          <li key={post.id}>
            {String(post.name)} · {placeName(post.place as never, i18n.language)}
          </li>
        ))}
      </ul>
      <h3>{t("field.commitmentsDue")}</h3>
      <ul className="synced-list">
        {due.map((commitment) => (
          <li
            key={commitment.id}
            className={isCommitmentOverdue(commitment) ? "overdue" : undefined}
          >
            {formatDate(commitment.due as FuzzyDate, i18n.language)} · {String(commitment.summary)}
          </li>
        ))}
      </ul>
    </section>
  );
}
