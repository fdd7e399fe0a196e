import { useTranslation } from "react-i18next";
import { formatTime } from "../../format.ts";
import { ActorName } from "../actors.tsx";
import { type Cosignature, type SignedHead, statementOf } from "./ledger-api.ts";
import { SignatureCheck } from "./signature-check.tsx";

function PartyName({ party }: { party: string | null }) {
  const { t } = useTranslation();
  return party ? <ActorName id={party} /> : t("ledger.noParty");
}

/** One co-signature: whose party first, so a reader scanning the table sees who stands behind a head. */
export function CosignatureItem({
  head,
  cosignature,
}: {
  head: SignedHead;
  cosignature: Cosignature;
}) {
  const { t, i18n } = useTranslation();
  return (
    <li className="cosignature">
      <strong className="party">
        <PartyName party={cosignature.party} />
      </strong>{" "}
      <SignatureCheck
        publicKey={cosignature.public_key}
        head={statementOf(head)}
        signature={cosignature.signature}
        keyId={cosignature.key_id}
        keysLoaded
      />
      <br />
      <span className="muted">
        {t("ledger.keyId")} <code>{cosignature.key_id}</code> · {t("ledger.signer")}{" "}
        <code>{cosignature.signer}</code> ·{" "}
        <time dateTime={cosignature.signed_at}>
          {formatTime(cosignature.signed_at, i18n.language)}
        </time>
      </span>
    </li>
  );
}
