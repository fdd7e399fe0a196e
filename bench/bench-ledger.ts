import { createHash } from "node:crypto";
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
import { iterateEntries } from "../src/store/ledger.repository.ts";
import { mulberry32, SYNTHETIC_PROCESS } from "./generate.ts";
import { percentile, round, sample, timed } from "./measure.ts";
import type { BenchContext } from "./services.ts";

/**
 * ledger.append: entries per second appended inside write transactions (sources created 1,000 per
 * transaction), against raw SHA-256 of the same entries' bytes. ledger.verify: a full
 * `truce verify` of the synthetic process, against raw SHA-256 of all its entries. And the time
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

  const verified = await timed(() => verifyLedger(services, slug));
  if (!verified.value.ok)
    throw new Error(`verify failed: ${JSON.stringify(verified.value.problems[0])}`);
  const verifyRate = (contents.length / verified.ms) * 1000;
  report({
    name: "ledger.verify",
    store: storeName,
    n: contents.length,
    value: round(verifyRate),
    unit: "entries/s",
    baseline: round(rawRate),
    ratio: round(verifyRate / rawRate),
    note: "entries, heads, signatures and every record checked; baseline: SHA-256 of the entries",
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
