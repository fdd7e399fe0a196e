import { useQuery } from "@tanstack/react-query";
import { getJson, processUrl } from "../../api.ts";
import type { HeadStatement } from "../../ledger-crypto.ts";

// The shapes below are what the ledger routes answer. Their schemas are `Cosignature`,
// `CosignedHead`, `LedgerEntry` and `SigningKey` in src/server/response-schemas.ts, which the web
// may not import (only src/domain): these follow them, and go once those schemas live in the domain.

/** core/cosign.ts: presentCosignature. */
export type Cosignature = {
  key_id: string;
  public_key: string;
  signature: string;
  signer: string;
  party: string | null;
  signed_at: string;
};

/** A signed tree head with every co-signature on it. */
export type SignedHead = HeadStatement & {
  key_id: string;
  signature: string;
  cosignatures: Cosignature[];
};

/** core/ledger-queries.ts: presentEntry, in full or, for a version the reader may not see, redacted. */
export type LedgerEntry =
  | {
      seq: number;
      at: string;
      principal: string;
      action: "create" | "update" | "delete" | "erase";
      record_type: string;
      record_id: string;
      leaf_hash: string;
      content: Record<string, unknown>;
      redacted?: undefined;
    }
  | { seq: number; leaf_hash: string; redacted: true };

type HeadsPage = { heads: SignedHead[]; next_before: number | null };

type ServerKey = { key_id: string; public_key: string };

/** `/api/processes/{process}/ledger/{path}` for the process the app shows. */
export const ledgerUrl = (path: string) => `${processUrl()}/ledger/${path}`;

/** A page of signed heads, newest first: the latest `limit`, or those before a size. */
export function useHeads(before: number | undefined, limit: number) {
  return useQuery({
    queryKey: ["ledger-heads", before ?? "latest", limit],
    queryFn: () =>
      getJson<HeadsPage>(
        ledgerUrl(`heads?limit=${limit}${before !== undefined ? `&before=${before}` : ""}`),
      ),
  });
}

/** The server's signing keys (GET /api/keys): they do not change while the page is open. */
export function useServerKeys() {
  return useQuery({
    queryKey: ["server-keys"],
    queryFn: () => getJson<{ keys: ServerKey[] }>("/api/keys"),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** What a head's signatures cover: the head without its signatures. */
export function statementOf(head: SignedHead): HeadStatement {
  return {
    process: head.process,
    tree_size: head.tree_size,
    root_hash: head.root_hash,
    timestamp: head.timestamp,
  };
}
