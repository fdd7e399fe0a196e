/**
 * Tree-head signatures checked and made in the browser with WebCrypto Ed25519, so a reader need not
 * trust the server's word that a head verifies, and a co-signer's private key never leaves the page.
 */

/** A tree head as the server signs it: the ledger's size and root at a moment. */
export type HeadStatement = {
  process: string;
  tree_size: number;
  root_hash: string;
  timestamp: string;
};

/**
 * The exact bytes a head's signatures cover: the canonical JSON of the head (keys sorted, no white
 * space), as `headMessage` in src/ledger/signer.ts builds with src/ledger/canonical-json.ts. The web
 * may not import src/ledger; for these four members, strings and an integer, the literal below in
 * sorted key order is that same text. The e2e co-signing test checks both sides agree: the server
 * refuses a co-signature over any other bytes.
 */
export function headMessage(head: HeadStatement): Uint8Array<ArrayBuffer> {
  const text = `{"process":${JSON.stringify(head.process)},"root_hash":${JSON.stringify(head.root_hash)},"timestamp":${JSON.stringify(head.timestamp)},"tree_size":${JSON.stringify(head.tree_size)}}`;
  return new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
}

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/\s+/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = "";
  for (const byte of view) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Why a key file was refused, for a message the reader can act on. */
export class KeyFileError extends Error {
  constructor(
    readonly code: "not_pem" | "public_key" | "not_ed25519" | "too_large" | "unsupported",
  ) {
    super(code);
  }
}

/** The DER inside a PEM block of the given label ("PUBLIC KEY", "PRIVATE KEY"), or undefined. */
export function pemToDer(pem: string, label: string): Uint8Array<ArrayBuffer> | undefined {
  const match = new RegExp(
    `-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`,
  ).exec(pem);
  if (!match?.[1]) return undefined;
  try {
    return base64ToBytes(match[1]);
  } catch {
    return undefined;
  }
}

export function derToPem(der: ArrayBuffer, label: string): string {
  const lines = bytesToBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** A key's id as the server names it: the first 16 hex digits of SHA-256 over its SPKI DER. */
export async function keyIdOf(spkiDer: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", spkiDer));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** What checking a signature found: "unsupported" when this browser has no Ed25519 in WebCrypto. */
export type SignatureCheck = "verified" | "fails" | "unsupported";

/**
 * Whether `signature` (base64) is a valid Ed25519 signature by the key `publicKeyPem` (SPKI PEM)
 * over the head's canonical JSON. When `keyId` is given, the key must also be the one so named, so a
 * co-signature cannot borrow another key's id. A key or signature that cannot even be read "fails":
 * to a reader it does not verify either way.
 */
export async function checkHeadSignature(
  publicKeyPem: string,
  head: HeadStatement,
  signature: string,
  keyId?: string,
): Promise<SignatureCheck> {
  const der = pemToDer(publicKeyPem, "PUBLIC KEY");
  if (!der) return "fails";
  if (keyId !== undefined && (await keyIdOf(der)) !== keyId) return "fails";
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey("spki", der, { name: "Ed25519" }, false, ["verify"]);
  } catch (error) {
    return error instanceof DOMException && error.name === "NotSupportedError"
      ? "unsupported"
      : "fails";
  }
  try {
    const bytes = base64ToBytes(signature);
    const ok = await crypto.subtle.verify({ name: "Ed25519" }, key, bytes, headMessage(head));
    return ok ? "verified" : "fails";
  } catch {
    return "fails";
  }
}

/** A co-signer's key, read in the browser: the private key to sign with and the public key to send. */
export type CosignerKey = { privateKey: CryptoKey; publicKeyPem: string; keyId: string };

/** Key files are a few hundred bytes; anything far larger is the wrong file. */
const MAX_KEY_FILE = 16 * 1024;

/**
 * Reads an Ed25519 private key in PKCS#8 PEM (what `truce cosign --generate-key` writes) and derives
 * its public key. WebCrypto cannot derive a public key directly, so the private key is exported as
 * a JWK, whose `x` member is the public key, and that is imported again and exported as SPKI.
 */
export async function readCosignerKey(text: string): Promise<CosignerKey> {
  if (text.length > MAX_KEY_FILE) throw new KeyFileError("too_large");
  const der = pemToDer(text, "PRIVATE KEY");
  if (!der) {
    throw new KeyFileError(/-----BEGIN PUBLIC KEY-----/.test(text) ? "public_key" : "not_pem");
  }
  let privateKey: CryptoKey;
  try {
    privateKey = await crypto.subtle.importKey("pkcs8", der, { name: "Ed25519" }, true, ["sign"]);
  } catch (error) {
    throw new KeyFileError(
      error instanceof DOMException && error.name === "NotSupportedError"
        ? "unsupported"
        : "not_ed25519",
    );
  }
  const jwk = await crypto.subtle.exportKey("jwk", privateKey);
  if (!jwk.x) throw new KeyFileError("not_ed25519");
  const publicKey = await crypto.subtle.importKey(
    "jwk",
    { kty: "OKP", crv: "Ed25519", x: jwk.x },
    { name: "Ed25519" },
    true,
    ["verify"],
  );
  const spki = await crypto.subtle.exportKey("spki", publicKey);
  return {
    privateKey,
    publicKeyPem: derToPem(spki, "PUBLIC KEY"),
    keyId: await keyIdOf(new Uint8Array(spki)),
  };
}

/** The co-signer's Ed25519 signature over the head's canonical JSON, base64. */
export async function signHead(privateKey: CryptoKey, head: HeadStatement): Promise<string> {
  return bytesToBase64(
    await crypto.subtle.sign({ name: "Ed25519" }, privateKey, headMessage(head)),
  );
}
