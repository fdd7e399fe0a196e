import type { Transaction } from "kysely";
import {
  findRememberedRequest,
  type RememberedRequest,
  rememberRequest,
} from "../store/idempotency.repository.ts";
import type { Database } from "../store/schema.ts";

/**
 * The requests a principal sent with an Idempotency-Key, inside a process writer's locked
 * transaction: a repeat finds the first answer, and a new key is kept with the change it made, so
 * both commit together or not at all.
 */
export type RequestMemory = {
  recall(key: string): Promise<RememberedRequest | undefined>;
  remember(key: string, request: RememberedRequest): Promise<void>;
};

export function requestMemory(context: {
  tx: Transaction<Database>;
  slug: string;
  principal: string;
  at: string;
}): RequestMemory {
  const { tx, slug, principal, at } = context;
  return {
    recall: (key) => findRememberedRequest(tx, slug, principal, key),
    remember: (key, request) => rememberRequest(tx, { ...request, slug, principal, key, at }),
  };
}
