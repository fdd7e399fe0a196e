import type { Caller } from "../domain/access.ts";
import type { Signer } from "../ledger/signer.ts";
import type { LedgerVersions } from "../read-model/ledger-versions.ts";
import type { OverviewMemory } from "../read-model/overview-memory.ts";
import type { Store } from "../store/db.ts";

/** What use cases need from the outside world, passed in so each can be run against any store. */
export type Services = {
  store: Store;
  signer: Signer;
  /** The current time; tests pass a fixed clock. */
  now: () => Date;
  /** Each process's ledger size as last seen: the version caches key on. */
  versions: LedgerVersions;
  /** The same, as the read replica has them (when there is one). */
  replicaVersions?: LedgerVersions;
  /**
   * Memory proofs may use to hold ledger trees (about 36 bytes per entry), per store; beyond it
   * they read the store. Default 256 MiB; 0 always reads the store.
   */
  proofMemoryBytes?: number;
  /**
   * The overview's in-memory indexes (`truce serve` holds them); without them the overview is
   * summed from the rollups on every request.
   */
  overviews?: OverviewMemory;
};

/** Who makes a change: what they may do follows from it, and the ledger records its id. */
export type Principal = Caller;
