import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { getJson } from "../../api.ts";
import { formatTime, valueLabel } from "../../format.ts";
import { setParams } from "../../router.tsx";
import { Failure, Loading } from "../status.tsx";
import { TableScroll } from "../table-scroll.tsx";
import { type LedgerEntry, ledgerUrl } from "./ledger-api.ts";

/** The latest entries, newest first; an entry the reader may not see keeps only its place and hash. */
export function RecentEntries({ size, selected }: { size: number; selected: string | null }) {
  const { t, i18n } = useTranslation();
  const entries = useQuery({
    queryKey: ["ledger-entries", size],
    queryFn: () =>
      getJson<{ entries: LedgerEntry[] }>(
        ledgerUrl(`entries?from=${Math.max(0, size - 20)}&limit=20`),
      ),
  });
  if (entries.isLoading) return <Loading />;
  if (entries.error) return <Failure error={entries.error} />;
  return (
    <TableScroll>
      <table className="records entries">
        <caption>{t("ledger.recentCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ledger.seq")}</th>
            <th scope="col">{t("ledger.time")}</th>
            <th scope="col">{t("ledger.action")}</th>
            <th scope="col">{t("common.kind")}</th>
            <th scope="col">{t("ledger.record")}</th>
            <th scope="col">{t("ledger.leafHash")}</th>
          </tr>
        </thead>
        <tbody>
          {[...(entries.data?.entries ?? [])].reverse().map((e) =>
            e.redacted ? (
              <tr key={e.seq} className="hidden-entry">
                <th scope="row">{e.seq}</th>
                <td colSpan={4}>
                  <em>{t("ledger.hidden")}</em>
                </td>
                <td>
                  <code className="hash">{e.leaf_hash}</code>
                </td>
              </tr>
            ) : (
              <tr key={e.seq} aria-selected={selected === e.record_id}>
                <th scope="row">{e.seq}</th>
                <td>
                  <time dateTime={e.at}>{formatTime(e.at, i18n.language)}</time>
                </td>
                <td>{valueLabel(t)(e.action)}</td>
                <td>{valueLabel(t)(e.record_type)}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => setParams({ record: e.record_id, type: e.record_type })}
                  >
                    <code>{e.record_id}</code>
                  </button>
                </td>
                <td>
                  <code className="hash">{e.leaf_hash}</code>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </TableScroll>
  );
}
