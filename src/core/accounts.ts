import { createHash, randomBytes, randomUUID } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";
import { type Caller, type Membership, OPERATOR, PUBLIC_CALLER, ROLES } from "../domain/access.ts";
import { DomainError } from "../domain/errors.ts";
import { RecordIdSchema } from "../domain/record.ts";
import {
  type Authenticated,
  clearLoginFailures,
  countLoginFailures,
  deleteSession,
  disableUser,
  findSessionUser,
  findTokenUser,
  findUserByEmail,
  insertLoginFailure,
  insertSession,
  insertToken,
  insertUser,
  listUsers,
  setMembership,
} from "../store/account.repository.ts";
import { findProcess } from "../store/process.repository.ts";
import { findRecord } from "../store/record.repository.ts";
import { parseInput } from "./query-params.ts";
import type { Services } from "./services.ts";

/** How long a session lasts from sign-in. */
export const SESSION_HOURS = 12;
/**
 * How failed sign-ins slow the next attempt (decision 0026): after `free` failures within the
 * window, each further one doubles the wait from the last failure, up to `capSeconds`. Failures for
 * one account from one address, and from one address for any account, back off up to the whole
 * window; failures for one account from everywhere only up to a minute, so that no stranger can
 * lock anyone out of their account.
 */
export const LOGIN_BACKOFF = {
  windowMinutes: 15,
  pair: { free: 3, capSeconds: 15 * 60 },
  address: { free: 20, capSeconds: 15 * 60 },
  email: { free: 5, capSeconds: 60 },
} as const;

/** Seconds still to wait after `count` failures, the last at `last`; 0 when none. */
export function loginWait(
  failures: { count: number; last: Date | null },
  rule: { free: number; capSeconds: number },
  now: Date,
): number {
  if (failures.count < rule.free || failures.last === null) return 0;
  const backoff = Math.min(rule.capSeconds, 2 ** (failures.count - rule.free));
  return Math.max(0, backoff - (now.getTime() - failures.last.getTime()) / 1000);
}

const TOKEN_PREFIX = "truce_";

// OWASP's argon2id minimum (19 MiB, 2 passes): slow for guessing, quick enough for a sign-in.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Sessions and tokens are long random secrets: a fast hash is enough to store them safely. */
function secretHash(secret: string): Uint8Array {
  return new Uint8Array(createHash("sha256").update(secret, "utf8").digest());
}

function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

const NewUserSchema = z
  .object({
    email: z.email().max(320),
    role: z.enum(ROLES),
    party: RecordIdSchema.optional(),
    process: z.string().min(1).max(64).optional(),
    password: z.string().min(12, "at least 12 characters").max(1000).optional(),
  })
  .strict()
  .superRefine((u, ctx) => {
    if (u.role === "delegate" && u.party === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["party"],
        message: "a delegate speaks for a party: name its actor id (ARM, for one)",
      });
    if (u.role !== "delegate" && u.party !== undefined)
      ctx.addIssue({ code: "custom", path: ["party"], message: "only delegates have a party" });
  });
export type NewUser = z.input<typeof NewUserSchema>;

/**
 * Creates a user (or gives an existing one another role) and, when asked, an API token that is
 * returned once and stored only as its hash.
 */
