import { createPublicKey } from "node:crypto";
import { z } from "zod";
import { isObject } from "../domain/plain-object.ts";
import {
  consistencyProof,
  fromHex,
  subtreeHasherFromLeaves,
  verifyConsistency,
} from "../ledger/merkle.ts";
import { keyIdOf, verifyHeadSignature } from "../ledger/signer.ts";
import { BUNDLE_FORMAT } from "./export-bundle.ts";
import { type CheckProblem, LedgerCheck, PROCESS_FIELDS } from "./ledger-check.ts";
import { extensionOf, readSavedHead } from "./saved-head.ts";

const Hex = z.string().regex(/^[0-9a-f]{64}$/, "64 hex digits");
const Cosignature = z.object({
  key_id: z.string(),
  public_key: z.string(),
  signature: z.string(),
  signer: z.string(),
  party: z.string().nullable(),
  signed_at: z.string(),
});
const Head = z.object({
  process: z.string(),
  tree_size: z.number().int().positive(),
  root_hash: Hex,
  timestamp: z.string(),
  key_id: z.string(),
  signature: z.string(),
  cosignatures: z.array(Cosignature).default([]),
});
const BundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(1),
  exported_at: z.string(),
  seen_as: z.string(),
  process: z.object({ slug: z.string() }).passthrough(),
  /** Absent from bundles made before the process's own fields were ledgered. */
  process_version: z.number().int().positive().optional(),
  keys: z.array(z.object({ key_id: z.string(), public_key: z.string() })),
  heads: z.array(Head),
  entries: z.array(
    z.object({
      seq: z.number().int().min(0),
      leaf_hash: Hex,
      content: z.string().optional(),
      redacted: z.literal(true).optional(),
    }),
  ),
  consistency: z
    .object({ first: z.number().int(), second: z.number().int(), path: z.array(Hex) })
    .optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});
export type Bundle = z.infer<typeof BundleSchema>;

export type CosignatureCheck = {
  tree_size: number;
  key_id: string;
  signer: string;
  party: string | null;
  valid: boolean;
};

export type BundleReport = {
  ok: boolean;
  process: string;
  seen_as: string;
  entries: number;
  redacted: number;
  records: number;
  heads: number;
  tree_size: number;
  root_hash: string;
  cosignatures: CosignatureCheck[];
  erased: Array<{ record_id: string; seq: number }>;
  extends?: { first: number; second: number; ok: boolean };
  problems: CheckProblem[];
};

