import { useTranslation } from "react-i18next";
import type { Commitment } from "../../../src/domain/kinds/commitment.schema.ts";
import { actorsColumn } from "../components/actors-column.tsx";
import { RecordEditor } from "../components/record-editor.tsx";
import { formatDate, isCommitmentOverdue, valueLabel } from "../format.ts";
import { codeColumn, RecordList, textColumn } from "./record-list.tsx";

export function CommitmentsPage() {
  const { t } = useTranslation();
  return (
    <div>
      <RecordList
        title={t("nav.commitments")}
        kind="commitments"
        isEditable
        columns={[
          {
            header: t("fields.due"),
            cell: (c, language) => {
              const due = c.due as Commitment["due"];
              if (!due) return <em>{String(c.due_text ?? t("overview.openEnded"))}</em>;
              const isLate = isCommitmentOverdue(c);
              return (
                <span className={isLate ? "overdue" : undefined}>
                  {formatDate(due, language)}{" "}
                  {isLate ? <span className="badge danger">{t("overview.overdue")}</span> : null}
                </span>
              );
            },
          },
          textColumn(t("nav.commitments"), "summary"),
          actorsColumn(t("fields.owners"), "owners"),
          codeColumn(t("common.status"), "status", valueLabel(t)),
        ]}
      />
      <RecordEditor types={["commitment"]} />
    </div>
  );
}
