import { createHash } from "node:crypto";
import { LedgerCheck } from "../src/core/ledger-check.ts";
import {
  getConsistencyProof,
  getInclusionProof,
  getLedgerHead,
} from "../src/core/ledger-queries.ts";
import { writeToProcess } from "../src/core/process-writer.ts";
import { verifyLedger } from "../src/core/verify-ledger.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { kindByType } from "../src/domain/kinds/index.ts";
import { parseRecordInput } from "../src/domain/record-input.ts";
import { toHex } from "../src/ledger/merkle.ts";
import { iterateEntries, listHeads, listSigningKeys } from "../src/store/ledger.repository.ts";
import { mulberry32, SYNTHETIC_PROCESS } from "./generate.ts";
import { percentile, round, sample, timed } from "./measure.ts";
import type { BenchContext } from "./services.ts";

/**
 * ledger.append: entries per second appended inside write transactions (sources created 1,000 per
 * transaction), against raw SHA-256 of the same entries' bytes. ledger.verify: the ledger pass of
 * `truce verify` of the synthetic process, against raw SHA-256 of all its entries; verify.whole:
 * all of it (records, derived columns, rollups), against the ledger pass. And the time
 * to build inclusion and consistency proofs at the ledger's full size.
 */
export async function runLedgerBench(context: BenchContext): Promise<void> {
  const { services, storeName, n, isQuick, report } = context;
  const slug = SYNTHETIC_PROCESS.slug;
  const source = kindByType("source");
  if (!source) throw new Error("no source kind");
  const appends = isQuick ? 5000 : 20_000;
  const appended = await timed(async () => {
    for (let start = 0; start < appends; start += 1000) {
      await writeToProcess(services, slug, operatorCaller("bench"), (writer) =>
        writer.createMany(
          Array.from({ length: 1000 }, (_, i) => ({
            kind: source,
            parsed: parseRecordInput(source, {
              id: `bench-src-${start + i}`,
              title: `Report ${start + i}`,
              kind: "news",
            }),
          })),
        ),
      );
    }
  });

  const contents: string[] = [];
  for await (const entry of iterateEntries(services.store.db, slug)) contents.push(entry.content);
  const hashAll = () => {
    const start = performance.now();
    for (const content of contents) createHash("sha256").update("\u0000").update(content).digest();
    return performance.now() - start;
  };
  const rawMs = Math.min(hashAll(), hashAll(), hashAll());
  const rawRate = (contents.length / rawMs) * 1000;
  const appendRate = (appends / appended.ms) * 1000;
  report({
    name: "ledger.append",
    store: storeName,
    n,
    value: round(appendRate),
    unit: "entries/s",
    baseline: round(rawRate),
    ratio: round(appendRate / rawRate),
    note: "records and entries written 1,000 per transaction; baseline: SHA-256 of the same bytes",
  });

  // The ledger pass alone, as verify makes it: entries read in pages, each leaf hashed, parsed,
  // its columns and record digest checked, the tree rebuilt and every signed head checked.
  const db = services.store.db;
  const pass = await timed(async () => {
    const keys = new Map((await listSigningKeys(db)).map((key) => [key.key_id, key.public_key]));
    const heads = (await listHeads(db, slug)).map((head) => ({
      tree_size: head.tree_size,
      root_hash: toHex(head.root_hash),
      timestamp: new Date(head.signed_at).toISOString(),
      key_id: head.key_id,
      signature: head.signature,
    }));
    const check = new LedgerCheck(slug, heads, keys);
    for await (const entry of iterateEntries(db, slug)) {
      check.add({
        seq: entry.seq,
        leaf_hash: entry.leaf_hash,
        content: entry.content,
        columns: entry,
      });
    }
    check.finishEntries();
    if (check.problems.length > 0) throw new Error(`ledger pass: ${check.problems[0]?.message}`);
  });
  const passRate = (contents.length / pass.ms) * 1000;
  report({
    name: "ledger.verify",
    store: storeName,
    n: contents.length,
    value: round(passRate),
    unit: "entries/s",
    baseline: round(rawRate),
    ratio: round(passRate / rawRate),
    note: "the ledger pass of truce verify: entries read, leaf hashes, columns, record digests, tree, signed heads; baseline: SHA-256 of the entries",
  });

  const verified = await timed(() => verifyLedger(services, slug));
  if (!verified.value.ok)
    throw new Error(`verify failed: ${JSON.stringify(verified.value.problems[0])}`);
  const verifyRate = (contents.length / verified.ms) * 1000;
  report({
    name: "verify.whole",
    store: storeName,
    n: contents.length,
    value: round(verifyRate),
    unit: "entries/s",
    baseline: round(passRate),
    ratio: round(verifyRate / passRate),
    note: `all of truce verify (${round(verified.ms / 1000)} s): the ledger pass, every record, its derived columns and figures, the five rollups recomputed; baseline: the ledger pass alone`,
  });

  const head = await getLedgerHead(services, slug);
  const size = head.tree_size;
  const random = mulberry32(11);
  const count = isQuick ? 30 : 100;
  const inclusion = await sample(count, () =>
    getInclusionProof(services, slug, Math.floor(random() * size), size),
  );
  const consistency = await sample(count, () =>
    getConsistencyProof(services, slug, 1 + Math.floor(random() * (size - 1)), size),
  );
  report({
    name: "ledger.proof.inclusion",
    store: storeName,
    n: size,
    value: round(percentile(inclusion, 95)),
    unit: "ms p95",
    baseline: round(percentile(inclusion, 50)),
    ratio: null,
    note: "baseline holds the p50",
  });
  report({
    name: "ledger.proof.consistency",
    store: storeName,
    n: size,
    value: round(percentile(consistency, 95)),
    unit: "ms p95",
    baseline: round(percentile(consistency, 50)),
    ratio: null,
    note: "baseline holds the p50",
  });
}
