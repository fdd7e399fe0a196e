import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { generatePrivateKeyPem, type Signer, signerFromPem } from "./signer.ts";

/**
 * The server's signing key: from TRUCE_SIGNING_KEY (PEM) when set, so several servers can share
 * one; else from a file, created with mode 0600 on first use.
 */
export function loadSigner(options: { pem?: string | undefined; file: string }): Signer {
  if (options.pem) return signerFromPem(options.pem);
  if (!existsSync(options.file)) {
    mkdirSync(dirname(options.file), { recursive: true });
    writeFileSync(options.file, generatePrivateKeyPem(), { mode: 0o600 });
    chmodSync(options.file, 0o600);
  }
  return signerFromPem(readFileSync(options.file, "utf8"));
}
