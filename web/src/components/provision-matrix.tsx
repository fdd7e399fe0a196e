import { useTranslation } from "react-i18next";
import type { AssessmentSchema } from "../../../src/domain/kinds/assessment.schema.ts";
import type { ProvisionSchema } from "../../../src/domain/kinds/provision.schema.ts";
import type { ApiRecordOf } from "../api.ts";
import { formatDate, valueLabel } from "../format.ts";
import { TableScroll } from "./table-scroll.tsx";

/**
 * Provisions × time: each provision's assessed status at each date an assessment was made, carried
 * forward until the next one, so the implementation of a whole agreement reads at a glance.
 */
export function ProvisionMatrix({
  provisions,
  assessments,
}: {
  provisions: ApiRecordOf<typeof ProvisionSchema>[];
  assessments: ApiRecordOf<typeof AssessmentSchema>[];
}) {
  const { t, i18n } = useTranslation();
  const dates = [...new Set(assessments.map((a) => a.as_of.value))].sort();
  if (dates.length === 0) return <p className="muted">{t("agreements.noAssessments")}</p>;
  const statusAt = (provision: string, date: string) =>
    assessments
      .filter((a) => a.provision_id === provision && a.as_of.value <= date)
      .sort((x, y) => x.as_of.value.localeCompare(y.as_of.value))
      .at(-1)?.status;
  return (
    <TableScroll>
      <table className="matrix">
        <caption>{t("agreements.matrix")}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            {dates.map((d) => (
              <th scope="col" key={d}>
                {formatDate(
                  {
                    value: d,
                    precision: d.length === 4 ? "year" : d.length === 7 ? "month" : "day",
                  },
                  i18n.language,
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {provisions.map((p) => (
            <tr key={p.id}>
              <th scope="row" title={p.summary}>
                {p.number}
              </th>
              {dates.map((d) => {
                const status = statusAt(p.id, d);
                return (
                  <td key={d}>
                    {status ? (
                      <span className={`badge status-${status}`}>{valueLabel(t)(status)}</span>
                    ) : (
                      "·"
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
