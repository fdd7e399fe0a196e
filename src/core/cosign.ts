import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { z } from "zod";
import { PUBLIC_CALLER, viewerIn } from "../domain/access.ts";
import { DomainError } from "../domain/errors.ts";
import { toHex } from "../ledger/merkle.ts";
import { headMessage, keyIdOf, type TreeHead } from "../ledger/signer.ts";
import {
  insertCosignature,
  listCosignatures,
  type StoredCosignature,
} from "../store/cosignature.repository.ts";
import { findHeadAt, pageHeads, type StoredHead } from "../store/ledger.repository.ts";
import { parseInput } from "./query-params.ts";
import { requireProcess } from "./require-process.ts";
import type { Principal, Services } from "./services.ts";

export const CosignatureInputSchema = z
  .object({
    public_key: z.string().min(1).max(2000).describe("the co-signer's Ed25519 key, SPKI PEM"),
    signature: z
      .string()
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, "base64")
      .max(200)
      .describe("Ed25519 signature over the head's canonical JSON, base64"),
  })
  .strict();

export type Cosignature = {
  key_id: string;
  public_key: string;
  signature: string;
  signer: string;
  party: string | null;
  signed_at: string;
};

export type HeadWithCosignatures = TreeHead & {
  key_id: string;
  signature: string;
  cosignatures: Cosignature[];
};

/** The head statement exactly as the server signed it, which co-signers sign too. */
export function headStatement(slug: string, head: StoredHead): TreeHead {
  return {
    process: slug,
    tree_size: head.tree_size,
    root_hash: toHex(head.root_hash),
    timestamp: new Date(head.signed_at).toISOString(),
  };
}

export function presentCosignature(c: StoredCosignature): Cosignature {
  return {
    key_id: c.key_id,
    public_key: c.public_key,
    signature: Buffer.from(c.signature).toString("base64"),
    signer: c.signer,
    party: c.party,
    signed_at: new Date(c.signed_at).toISOString(),
  };
}

function ed25519Key(pem: string): KeyObject {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType === "ed25519") return key;
  } catch {
    // reported below, with the field
  }
  throw new DomainError("validation_failed", "public_key: not an Ed25519 public key in PEM", {
    issues: [{ path: "public_key", message: "an Ed25519 public key (SPKI PEM)" }],
  });
}

/**
 * Adds a member's co-signature to a signed tree head: their own Ed25519 signature over exactly the
 * bytes the server signed. Each party can then hold a statement, signed by itself, of what the
 * record contained at that moment, and show that the server signed the same.
 */
export async function cosignHead(
  services: Services,
  slug: string,
  treeSize: number,
  input: unknown,
  caller: Principal,
): Promise<{ cosignature: Cosignature; created: boolean }> {
  const viewer = viewerIn(caller, slug);
  if (caller.id === PUBLIC_CALLER.id) throw new DomainError("unauthorized", "sign in to co-sign");
  if (viewer.role === "public") {
    throw new DomainError("forbidden", `only members of ${slug} co-sign its tree heads`);
  }
  const body = parseInput(CosignatureInputSchema, input);
  await requireProcess(services, slug);
  const head = await findHeadAt(services.store.db, slug, treeSize);
  if (!head)
    throw new DomainError("not_found", `No signed tree head of size ${treeSize} in ${slug}`);
  const key = ed25519Key(body.public_key);
  const signature = Buffer.from(body.signature, "base64");
  if (!verify(null, headMessage(headStatement(slug, head)), key, signature)) {
    throw new DomainError(
      "validation_failed",
      "signature: does not verify over this tree head with this key",
      { issues: [{ path: "signature", message: "does not verify over this tree head" }] },
    );
  }
  const stored: StoredCosignature = {
    tree_size: treeSize,
    key_id: keyIdOf(key),
    public_key: key.export({ type: "spki", format: "pem" }).toString(),
    signature: new Uint8Array(signature),
    signer: caller.id,
    party: viewer.role === "delegate" ? viewer.party : null,
    signed_at: services.now(),
  };
  const created = await insertCosignature(services.store.db, slug, stored);
  return { cosignature: presentCosignature(stored), created };
}

/** A signed head as the API and bundles show it: the statement, its signature, its co-signatures. */
export function presentSignedHead(
  slug: string,
  head: StoredHead,
  cosignatures: readonly StoredCosignature[],
): HeadWithCosignatures {
  return {
    ...headStatement(slug, head),
    key_id: head.key_id,
    signature: Buffer.from(head.signature).toString("base64"),
    cosignatures: cosignatures
      .filter((c) => c.tree_size === head.tree_size)
      .map(presentCosignature),
  };
}

/** Signed tree heads, newest first, each with its co-signatures. */
export async function listSignedHeads(
  services: Services,
  slug: string,
  options: { limit: number; before?: number | undefined },
): Promise<{ heads: HeadWithCosignatures[]; next_before: number | null }> {
  await requireProcess(services, slug);
  const heads = await pageHeads(services.store.db, slug, options.limit, options.before);
  const cosignatures = await listCosignatures(
    services.store.db,
    slug,
    heads.map((h) => h.tree_size),
  );
  return {
    heads: heads.map((head) => presentSignedHead(slug, head, cosignatures)),
    next_before: heads.length === options.limit ? (heads.at(-1)?.tree_size ?? null) : null,
  };
}