function readBundle(input: unknown, which: string): Bundle {
  const parsed = BundleSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${which} is not a Truce bundle: ${issue?.path.join(".") || "(top)"}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

function cosignatureValid(head: z.infer<typeof Head>, c: z.infer<typeof Cosignature>): boolean {
  try {
    const statement = {
      process: head.process,
      tree_size: head.tree_size,
      root_hash: head.root_hash,
      timestamp: head.timestamp,
    };
    return (
      keyIdOf(createPublicKey(c.public_key)) === c.key_id &&
      verifyHeadSignature(c.public_key, statement, Buffer.from(c.signature, "base64"))
    );
  } catch {
    return false;
  }
}

/** Whether a JSON document is a bundle (its entries and heads) rather than one signed head. */
function isBundle(value: unknown): boolean {
  return isObject(value) && Array.isArray(value.entries) && Array.isArray(value.heads);
}

/**
 * Checks an offline bundle with no server and no database: every readable entry against its leaf
 * hash, every signed head against the entries and the server's key (pinned with `trustedKeys`, or
 * the keys the bundle carries), every co-signature, every record against the ledger; and, given an
 * earlier bundle, that this one extends it (an RFC 9162 consistency proof from the earlier signed
 * root to this one), or given an earlier signed head, that this bundle's first entries have its root.
 */
export async function verifyBundle(
  input: unknown,
  options: { earlier?: unknown; trustedKeys?: ReadonlyMap<string, string> } = {},
): Promise<BundleReport> {
  const bundle = readBundle(input, "the bundle");
  const slug = bundle.process.slug;
  const keys = options.trustedKeys ?? new Map(bundle.keys.map((k) => [k.key_id, k.public_key]));
  const heads = bundle.heads.map((head) => ({
    tree_size: head.tree_size,
    root_hash: head.root_hash,
    timestamp: head.timestamp,
    key_id: head.key_id,
    signature: new Uint8Array(Buffer.from(head.signature, "base64")),
  }));
  const check = new LedgerCheck(slug, heads, keys);
  // An earlier signed head (not a whole bundle) is checked against this bundle's own leaves.
  const savedHead =
    options.earlier !== undefined && !isBundle(options.earlier)
      ? readSavedHead(options.earlier, "the earlier head")
      : undefined;
  if (savedHead) check.watchRootAt(savedHead.tree_size);
  const leaves: Uint8Array[] = [];
  for (const entry of bundle.entries) {
    const leaf = fromHex(entry.leaf_hash);
    leaves.push(leaf);
    check.add({ seq: entry.seq, leaf_hash: leaf, content: entry.content });
  }
  check.finishEntries();
  const checked = await check.checkRecords(
    [
      // The process's own fields, once its ledger holds them, are checked like a record.
      ...(check.processEntries > 0
        ? [
            {
              id: PROCESS_FIELDS,
              view: {
                ...bundle.process,
                id: slug,
                type: "process",
                version: bundle.process_version ?? 1,
              },
            },
          ]
        : []),
      ...bundle.records.map((record) => {
        const { created_at: _c, updated_at: _u, ...view } = record;
        return { id: String(record.id), view };
      }),
    ],
    true,
  );
  // The process's own fields were checked too, but they are not one of its records.
  const records = check.processEntries > 0 ? checked - 1 : checked;
  const problems = check.sortedProblems();
  for (const head of bundle.heads) {
    if (head.process !== slug) {
      problems.push({ message: `a head of size ${head.tree_size} is for another process` });
    }
  }
  const cosignatures = bundle.heads.flatMap((head) =>
    head.cosignatures.map((c) => ({
      tree_size: head.tree_size,
      key_id: c.key_id,
      signer: c.signer,
      party: c.party,
      valid: cosignatureValid(head, c),
    })),
  );
  for (const c of cosignatures.filter((c) => !c.valid)) {
    problems.push({
      seq: c.tree_size - 1,
      message: `the co-signature of key ${c.key_id} on the head of size ${c.tree_size} does not verify`,
    });
  }
  const latest = bundle.heads.at(-1);
  const report: BundleReport = {
    ok: false,
    process: slug,
    seen_as: bundle.seen_as,
    entries: check.entries,
    redacted: bundle.entries.filter((e) => e.content === undefined).length,
    records,
    heads: bundle.heads.length,
    tree_size: latest?.tree_size ?? 0,
    root_hash: check.rootHash,
    cosignatures,
    erased: check.erased,
    problems,
  };

  if (savedHead) {
    const { extension, problems: found } = extensionOf(
      savedHead,
      { process: slug, size: check.entries, rootAtSaved: check.rootAtWatched },
      keys,
    );
    report.extends = extension;
    problems.unshift(...found);
  } else if (options.earlier !== undefined) {
    const earlier = readBundle(options.earlier, "the earlier bundle");
    const earlierReport = await verifyBundle(earlier, { trustedKeys: keys });
    const from = earlier.heads.at(-1);
    if (!earlierReport.ok || !from || earlier.process.slug !== slug || !latest) {
      problems.push({
        message: `the earlier bundle does not verify on its own, or is of another process`,
      });
    } else {
      const proof =
        bundle.consistency?.first === from.tree_size &&
        bundle.consistency.second === latest.tree_size
          ? bundle.consistency.path.map(fromHex)
          : from.tree_size <= leaves.length
            ? consistencyProof(from.tree_size, latest.tree_size, subtreeHasherFromLeaves(leaves))
            : [];
      const ok = verifyConsistency(
        from.tree_size,
        latest.tree_size,
        fromHex(from.root_hash),
        fromHex(latest.root_hash),
        proof,
      );
      report.extends = { first: from.tree_size, second: latest.tree_size, ok };
      if (!ok) {
        problems.push({
          message: `this bundle does not extend the earlier one: no consistency from size ${from.tree_size} (root ${from.root_hash}) to ${latest.tree_size}`,
        });
      }
    }
  }
  report.ok = problems.length === 0;
  return report;
}
