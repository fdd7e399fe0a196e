import type { Signer } from "../ledger/signer.ts";
import type { Store } from "../store/db.ts";

/** What use cases need from the outside world, passed in so each can be run against any store. */
export type Services = {
  store: Store;
  signer: Signer;
  /** The current time; tests pass a fixed clock. */
  now: () => Date;
};

/** Who makes a change, as the ledger records it. Accounts (issue 5) will put user ids here. */
export type Principal = string;
