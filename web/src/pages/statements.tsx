import { useQueries } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { type ApiRecord, listRecords } from "../api.ts";
import { ActorName, useActors } from "../components/actors.tsx";
import { ClaimCard } from "../components/claim-card.tsx";
import { Failure, Loading } from "../components/status.tsx";
import { useStatements } from "../components/use-statements.ts";
import { Link } from "../router.tsx";

/** The kinds a statement may be about (besides actors), and where the app shows each. */
const ABOUT_KINDS = [
  { path: "provisions", page: (id: string) => `/agreements?provision=${encodeURIComponent(id)}` },
  { path: "documents", page: () => "/agreements" },
  { path: "border-segments", page: (id: string) => `/border?id=${encodeURIComponent(id)}` },
  { path: "commitments", page: () => "/commitments" },
  { path: "bodies", page: undefined },
  { path: "links", page: () => "/map?layers=links" },
] as const;

/** What a statement is about, as a reader would name it, and the page that shows it. */
function useAboutLabels(): Map<string, { label: string; to?: string }> {
  const results = useQueries({
    queries: ABOUT_KINDS.map((kind) => ({
      queryKey: [kind.path, "all"],
      queryFn: () => listRecords(kind.path, { limit: 500 }),
    })),
  });
  const documentsAt = ABOUT_KINDS.findIndex((kind) => kind.path === "documents");
  const documents = new Map(
    (results[documentsAt]?.data?.items ?? []).map((doc) => [doc.id, String(doc.title)]),
  );
  const labels = new Map<string, { label: string; to?: string }>();
  ABOUT_KINDS.forEach((kind, i) => {
    for (const record of results[i]?.data?.items ?? []) {
      const label =
        kind.path === "provisions"
          ? `${documents.get(String(record.document_id)) ?? ""}, ${record.number}: ${record.summary}`
          : String(record.title ?? record.name ?? record.summary ?? record.id);
      labels.set(record.id, { label, ...(kind.page ? { to: kind.page(record.id) } : {}) });
    }
  });
  return labels;
}

/**
 * What the parties, the mediators and the sources say about the process beyond its incidents:
 * each statement in its own words, under what it is about.
 */
export function StatementsPage() {
  const { t } = useTranslation();
  const statements = useStatements();
  const labels = useAboutLabels();
  const actors = useActors();
  if (statements.isLoading) return <Loading />;
  if (statements.error) return <Failure error={statements.error} />;
  const groups = new Map<string, ApiRecord[]>();
  for (const claim of statements.items) {
    const about = String(claim.about_id ?? "");
    groups.set(about, [...(groups.get(about) ?? []), claim]);
  }
  // The process as a whole last: what is about something in particular reads first.
  const order = [...groups.keys()].sort((a, b) => Number(a === "") - Number(b === ""));
  return (
    <div>
      <h1>{t("nav.statements")}</h1>
      <p className="muted">{t("statements.intro")}</p>
      {order.length === 0 ? <p className="muted">{t("statements.none")}</p> : null}
      {order.map((about) => {
        const target = labels.get(about);
        return (
          <section key={about || "process"} className="statements" aria-labelledby={`st-${about}`}>
            <h2 id={`st-${about}`}>
              {about === "" ? (
                t("statements.general")
              ) : actors.has(about) ? (
                <ActorName id={about} />
              ) : target?.to ? (
                <Link to={target.to}>{target.label}</Link>
              ) : (
                (target?.label ?? about)
              )}
            </h2>
            <div className="claims">
              {(groups.get(about) ?? []).map((claim) => (
                <ClaimCard key={claim.id} claim={claim} />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
