import { type Withdrawal, withdrawalGap } from "../../../../src/domain/kinds/withdrawal.schema.ts";
import type { FuzzyDate } from "../../api.ts";
import { ActorName } from "../../components/actors.tsx";
import { formatDate } from "../../format.ts";
import type { KindPlugin } from "../plugins.ts";

/** A withdrawal's list shows the gap: who reported it done, when against the deadline, and whether the monitors saw it. */
export const plugin: KindPlugin = {
  columns: (t) => [
    {
      header: t("withdrawals.reported"),
      cell: (record, language) => {
        const gap = withdrawalGap(record as unknown as Withdrawal);
        if (!gap.reported_complete) return <em>{t("withdrawals.noReport")}</em>;
        const late = gap.reported_late_days;
        return (
          <span>
            <ActorName id={gap.reported_complete.by} />:{" "}
            {formatDate(
              { value: gap.reported_complete.date, precision: "day" } as FuzzyDate,
              language,
            )}{" "}
            {late === null ? null : late > 0 ? (
              <span className="badge danger">{t("withdrawals.daysLate", { count: late })}</span>
            ) : (
              <span className="badge">{t("withdrawals.onTime")}</span>
            )}
            {gap.is_unverified_claim ? (
              <span className="badge warning"> {t("withdrawals.notVerified")}</span>
            ) : null}
            {gap.not_completed_by.length > 0 ? (
              <>
                {" "}
                {t("withdrawals.stillOpen")}:{" "}
                {gap.not_completed_by.map((id) => (
                  <ActorName key={id} id={id} />
                ))}
              </>
            ) : null}
          </span>
        );
      },
    },
  ],
};
