import { useTranslation } from "react-i18next";
import { formatNumber } from "../format.ts";
import { ActorName } from "./actors.tsx";
import { TableScroll } from "./table-scroll.tsx";

const SHOWN = 5;

/**
 * The actors most incidents name (as involved), most first: a table whose bars show each share,
 * so it reads the same with three incidents or a million.
 */
export function TopActors({ rows }: { rows: Array<{ actor: string; count: number }> }) {
  const { t, i18n } = useTranslation();
  const top = [...rows].sort((a, b) => b.count - a.count).slice(0, SHOWN);
  const most = top[0]?.count ?? 0;
  if (top.length === 0) return null;
  return (
    <section aria-labelledby="top-actors">
      <h3 id="top-actors">{t("overview.topActors.title")}</h3>
      <TableScroll label={t("overview.topActors.title")}>
        <table className="bars">
          <caption className="muted">{t("overview.topActors.source")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("overview.topActors.actor")}</th>
              <th scope="col">{t("overview.incidents")}</th>
            </tr>
          </thead>
          <tbody>
            {top.map((row) => (
              <tr key={row.actor}>
                <th scope="row">
                  <ActorName id={row.actor} />
                </th>
                <td className="number">
                  <span
                    className="bar"
                    aria-hidden="true"
                    style={{ width: `${most ? (row.count / most) * 8 : 0}rem` }}
                  />{" "}
                  {formatNumber(row.count, i18n.language)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
