import { DomainError } from "../domain/errors.ts";
import { isObject } from "../domain/plain-object.ts";
import { verifyHeadSignature } from "../ledger/signer.ts";
import type { CheckProblem } from "./ledger-check.ts";

/**
 * A signed tree head someone kept (`GET .../ledger/head`, or the last head of a bundle they
 * downloaded): what `truce verify --extends` proves the ledger still extends.
 */
export type SavedHead = {
  process: string;
  tree_size: number;
  root_hash: string;
  timestamp?: string;
  key_id?: string;
  /** Base64, as the API and bundles give it. */
  signature?: string;
};

/** What `--extends` found: whether the ledger of `second` entries extends the head of `first`. */
export type Extension = { first: number; second: number; ok: boolean };

const HEX64 = /^[0-9a-f]{64}$/;

function headOf(value: unknown, slug: unknown, what: string): SavedHead {
  if (
    !isObject(value) ||
    typeof slug !== "string" ||
    !Number.isSafeInteger(value.tree_size) ||
    (value.tree_size as number) < 0 ||
    typeof value.root_hash !== "string" ||
    !HEX64.test(value.root_hash)
  ) {
    throw new DomainError(
      "bad_request",
      `${what} is neither a signed tree head (process, tree_size, root_hash) nor a bundle`,
    );
  }
  const optional = (key: "timestamp" | "key_id" | "signature") =>
    typeof value[key] === "string" ? { [key]: value[key] as string } : {};
  return {
    process: slug,
    tree_size: value.tree_size as number,
    root_hash: value.root_hash,
    ...optional("timestamp"),
    ...optional("key_id"),
    ...optional("signature"),
  };
}

/** Reads a saved head from the JSON of a head or of a bundle (whose last head it takes). */
export function readSavedHead(input: unknown, what = "the saved head"): SavedHead {
  if (isObject(input) && Array.isArray(input.heads) && isObject(input.process)) {
    const last = input.heads.at(-1);
    if (last === undefined) {
      // A bundle of an empty ledger: every ledger extends it.
      return { process: String(input.process.slug), tree_size: 0, root_hash: "0".repeat(64) };
    }
    return headOf(last, input.process.slug, what);
  }
  return headOf(input, isObject(input) ? input.process : undefined, what);
}

/**
 * Whether a ledger of `size` entries, whose first `saved.tree_size` entries have the root
 * `rootAtSaved`, extends the saved head: fewer entries is a rollback, another root a fork. A head
 * that carries a signature must verify with one of the server's keys, or it proves nothing.
 */
export function extensionOf(
  saved: SavedHead,
  ledger: { process: string; size: number; rootAtSaved: string | undefined },
  keys: ReadonlyMap<string, string>,
): { extension: Extension; problems: CheckProblem[] } {
  const problems: CheckProblem[] = [];
  const extension = { first: saved.tree_size, second: ledger.size, ok: false };
  if (saved.process !== ledger.process) {
    problems.push({
      message: `the saved head is of process "${saved.process}", not "${ledger.process}"`,
    });
  } else if (ledger.size < saved.tree_size) {
    problems.push({
      message: `the ledger was rolled back: it has ${ledger.size} entries, the saved head of ${saved.timestamp ?? "an earlier time"} has ${saved.tree_size}`,
    });
  } else if (saved.tree_size > 0 && ledger.rootAtSaved !== saved.root_hash) {
    problems.push({
      seq: saved.tree_size - 1,
      message: `the ledger forks from the saved head: its first ${saved.tree_size} entries have the root ${ledger.rootAtSaved}, the saved head ${saved.root_hash}`,
    });
  }
  if (saved.signature !== undefined && saved.tree_size > 0) {
    const key = saved.key_id === undefined ? undefined : keys.get(saved.key_id);
    const signed = {
      process: saved.process,
      tree_size: saved.tree_size,
      root_hash: saved.root_hash,
      timestamp: saved.timestamp ?? "",
    };
    if (!key || !verifyHeadSignature(key, signed, Buffer.from(saved.signature, "base64"))) {
      problems.push({
        message: `the saved head of size ${saved.tree_size} carries no valid signature of the server's keys`,
      });
    }
  }
  extension.ok = problems.length === 0;
  return { extension, problems };
}
