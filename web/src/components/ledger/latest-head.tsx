import { useTranslation } from "react-i18next";
import { formatTime } from "../../format.ts";
import { Cosignatures } from "./cosignatures.tsx";
import type { SignedHead } from "./ledger-api.ts";
import { ServerSignature } from "./server-signature.tsx";

/** The latest signed head in full: what the record holds now, and who vouches for it. */
export function LatestHead({ head }: { head: SignedHead }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="head">
      <dt>{t("ledger.size")}</dt>
      <dd>{head.tree_size}</dd>
      <dt>{t("ledger.root")}</dt>
      <dd>
        <code>{head.root_hash}</code>
      </dd>
      <dt>{t("ledger.signedAt")}</dt>
      <dd>
        <time dateTime={head.timestamp}>{formatTime(head.timestamp, i18n.language)}</time>{" "}
        <span className="muted">({head.timestamp})</span>
      </dd>
      <dt>{t("ledger.serverKey")}</dt>
      <dd>
        <code>{head.key_id}</code> (Ed25519)
      </dd>
      <dt>{t("ledger.serverSignature")}</dt>
      <dd>
        <code className="signature">{head.signature}</code> <ServerSignature head={head} />
      </dd>
      <dt>{t("ledger.cosignedBy")}</dt>
      <dd>
        <Cosignatures head={head} />
      </dd>
    </dl>
  );
}
