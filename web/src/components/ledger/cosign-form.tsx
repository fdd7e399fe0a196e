import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { ApiError, getJson } from "../../api.ts";
import { formatTime } from "../../format.ts";
import { KeyFileError, readCosignerKey, signHead } from "../../ledger-crypto.ts";
import { ledgerUrl, type SignedHead, statementOf } from "./ledger-api.ts";

type CosignOutcome =
  | { kind: "done"; size: number; keyId: string; already: boolean }
  | { kind: "error"; message: string };

/**
 * Co-signing in the browser: the key file is read here, imported into WebCrypto, and used to sign
 * the head's canonical JSON; only the public key and the signature go to the server.
 */
export function CosignForm({ head, inputId }: { head: SignedHead; inputId: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<CosignOutcome | undefined>();

  const explain = (error: unknown): string => {
    if (error instanceof KeyFileError) {
      return {
        not_pem: t("ledger.errNotPem"),
        public_key: t("ledger.errPublicKey"),
        not_ed25519: t("ledger.errNotEd25519"),
        too_large: t("ledger.errTooLarge"),
        unsupported: t("ledger.errUnsupported"),
      }[error.code];
    }
    if (error instanceof ApiError) {
      if (error.status === 401) return t("ledger.errUnauthorized");
      if (error.status === 403) return t("ledger.errForbidden");
      return t("ledger.errRefused", { message: error.message });
    }
    return t("ledger.errRefused", { message: error instanceof Error ? error.message : "" });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setOutcome({ kind: "error", message: t("ledger.errNoFile") });
      return;
    }
    setBusy(true);
    setOutcome(undefined);
    try {
      // Blob.text() reads the file in the page, like FileReader; nothing about it is uploaded.
      const key = await readCosignerKey(await chosen.text());
      const signature = await signHead(key.privateKey, statementOf(head));
      await getJson(ledgerUrl(`heads/${head.tree_size}/cosignatures`), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ public_key: key.publicKeyPem, signature }),
      });
      setOutcome({
        kind: "done",
        size: head.tree_size,
        keyId: key.keyId,
        already: head.cosignatures.some((c) => c.key_id === key.keyId),
      });
      if (file.current) file.current.value = "";
      await client.invalidateQueries({ queryKey: ["ledger-heads"] });
    } catch (error) {
      setOutcome({ kind: "error", message: explain(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="cosign" onSubmit={submit} aria-labelledby="cosign-title">
      <h3 id="cosign-title">{t("ledger.cosignTitle")}</h3>
      <p>
        <Trans i18nKey="ledger.cosignIntro" components={[<code key="command" />]} />
      </p>
      <p>
        <strong>
          {t("ledger.cosignTarget", {
            size: head.tree_size,
            time: formatTime(head.timestamp, i18n.language),
          })}
        </strong>
      </p>
      <div className="field">
        <label htmlFor={inputId}>{t("ledger.keyFile")}</label>
        <input
          id={inputId}
          ref={file}
          type="file"
          accept=".pem,.key,application/x-pem-file,text/plain"
          onChange={() => setOutcome(undefined)}
        />
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t("ledger.cosigning") : t("ledger.cosign")}
      </button>
      {outcome?.kind === "done" ? (
        <p role="status" className="done">
          {t(outcome.already ? "ledger.alreadyCosigned" : "ledger.cosigned", {
            size: outcome.size,
            keyId: outcome.keyId,
          })}
        </p>
      ) : null}
      {outcome?.kind === "error" ? (
        <p role="alert" className="error">
          {outcome.message}
        </p>
      ) : null}
    </form>
  );
}
