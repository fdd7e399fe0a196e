import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname } from "node:path";
import { generatePrivateKeyPem, type Signer, signerFromPem } from "./signer.ts";

/**
 * The server's signing key: from TRUCE_SIGNING_KEY (PEM) when set, so several servers can share
 * one; else from a file, created with mode 0600 on first use.
 */
export function loadSigner(options: { pem?: string | undefined; file: string }): Signer {
  if (options.pem) return signerFromPem(options.pem);
  if (!existsSync(options.file)) createKeyFile(options.file);
  return signerFromPem(readFileSync(options.file, "utf8"));
}

/**
 * Writes a new key beside the file and links it into place. Two servers starting at once on one
 * key file then both sign with the key whose link came first: neither reads a half-written file
 * nor replaces a key the other has begun to sign with.
 */
function createKeyFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.new`;
  writeFileSync(draft, generatePrivateKeyPem(), { mode: 0o600 });
  chmodSync(draft, 0o600);
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}
