import { join } from "node:path";
import { loadSigner } from "../ledger/key-file.ts";
import { openStore, type StoreOptions, storeOptionsFromEnv } from "../store/db.ts";
import { registerSigningKey } from "../store/ledger.repository.ts";
import { LedgerVersions } from "./ledger-versions.ts";
import type { Services } from "./services.ts";

/**
 * Opens the store the environment names (DATABASE_URL, else the embedded store in TRUCE_DATA_DIR)
 * and the server's signing key, and registers the key's public half so heads can be checked.
 */
export async function openServices(
  env: NodeJS.ProcessEnv,
  command: string,
  options?: StoreOptions,
): Promise<Services> {
  const storeOptions = options ?? storeOptionsFromEnv(env, command);
  const dataDir =
    storeOptions.kind === "pglite" ? storeOptions.dataDir : (env.TRUCE_DATA_DIR ?? "./data");
  const store = await openStore(storeOptions);
  try {
    const signer = loadSigner({
      pem: env.TRUCE_SIGNING_KEY,
      file: env.TRUCE_SIGNING_KEY_FILE ?? join(dataDir, "keys", "ledger-ed25519.pem"),
    });
    await registerSigningKey(store.db, { key_id: signer.keyId, public_key: signer.publicKeyPem });
    const versions = new LedgerVersions();
    await versions.refresh(store.db);
    if (!store.readDb) return { store, signer, now: () => new Date(), versions };
    const replicaVersions = new LedgerVersions();
    await replicaVersions.refresh(store.readDb);
    return { store, signer, now: () => new Date(), versions, replicaVersions };
  } catch (error) {
    await store.close();
    throw error;
  }
}
