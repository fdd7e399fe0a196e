import { type Kysely, sql, type Transaction } from "kysely";
import type { Membership, Role } from "../domain/access.ts";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

export type StoredUser = {
  id: string;
  email: string;
  password_hash: string | null;
  disabled_at: Date | null;
};

/** A signed-in user as a session or token finds them: who, in which roles. */
export type Authenticated = {
  user_id: string;
  email: string;
  memberships: Membership[];
  csrf_token: string | null;
};

export async function insertUser(
  db: Db,
  user: { id: string; email: string; password_hash: string | null; at: Date },
): Promise<void> {
  await db
    .insertInto("app_user")
    .values({
      id: user.id,
      email: user.email,
      password_hash: user.password_hash,
      created_at: user.at,
    })
    .execute();
}

export async function findUserByEmail(db: Db, email: string): Promise<StoredUser | undefined> {
  return db
    .selectFrom("app_user")
    .select(["id", "email", "password_hash", "disabled_at"])
    .where(sql<string>`lower(email)`, "=", email.toLowerCase())
    .executeTakeFirst();
}

export async function listUsers(
  db: Db,
): Promise<Array<StoredUser & { memberships: Membership[] }>> {
  const users = await db
    .selectFrom("app_user")
    .select(["id", "email", "password_hash", "disabled_at"])
    .orderBy("email")
    .execute();
  const memberships = await db.selectFrom("membership").selectAll().execute();
  return users.map((user) => ({
    ...user,
    memberships: memberships.filter((m) => m.user_id === user.id).map(toMembership),
  }));
}

/** Gives a user a role in a process (or every process), replacing the role held there before. */
export async function setMembership(db: Db, userId: string, membership: Membership): Promise<void> {
  await db
    .deleteFrom("membership")
    .where("user_id", "=", userId)
    .where(sql<string>`coalesce(process_id, '')`, "=", membership.process ?? "")
    .execute();
  await db
    .insertInto("membership")
    .values({
      user_id: userId,
      process_id: membership.process,
      role: membership.role,
      party: membership.party,
    })
    .execute();
}

function toMembership(row: {
  process_id: string | null;
  role: string;
  party: string | null;
}): Membership {
  return { process: row.process_id, role: row.role as Role, party: row.party };
}

async function membershipsOf(db: Db, userId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom("membership")
    .select(["process_id", "role", "party"])
    .where("user_id", "=", userId)
    .execute();
  return rows.map(toMembership);
}

export async function insertSession(
  db: Db,
  session: {
    secret_hash: Uint8Array;
    user_id: string;
    csrf_token: string;
    at: Date;
    expires_at: Date;
  },
): Promise<void> {
  await db
    .insertInto("user_session")
    .values({
      secret_hash: session.secret_hash,
      user_id: session.user_id,
      csrf_token: session.csrf_token,
      created_at: session.at,
      expires_at: session.expires_at,
    })
    .execute();
}

export async function deleteSession(db: Db, secretHash: Uint8Array): Promise<void> {
  await db.deleteFrom("user_session").where("secret_hash", "=", secretHash).execute();
}

/** The user behind a live session of an enabled account, or undefined. */
export async function findSessionUser(
  db: Db,
  secretHash: Uint8Array,
  now: Date,
): Promise<Authenticated | undefined> {
  const row = await db
    .selectFrom("user_session")
    .innerJoin("app_user", "app_user.id", "user_session.user_id")
    .select(["app_user.id", "app_user.email", "user_session.csrf_token"])
    .where("user_session.secret_hash", "=", secretHash)
    .where("user_session.expires_at", ">", now)
    .where("app_user.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    user_id: row.id,
    email: row.email,
    csrf_token: row.csrf_token,
    memberships: await membershipsOf(db, row.id),
  };
}

