import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { checkHeadSignature, type HeadStatement } from "../../ledger-crypto.ts";

/**
 * A signature's standing as this browser checked it, in words (colour only repeats them). The
 * result is cached by the exact key, head and signature, so paging back and forth checks once.
 */
export function SignatureCheck(props: {
  publicKey: string | undefined;
  head: HeadStatement;
  signature: string;
  keyId: string;
  keysLoaded: boolean;
}) {
  const { t } = useTranslation();
  const { publicKey, head, signature, keyId } = props;
  const check = useQuery({
    queryKey: ["signature-check", publicKey, head, signature, keyId],
    enabled: publicKey !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () => checkHeadSignature(publicKey as string, head, signature, keyId),
  });
  if (publicKey === undefined) {
    return props.keysLoaded ? (
      <span className="check fails">{t("ledger.unknownKey")}</span>
    ) : (
      <span className="check">{t("ledger.checking")}</span>
    );
  }
  if (!check.data) return <span className="check">{t("ledger.checking")}</span>;
  const label =
    check.data === "verified"
      ? t("ledger.verified")
      : check.data === "fails"
        ? t("ledger.fails")
        : t("ledger.unsupported");
  return <span className={`check ${check.data}`}>{label}</span>;
}
