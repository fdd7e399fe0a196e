import { useTranslation } from "react-i18next";
import { processUrl, recordsUrl } from "../api.ts";

/**
 * Links that download the list as it is filtered, every matching record and not only the page
 * shown (the list route answers ?format=csv and ?format=geojson with a file), and its Atom feed.
 * Plain links: the session cookie goes with them, so a signed-in user gets what they may see.
 */
export function DownloadLinks(props: {
  /** The kind's API path: "incidents". */
  kind: string;
  /** The kind's type, for the feed: "incident". */
  type: string;
  filters?: Record<string, string | number | undefined> | undefined;
}) {
  const { t } = useTranslation();
  const { limit: _limit, cursor: _cursor, order, ...filters } = props.filters ?? {};
  const feed = new URLSearchParams({ type: props.type });
  for (const [key, value] of Object.entries(filters))
    if (value !== undefined && value !== "") feed.set(key, String(value));
  return (
    <p className="downloads">
      <a href={recordsUrl(props.kind, { ...filters, order, format: "csv" })} download>
        {t("downloads.csv")}
      </a>{" "}
      <a href={recordsUrl(props.kind, { ...filters, order, format: "geojson" })} download>
        {t("downloads.geojson")}
      </a>{" "}
      <a href={`${processUrl("feed.atom")}?${feed}`} type="application/atom+xml">
        {t("downloads.atom")}
      </a>
    </p>
  );
}
