import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConsistencyProof, getInclusionProof } from "../src/core/ledger-queries.ts";
import { loadReferenceProcess } from "../src/core/load-reference-process.ts";
import { writeToProcess } from "../src/core/process-writer.ts";
import type { Services } from "../src/core/services.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { kindByType } from "../src/domain/kinds/index.ts";
import { parseRecordInput } from "../src/domain/record-input.ts";
import {
  consistencyProof,
  inclusionProof,
  subtreeHasherFromLeaves,
  toHex,
} from "../src/ledger/merkle.ts";
import { iterateEntries } from "../src/store/ledger.repository.ts";
import { openTestServices, STORE_NAMES } from "./support/stores.ts";

const SLUG = "armenia-azerbaijan";

/** Proofs computed the plain way: from every leaf hash of the ledger, no stored nodes, no cache. */
async function plainHasher(services: Services) {
  const leaves: Uint8Array[] = [];
  for await (const entry of iterateEntries(services.store.db, SLUG)) leaves.push(entry.leaf_hash);
  return { size: leaves.length, hasher: subtreeHasherFromLeaves(leaves) };
}

async function appendSources(services: Services, from: number, count: number) {
  const source = kindByType("source");
  if (!source) throw new Error("no source kind");
  await writeToProcess(services, SLUG, operatorCaller("test"), (writer) =>
    writer.createMany(
      Array.from({ length: count }, (_, i) => ({
        kind: source,
        parsed: parseRecordInput(source, {
          id: `proof-${from + i}`,
          title: `Report ${from + i}`,
          kind: "news",
        }),
      })),
    ),
  );
}

// Proofs from the tree held in memory (the default), and from the store's nodes and leaves.
const CASES = STORE_NAMES.flatMap((store) => [
  { store, from: "memory", proofMemoryBytes: undefined },
  { store, from: "the store", proofMemoryBytes: 0 },
]);

describe.each(CASES)(
  "ledger proofs on $store, from $from",
  ({ store: storeName, proofMemoryBytes }) => {
    let services: Services;
    beforeAll(async () => {
      services = await openTestServices(storeName);
      if (proofMemoryBytes !== undefined) services.proofMemoryBytes = proofMemoryBytes;
      await loadReferenceProcess(services, operatorCaller("test"));
      await appendSources(services, 0, 1100);
    });
    afterAll(async () => {
      await services.store.close();
    });

    /** Every proof the fast path (one read, cached subtrees) builds equals the plain one. */
    async function expectSameProofs(cases: Array<[size: number, index: number, first: number]>) {
      const { hasher } = await plainHasher(services);
      for (const [size, index, first] of cases) {
        const inclusion = await getInclusionProof(services, SLUG, index, size);
        expect(inclusion.audit_path, `inclusion ${index} in ${size}`).toEqual(
          inclusionProof(size, index, hasher).map(toHex),
        );
        expect(inclusion.root_hash).toBe(toHex(hasher(0, size)));
        expect(inclusion.leaf_hash).toBe(toHex(hasher(index, index + 1)));
        const consistency = await getConsistencyProof(services, SLUG, first, size);
        expect(consistency.consistency_path, `consistency ${first} to ${size}`).toEqual(
          consistencyProof(first, size, hasher).map(toHex),
        );
        expect(consistency.first_root_hash).toBe(toHex(hasher(0, first)));
        expect(consistency.second_root_hash).toBe(toHex(hasher(0, size)));
      }
    }

    function someCases(size: number, count: number, seed: number) {
      let state = seed;
      const next = (below: number) => {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        return state % below;
      };
      const cases: Array<[number, number, number]> = [
        [size, 0, 1],
        [size, size - 1, size],
        [size, size - 1, size - 1],
        [1, 0, 1],
        [16, 15, 8],
        [1024, 1023, 512],
      ];
      for (let i = 0; i < count; i++) {
        const treeSize = i % 3 === 0 ? size : 1 + next(size);
        cases.push([treeSize, next(treeSize), 1 + next(treeSize)]);
      }
      return cases;
    }

    it("builds the same proofs as the plain computation, repeatedly and as the ledger grows", async () => {
      const { size } = await plainHasher(services);
      const cases = someCases(size, 60, 7);
      // Twice: the second round is answered mostly from the cache the first one filled.
      await expectSameProofs(cases);
      await expectSameProofs(cases);
      await appendSources(services, 1100, 333);
      const grown = await plainHasher(services);
      expect(grown.size).toBe(size + 333);
      await expectSameProofs([...cases, ...someCases(grown.size, 60, 11)]);
    });

    it("still proves from leaves where stored nodes are missing (ledgers from before nodes)", async () => {
      await sql`DELETE FROM ledger_node WHERE process_id = ${SLUG}`.execute(services.store.db);
      await appendSources(services, 2000, 50);
      const { size } = await plainHasher(services);
      await expectSameProofs(someCases(size, 20, 13));
    });
  },
);