export async function insertToken(
  db: Db,
  token: {
    id: string;
    secret_hash: Uint8Array;
    user_id: string;
    label: string | null;
    at: Date;
    expires_at: Date | null;
  },
): Promise<void> {
  await db
    .insertInto("api_token")
    .values({
      id: token.id,
      secret_hash: token.secret_hash,
      user_id: token.user_id,
      label: token.label,
      created_at: token.at,
      expires_at: token.expires_at,
    })
    .execute();
}

/** The user behind a live, unrevoked API token of an enabled account, or undefined. */
export async function findTokenUser(
  db: Db,
  secretHash: Uint8Array,
  now: Date,
): Promise<Authenticated | undefined> {
  const row = await db
    .selectFrom("api_token")
    .innerJoin("app_user", "app_user.id", "api_token.user_id")
    .select(["app_user.id", "app_user.email"])
    .where("api_token.secret_hash", "=", secretHash)
    .where("api_token.revoked_at", "is", null)
    .where((eb) =>
      eb.or([eb("api_token.expires_at", "is", null), eb("api_token.expires_at", ">", now)]),
    )
    .where("app_user.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    user_id: row.id,
    email: row.email,
    csrf_token: null,
    memberships: await membershipsOf(db, row.id),
  };
}

export async function insertLoginFailure(
  db: Db,
  failure: { email: string; address: string; at: Date },
): Promise<void> {
  await db
    .insertInto("login_failure")
    .values({ email: failure.email.toLowerCase(), address: failure.address, at: failure.at })
    .execute();
}

/** How many failed sign-ins there were since a time, and when the last one was (null: none). */
export type FailureCount = { count: number; last: Date | null };

/**
 * Failed sign-ins since `since`: for this account from this address, for this account from
 * anywhere, and from this address for any account.
 */
export async function countLoginFailures(
  db: Db,
  email: string,
  address: string,
  since: Date,
): Promise<{ pair: FailureCount; email: FailureCount; address: FailureCount }> {
  const lower = email.toLowerCase();
  const row = await db
    .selectFrom("login_failure")
    .select([
      sql<string>`count(*) FILTER (WHERE email = ${lower} AND address = ${address})`.as("pair_n"),
      sql<Date | null>`max(at) FILTER (WHERE email = ${lower} AND address = ${address})`.as(
        "pair_at",
      ),
      sql<string>`count(*) FILTER (WHERE email = ${lower})`.as("email_n"),
      sql<Date | null>`max(at) FILTER (WHERE email = ${lower})`.as("email_at"),
      sql<string>`count(*) FILTER (WHERE address = ${address})`.as("address_n"),
      sql<Date | null>`max(at) FILTER (WHERE address = ${address})`.as("address_at"),
    ])
    .where("at", ">", since)
    .where((eb) => eb.or([eb("email", "=", lower), eb("address", "=", address)]))
    .executeTakeFirstOrThrow();
  const at = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    pair: { count: Number(row.pair_n), last: at(row.pair_at) },
    email: { count: Number(row.email_n), last: at(row.email_at) },
    address: { count: Number(row.address_n), last: at(row.address_at) },
  };
}

export async function clearLoginFailures(db: Db, email: string, before: Date): Promise<void> {
  await db
    .deleteFrom("login_failure")
    .where((eb) => eb.or([eb("email", "=", email.toLowerCase()), eb("at", "<", before)]))
    .execute();
}

/**
 * Disables an account: its sessions end and its tokens are revoked at once, and no new ones can be
 * made while it stays disabled. False when there is no such account.
 */
export async function disableUser(db: Db, email: string, at: Date): Promise<boolean> {
  const user = await findUserByEmail(db, email);
  if (!user) return false;
  await db.updateTable("app_user").set({ disabled_at: at }).where("id", "=", user.id).execute();
  await db.deleteFrom("user_session").where("user_id", "=", user.id).execute();
  await db
    .updateTable("api_token")
    .set({ revoked_at: at })
    .where("user_id", "=", user.id)
    .where("revoked_at", "is", null)
    .execute();
  return true;
}
