import { mayReadEntry, type Viewer } from "../domain/access.ts";
import { consistencyProof, subtreeHasherFromLeaves, toHex } from "../ledger/merkle.ts";
import { listCosignatures } from "../store/cosignature.repository.ts";
import {
  iterateEntries,
  listHeads,
  listSigningKeys,
  type StoredEntry,
} from "../store/ledger.repository.ts";
import { presentSignedHead } from "./cosign.ts";
import { exportRecords } from "./export-records.ts";
import { currentRecordsOf } from "./ledger-queries.ts";
import { requireProcess } from "./require-process.ts";
import type { Services } from "./services.ts";

export const BUNDLE_FORMAT = "truce-bundle";

/** How a viewer is written in a bundle: "public", "monitor", "delegate:ARM"... */
export function viewerLabel(viewer: Viewer): string {
  return viewer.role === "delegate" ? `delegate:${viewer.party}` : viewer.role;
}

/**
 * An offline bundle of a process as `viewer` may see it: the server's keys, every signed head with
 * its co-signatures, every ledger entry (its content where the viewer may read it, else only its
 * leaf hash), the records, and a consistency proof from `since` (a tree size an earlier bundle
 * ended at) to now. `truce verify --bundle` checks it with no server and no database.
 */
export async function* exportBundle(
  services: Services,
  slug: string,
  viewer: Viewer,
  options: { since?: number | undefined } = {},
): AsyncGenerator<string> {
  const process = await requireProcess(services, slug);
  const db = services.store.db;
  const keys = await listSigningKeys(db);
  const heads = await listHeads(db, slug);
  const cosignatures = await listCosignatures(db, slug);
  yield `{"format":"${BUNDLE_FORMAT}","version":1,"exported_at":${JSON.stringify(services.now().toISOString())},`;
  yield `\n"seen_as":${JSON.stringify(viewerLabel(viewer))},\n"process":${JSON.stringify(process.body)},`;
  // The version the ledger's last entry for the process's own fields names, to check them by.
  yield `\n"process_version":${process.version},`;
  yield `\n"keys":${JSON.stringify(keys.map((k) => ({ key_id: k.key_id, public_key: k.public_key })))},`;
  yield '\n"heads":[';
  for (const [i, head] of heads.entries()) {
    const signed = presentSignedHead(slug, head, cosignatures);
    yield `${i === 0 ? "\n" : ",\n"}${JSON.stringify(signed)}`;
  }
  yield '\n],\n"entries":[';
  const leaves: Uint8Array[] = [];
  let page: StoredEntry[] = [];
  let first = true;
  const flush = async function* () {
    const current = await currentRecordsOf(db, slug, page);
    for (const entry of page) {
      const readable = mayReadEntry(viewer, entry, current.get(entry.record_id));
      const shown = {
        seq: entry.seq,
        leaf_hash: toHex(entry.leaf_hash),
        ...(readable ? { content: entry.content } : { redacted: true }),
      };
      yield `${first ? "\n" : ",\n"}${JSON.stringify(shown)}`;
      first = false;
    }
    page = [];
  };
  for await (const entry of iterateEntries(db, slug)) {
    leaves.push(entry.leaf_hash);
    page.push(entry);
    if (page.length >= 1000) yield* flush();
  }
  yield* flush();
  yield "\n],";
  if (options.since !== undefined && options.since > 0 && options.since <= leaves.length) {
    const hasher = subtreeHasherFromLeaves(leaves);
    const proof = {
      first: options.since,
      second: leaves.length,
      path: consistencyProof(options.since, leaves.length, hasher).map(toHex),
    };
    yield `\n"consistency":${JSON.stringify(proof)},`;
  }
  yield '\n"records":[';
  first = true;
  for await (const record of exportRecords(services, slug, viewer)) {
    yield `${first ? "\n" : ",\n"}${JSON.stringify(record)}`;
    first = false;
  }
  yield "\n]}\n";
}
