import type { Services } from "../src/core/services.ts";
import { generatePrivateKeyPem, signerFromPem } from "../src/ledger/signer.ts";
import { LedgerVersions } from "../src/read-model/ledger-versions.ts";
import { openStore } from "../src/store/db.ts";
import { registerSigningKey } from "../src/store/ledger.repository.ts";

/** Services over a fresh store: PGlite on disk in `dir`, or the PostgreSQL database at `url`. */
export async function openBenchServices(
  storeName: "pglite" | "postgres",
  dir: string,
  url?: string,
): Promise<Services> {
  const store =
    storeName === "postgres"
      ? await openStore({ kind: "postgres", url: url as string, poolSize: 8 })
      : await openStore({ kind: "pglite", dataDir: dir, command: "bench" });
  const signer = signerFromPem(generatePrivateKeyPem());
  await registerSigningKey(store.db, { key_id: signer.keyId, public_key: signer.publicKeyPem });
  const versions = new LedgerVersions();
  // As `truce serve` does on start: caches key on each process's ledger size (a reused database).
  await versions.refresh(store.db);
  return { store, signer, now: () => new Date(), versions };
}

export type BenchContext = {
  services: Services;
  storeName: "pglite" | "postgres";
  n: number;
  dir: string;
  isQuick: boolean;
  /** Whether the store already holds the synthetic process (`--reuse`): no load then. */
  isLoaded: boolean;
  /** The benchmark groups asked for (`--only`); all by default. */
  only: ReadonlySet<string>;
  report: (result: import("./measure.ts").BenchResult) => void;
};
