import { existsSync } from "node:fs";
import { join } from "node:path";
import { DomainError } from "../domain/errors.ts";
import { loadSigner } from "../ledger/key-file.ts";
import type { Signer } from "../ledger/signer.ts";
import { LedgerVersions } from "../read-model/ledger-versions.ts";
import { openStore, type StoreOptions, storeOptionsFromEnv } from "../store/db.ts";
import { listSigningKeys, registerSigningKey } from "../store/ledger.repository.ts";
import type { Services } from "./services.ts";
import { upgradeRecords } from "./upgrade-records.ts";

/** How a command uses the signing key, and where it is told what it should know. */
export type SigningUse = {
  /** False for commands that only read (verify, export): they never make a key. */
  signs?: boolean;
  warn?: (message: string) => void;
};

/**
 * Opens the store the environment names (DATABASE_URL, else the embedded store in TRUCE_DATA_DIR)
 * and the server's signing key, and registers the key's public half so heads can be checked.
 * A command that signs makes the key on first use; when the store's heads were signed by other
 * keys, that is worth a warning: a backup restored without its `keys/` would go on signing with a
 * new key unnoticed.
 */
export async function openServices(
  env: NodeJS.ProcessEnv,
  command: string,
  options?: StoreOptions,
  use: SigningUse = {},
): Promise<Services> {
  const storeOptions = options ?? storeOptionsFromEnv(env, command);
  const dataDir =
    storeOptions.kind === "pglite" ? storeOptions.dataDir : (env.TRUCE_DATA_DIR ?? "./data");
  const store = await openStore(storeOptions);
  try {
    const file = env.TRUCE_SIGNING_KEY_FILE ?? join(dataDir, "keys", "ledger-ed25519.pem");
    const isNew = !env.TRUCE_SIGNING_KEY && !existsSync(file);
    let signer: Signer;
    if (isNew && use.signs === false) {
      signer = notSigning(command);
    } else {
      const known = isNew ? await listSigningKeys(store.db) : [];
      signer = loadSigner({ pem: env.TRUCE_SIGNING_KEY, file });
      if (known.some((key) => key.key_id !== signer.keyId)) {
        use.warn?.(
          `There was no signing key at ${file}: made a new one (${signer.keyId}). This store's ` +
            `heads were signed by ${known.map((key) => key.key_id).join(", ")}. If you restored a ` +
            "backup, stop and put its keys/ back: heads signed from now on name the new key.",
        );
      }
      await registerSigningKey(store.db, { key_id: signer.keyId, public_key: signer.publicKeyPem });
    }
    const versions = new LedgerVersions();
    await versions.refresh(store.db);
    const services: Services = { store, signer, now: () => new Date(), versions };
    if (store.readDb) {
      services.replicaVersions = new LedgerVersions();
      await services.replicaVersions.refresh(store.readDb);
    }
    // A command that writes first brings records of an older shape up to their kind's schema
    // (through the ledger); one that only reads sees the store as it is.
    if (use.signs !== false) {
      for (const done of await upgradeRecords(services)) {
        if (done.records > 0) {
          use.warn?.(
            `Upgraded ${done.records} record(s) of ${done.process} to "${done.upgrade}" (ledger updates by operator:upgrade)`,
          );
        }
      }
    }
    return services;
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The signer of a command that only reads: signing with it is a bug, said as such. */
function notSigning(command: string): Signer {
  return {
    keyId: "",
    publicKeyPem: "",
    sign: () => {
      throw new DomainError("conflict", `truce ${command} reads the record and signs nothing`);
    },
  };
}
