import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { AssessmentSchema } from "../../../src/domain/kinds/assessment.schema.ts";
import type { DocumentSchema } from "../../../src/domain/kinds/document.schema.ts";
import type { ProvisionSchema } from "../../../src/domain/kinds/provision.schema.ts";
import { type ApiRecordOf, listRecords } from "../api.ts";
import { ActorName, useSourceTitles } from "../components/actors.tsx";
import { EditRecordButton } from "../components/edit-record-button.tsx";
import { ProvisionMatrix } from "../components/provision-matrix.tsx";
import { RecordEditor } from "../components/record-editor.tsx";
import { RelativeDeadlineText } from "../components/relative-deadline.tsx";
import { StatementsAbout } from "../components/statements-about.tsx";
import { Failure, Loading } from "../components/status.tsx";
import { useStatements } from "../components/use-statements.ts";
import { formatDate, placeName, valueLabel } from "../format.ts";
import { useLocation } from "../router.tsx";

/** Scrolls an element into view once it is drawn (a ref callback runs when it mounts). */
const scrollIntoView = (element: HTMLElement | null) =>
  element?.scrollIntoView({ block: "center" });

/** Each agreement with its provisions, what each side says of them, and their assessed status. */
export function AgreementsPage() {
  const { t, i18n } = useTranslation();
  const sourceTitle = useSourceTitles();
  const { params } = useLocation();
  // The provision a link points at (from the overview or a statement): shown and scrolled to.
  const pointedAt = params.get("provision");
  const statements = useStatements();
  const documents = useQuery({
    queryKey: ["documents", "all"],
    queryFn: () => listRecords<ApiRecordOf<typeof DocumentSchema>>("documents", { limit: 500 }),
  });
  const provisions = useQuery({
    queryKey: ["provisions", "all"],
    queryFn: () => listRecords<ApiRecordOf<typeof ProvisionSchema>>("provisions", { limit: 500 }),
  });
  const assessments = useQuery({
    queryKey: ["assessments", "all"],
    queryFn: () => listRecords<ApiRecordOf<typeof AssessmentSchema>>("assessments", { limit: 500 }),
  });
  if (documents.isLoading) return <Loading />;
  if (documents.error) return <Failure error={documents.error} />;
  return (
    <div>
      <h1>{t("nav.agreements")}</h1>
      {(documents.data?.items ?? []).map((doc) => (
        <section key={doc.id} className="document" aria-labelledby={`doc-${doc.id}`}>
          <h2 id={`doc-${doc.id}`}>{doc.title}</h2>
          <EditRecordButton record={doc} />
          <p className="muted">
            {formatDate(doc.date, i18n.language)}
            {doc.place ? ` · ${placeName(doc.place, i18n.language)}` : ""}
          </p>
          {doc.summary ? <p>{doc.summary}</p> : null}
          <ol className="provisions">
            {(provisions.data?.items ?? [])
              .filter((p) => p.document_id === doc.id)
              .map((p) => {
                const history = (assessments.data?.items ?? []).filter(
                  (a) => a.provision_id === p.id,
                );
                return (
                  <li
                    key={p.id}
                    id={`provision-${p.id}`}
                    value={Number(p.number) || undefined}
                    className={p.id === pointedAt ? "pointed-at" : undefined}
                    ref={p.id === pointedAt ? scrollIntoView : undefined}
                  >
                    <p>
                      {p.summary} <EditRecordButton record={p} />
                    </p>
                    {p.deadline ? (
                      <p className="muted">
                        {t("agreements.deadline")}: {formatDate(p.deadline, i18n.language)}
                      </p>
                    ) : p.deadline_relative ? (
                      <p className="muted">
                        {t("agreements.deadline")}:{" "}
                        <RelativeDeadlineText
                          deadline={p.deadline_relative}
                          document={doc}
                          records={documents.data?.items}
                        />
                      </p>
                    ) : null}
                    <StatementsAbout
                      claims={statements.items.filter((claim) => claim.about_id === p.id)}
                    />
                    {history.map((a) => (
                      <p key={a.id}>
                        <span className={`badge status-${a.status}`}>
                          {valueLabel(t)(a.status)}
                        </span>{" "}
                        {formatDate(a.as_of, i18n.language)} — {a.reason} (
                        {a.assessed_by ? (
                          <ActorName id={a.assessed_by} />
                        ) : (
                          // No assessor: the judgement is what its sources report, so name them.
                          a.source_ids.map((s) => sourceTitle.get(s) ?? s).join("; ")
                        )}
                        ) <EditRecordButton record={a} />
                      </p>
                    ))}
                  </li>
                );
              })}
          </ol>
          <ProvisionMatrix
            provisions={(provisions.data?.items ?? []).filter((p) => p.document_id === doc.id)}
            assessments={(assessments.data?.items ?? []).filter((a) =>
              (provisions.data?.items ?? []).some(
                (p) => p.id === a.provision_id && p.document_id === doc.id,
              ),
            )}
          />
        </section>
      ))}
      <RecordEditor types={["document", "provision", "assessment"]} />
    </div>
  );
}
