import { useTranslation } from "react-i18next";
import { CosignatureItem } from "./cosignature-item.tsx";
import type { SignedHead } from "./ledger-api.ts";

/** Every co-signature on a head, or that there is none. */
export function Cosignatures({ head }: { head: SignedHead }) {
  const { t } = useTranslation();
  if (head.cosignatures.length === 0) {
    return <span className="muted">{t("ledger.noCosignatures")}</span>;
  }
  return (
    <ul className="plain cosignatures">
      {head.cosignatures.map((c) => (
        <CosignatureItem key={`${c.key_id}-${c.signer}`} head={head} cosignature={c} />
      ))}
    </ul>
  );
}
