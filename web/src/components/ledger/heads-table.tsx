import { useTranslation } from "react-i18next";
import { formatTime } from "../../format.ts";
import { TableScroll } from "../table-scroll.tsx";
import { Cosignatures } from "./cosignatures.tsx";
import type { SignedHead } from "./ledger-api.ts";
import { ServerSignature } from "./server-signature.tsx";

/** The signed heads, newest first, one row each with the server's signature and every co-signature. */
export function HeadsTable(props: {
  heads: SignedHead[];
  canCosign: boolean;
  onCosign: (head: SignedHead) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <TableScroll>
      <table className="records heads">
        <caption>{t("ledger.headsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ledger.size")}</th>
            <th scope="col">{t("ledger.signedAt")}</th>
            <th scope="col">{t("ledger.root")}</th>
            <th scope="col">{t("ledger.serverSignature")}</th>
            <th scope="col">{t("ledger.cosignatures")}</th>
          </tr>
        </thead>
        <tbody>
          {props.heads.map((head) => (
            <tr key={head.tree_size}>
              <th scope="row">{head.tree_size}</th>
              <td>
                <time dateTime={head.timestamp}>{formatTime(head.timestamp, i18n.language)}</time>
              </td>
              <td>
                <code className="hash">{head.root_hash}</code>
              </td>
              <td>
                <code>{head.key_id}</code>
                <br />
                <ServerSignature head={head} />
              </td>
              <td>
                <Cosignatures head={head} />
                {props.canCosign ? (
                  <button
                    type="button"
                    className="link cosign-this"
                    onClick={() => props.onCosign(head)}
                    aria-label={`${t("ledger.cosignThis")}: ${head.tree_size}`}
                  >
                    {t("ledger.cosignThis")}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
