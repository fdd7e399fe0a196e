import { useTranslation } from "react-i18next";
import { MARKED } from "./highlighted-text.tsx";

/** What each colour in the text stands for. */
export function EvidenceLegend() {
  const { t } = useTranslation();
  return (
    <ul className="legend" aria-label={t("sources.legend")}>
      {MARKED.filter((role) => role !== "reported_by").map((role) => (
        <li key={role}>
          <mark className={`ev-${role}`}>{t(`sources.roles.${role}`)}</mark>
        </li>
      ))}
    </ul>
  );
}
