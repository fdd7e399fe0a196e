import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { RecentChanges } from "../../../src/domain/recent-changes.ts";
import { getJson, processUrl } from "../api.ts";
import { formatNumber } from "../format.ts";
import { Failure, Loading } from "./status.tsx";
import { TableScroll } from "./table-scroll.tsx";

/**
 * What changed since yesterday and in the last week: records added, changed and removed, by kind,
 * counted from the ledger (of what the reader may see), so a desk sees at a glance what is new.
 */
export function RecentChangesTable() {
  const { t, i18n } = useTranslation();
  const changes = useQuery({
    queryKey: ["changes"],
    queryFn: () => getJson<RecentChanges>(processUrl("changes")),
  });
  const number = (n: number) => (n ? formatNumber(n, i18n.language) : "—");
  return (
    <section aria-labelledby="recent-changes">
      <h2 id="recent-changes">{t("overview.changes.title")}</h2>
      {changes.isLoading ? <Loading /> : changes.error ? <Failure error={changes.error} /> : null}
      {changes.data && changes.data.changes.length === 0 ? (
        <p className="muted">{t("overview.changes.none")}</p>
      ) : null}
      {changes.data && changes.data.changes.length > 0 ? (
        <TableScroll label={t("overview.changes.title")}>
          <table>
            <caption className="muted">{t("overview.changes.source")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("overview.changes.what")}</th>
                <th scope="col">{t("overview.changes.lastDay")}</th>
                <th scope="col">{t("overview.changes.lastWeek")}</th>
              </tr>
            </thead>
            <tbody>
              {changes.data.changes.map((c) => (
                <tr key={`${c.type}-${c.action}`}>
                  <th scope="row">
                    {t(`kinds.${c.type}` as "kinds.incident", { defaultValue: c.type })} ·{" "}
                    {t(`overview.changes.${c.action}`)}
                  </th>
                  <td className="number">{number(c.last_day)}</td>
                  <td className="number">{number(c.last_week)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  );
}
