import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";

/** A tree head: the ledger's size and root at a moment, which the server signs. */
export type TreeHead = { process: string; tree_size: number; root_hash: string; timestamp: string };

export type Signer = {
  keyId: string;
  publicKeyPem: string;
  sign: (head: TreeHead) => Uint8Array;
};

/** The exact bytes that are signed: the head as canonical JSON. */
export function headMessage(head: TreeHead): Uint8Array {
  return new TextEncoder().encode(
    canonicalJson({
      process: head.process,
      root_hash: head.root_hash,
      timestamp: head.timestamp,
      tree_size: head.tree_size,
    }),
  );
}

/** A key's id: the first 16 hex digits of SHA-256 over its SPKI DER encoding. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

/** A signer from an Ed25519 private key in PKCS#8 PEM. */
export function signerFromPem(privateKeyPem: string): Signer {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("the ledger key must be Ed25519");
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    sign: (head) => new Uint8Array(sign(null, headMessage(head), privateKey)),
  };
}

export function generatePrivateKeyPem(): string {
  const { privateKey } = generateKeyPairSync("ed25519");
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

export function verifyHeadSignature(
  publicKeyPem: string,
  head: TreeHead,
  signature: Uint8Array,
): boolean {
  try {
    return verify(null, headMessage(head), createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}