export async function addUser(
  services: Services,
  input: NewUser,
  options: { token?: boolean } = {},
): Promise<{ user_id: string; created: boolean; token?: string }> {
  const user = parseInput(NewUserSchema, input);
  const db = services.store.db;
  if (user.process !== undefined && !(await findProcess(db, user.process))) {
    throw new DomainError("not_found", `No process "${user.process}"`, {
      issues: [{ path: "process", message: "no such process", value: user.process }],
    });
  }
  if (user.party !== undefined && user.process !== undefined) {
    const party = await findRecord(db, user.process, user.party, OPERATOR);
    if (party?.type !== "actor") {
      throw new DomainError("validation_failed", `No actor "${user.party}" in ${user.process}`, {
        issues: [{ path: "party", message: "no such actor in the process", value: user.party }],
      });
    }
  }
  const passwordHash = user.password === undefined ? null : await hash(user.password, ARGON2);
  const now = services.now();
  return db.transaction().execute(async (tx) => {
    const existing = await findUserByEmail(tx, user.email);
    const userId = existing?.id ?? `usr_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
    if (!existing) {
      await insertUser(tx, { id: userId, email: user.email, password_hash: passwordHash, at: now });
    } else if (passwordHash !== null) {
      await tx
        .updateTable("app_user")
        .set({ password_hash: passwordHash })
        .where("id", "=", userId)
        .execute();
    }
    await setMembership(tx, userId, {
      process: user.process ?? null,
      role: user.role,
      party: user.party ?? null,
    });
    const result: { user_id: string; created: boolean; token?: string } = {
      user_id: userId,
      created: !existing,
    };
    if (options.token) result.token = await issueTokenIn(tx, userId, now, "cli");
    return result;
  });
}

async function issueTokenIn(
  db: Services["store"]["db"],
  userId: string,
  now: Date,
  label: string | null,
): Promise<string> {
  const secret = `${TOKEN_PREFIX}${newSecret()}`;
  await insertToken(db, {
    id: `tok_${randomUUID().replaceAll("-", "").slice(0, 16)}`,
    secret_hash: secretHash(secret),
    user_id: userId,
    label,
    at: now,
    expires_at: null,
  });
  return secret;
}

/** Every user with their roles, for the operator (never the password hashes). */
export async function listAccounts(
  services: Services,
): Promise<Array<{ id: string; email: string; disabled: boolean; memberships: Membership[] }>> {
  return (await listUsers(services.store.db)).map((user) => ({
    id: user.id,
    email: user.email,
    disabled: user.disabled_at !== null,
    memberships: user.memberships,
  }));
}

/** Disables a user now: sessions end, tokens are revoked, sign-in is refused. */
export async function disableAccount(services: Services, email: string): Promise<void> {
  const done = await services.store.db
    .transaction()
    .execute((tx) => disableUser(tx, email, services.now()));
  if (!done) {
    throw new DomainError("not_found", `No user "${email}"`, {
      issues: [{ path: "email", message: "no such user", value: email }],
    });
  }
}

// Verifying against this keeps an unknown email as slow as a wrong password.
const DUMMY_HASH = hash("truce: no such user", ARGON2);

export type SignedIn = {
  secret: string;
  csrf_token: string;
  expires_at: Date;
  user: { id: string; email: string; memberships: Membership[] };
};

/**
 * Signs a user in with email and password and opens a session. After too many failures for the
 * account or from the address, refuses even the right password until the window passes.
 */
export async function signIn(
  services: Services,
  credentials: { email: string; password: string },
  address: string,
): Promise<SignedIn> {
  const db = services.store.db;
  const now = services.now();
  const since = new Date(now.getTime() - LOGIN_BACKOFF.windowMinutes * 60_000);
  const failures = await countLoginFailures(db, credentials.email, address, since);
  const wait = Math.ceil(
    Math.max(
      loginWait(failures.pair, LOGIN_BACKOFF.pair, now),
      loginWait(failures.address, LOGIN_BACKOFF.address, now),
      loginWait(failures.email, LOGIN_BACKOFF.email, now),
    ),
  );
  if (wait > 0) {
    throw new DomainError(
      "too_many_requests",
      `Too many failed sign-ins: try again in ${wait} second${wait === 1 ? "" : "s"}`,
      { retry_after: wait },
    );
  }
  const user = await findUserByEmail(db, credentials.email);
  const ok =
    user?.password_hash && user.disabled_at === null
      ? await verify(user.password_hash, credentials.password).catch(() => false)
      : (await verify(await DUMMY_HASH, credentials.password).catch(() => false)) && false;
  if (!ok || !user) {
    await insertLoginFailure(db, { email: credentials.email, address, at: now });
    throw new DomainError("unauthorized", "Wrong email or password");
  }
  await clearLoginFailures(db, credentials.email, since);
  const secret = newSecret();
  const session = {
    secret_hash: secretHash(secret),
    user_id: user.id,
    csrf_token: newSecret(),
    at: now,
    expires_at: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
  };
  await insertSession(db, session);
  const found = await findSessionUser(db, session.secret_hash, now);
  return {
    secret,
    csrf_token: session.csrf_token,
    expires_at: session.expires_at,
    user: { id: user.id, email: user.email, memberships: found?.memberships ?? [] },
  };
}

export async function signOut(services: Services, secret: string): Promise<void> {
  await deleteSession(services.store.db, secretHash(secret));
}

/** Who a request is, from its session cookie or bearer token. */
export type Authentication = {
  caller: Caller;
  via: "session" | "token" | null;
  email?: string;
  csrf_token?: string;
  memberships?: Membership[];
};

/**
 * The caller behind a session secret or an API token; the public when neither is given. A secret
 * that matches nothing live (forged, expired, revoked, signed out) is refused, never downgraded to
 * the public, so a client learns at once that its credentials are gone.
 */
export async function authenticate(
  services: Services,
  credentials: { session?: string | undefined; token?: string | undefined },
): Promise<Authentication> {
  const now = services.now();
  let found: Authenticated | undefined;
  let via: Authentication["via"] = null;
  if (credentials.token !== undefined) {
    via = "token";
    found = credentials.token.startsWith(TOKEN_PREFIX)
      ? await findTokenUser(services.store.db, secretHash(credentials.token), now)
      : undefined;
    if (!found) throw new DomainError("unauthorized", "The API token is not valid");
  } else if (credentials.session !== undefined) {
    via = "session";
    found = await findSessionUser(services.store.db, secretHash(credentials.session), now);
    if (!found) throw new DomainError("unauthorized", "The session has expired: sign in again");
  }
  if (!found) return { caller: PUBLIC_CALLER, via: null };
  return {
    caller: { id: `user:${found.user_id}`, memberships: found.memberships },
    via,
    email: found.email,
    memberships: found.memberships,
    ...(found.csrf_token ? { csrf_token: found.csrf_token } : {}),
  };
}
