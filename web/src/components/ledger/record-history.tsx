import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { kindByType } from "../../../../src/domain/kinds/index.ts";
import { getJson, processUrl } from "../../api.ts";
import { formatTime, valueLabel } from "../../format.ts";
import { Failure, Loading } from "../status.tsx";
import type { LedgerEntry } from "./ledger-api.ts";

/** Every ledger entry about one record: its whole history, oldest first. */
export function RecordHistory({ id, type }: { id: string; type: string }) {
  const { t, i18n } = useTranslation();
  const path = kindByType(type)?.path;
  const history = useQuery({
    queryKey: ["history", type, id],
    enabled: path !== undefined,
    queryFn: () =>
      getJson<{ entries: LedgerEntry[] }>(
        `${processUrl()}/${path}/${encodeURIComponent(id)}/history`,
      ),
  });
  return (
    <section aria-labelledby="history">
      <h2 id="history">
        {t("ledger.history")}: <code>{id}</code>
      </h2>
      {history.isLoading ? <Loading /> : history.error ? <Failure error={history.error} /> : null}
      <ol className="history">
        {(history.data?.entries ?? []).map((entry) =>
          // A version the reader may not see keeps only its place in the ledger.
          entry.redacted ? (
            <li key={entry.seq}>
              <em>{t("ledger.hidden")}</em> · #{entry.seq}
            </li>
          ) : (
            <li key={entry.seq}>
              <strong>{valueLabel(t)(entry.action)}</strong> ·{" "}
              <time dateTime={entry.at}>{formatTime(entry.at, i18n.language)}</time> ·{" "}
              {entry.principal} · #{entry.seq}
              <details>
                <summary>{t("ledger.content")}</summary>
                <pre>{JSON.stringify(entry.content, null, 2)}</pre>
              </details>
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
