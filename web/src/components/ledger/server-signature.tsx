import { type SignedHead, statementOf, useServerKeys } from "./ledger-api.ts";
import { SignatureCheck } from "./signature-check.tsx";

/** The server's signature on a head, checked against the key /api/keys publishes under its id. */
export function ServerSignature({ head }: { head: SignedHead }) {
  const keys = useServerKeys();
  const key = keys.data?.keys.find((k) => k.key_id === head.key_id);
  return (
    <SignatureCheck
      publicKey={key?.public_key}
      head={statementOf(head)}
      signature={head.signature}
      keyId={head.key_id}
      keysLoaded={keys.isSuccess}
    />
  );
}
