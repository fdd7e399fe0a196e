import type { ColumnType, Generated } from "kysely";
import type { OverviewFigure } from "../read-model/overview-index.ts";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb columns: written as text, read back as parsed JSON by both drivers. */
type Json<T> = ColumnType<T, string, string>;

export type ProcessTable = {
  id: string;
  name: string;
  body: Json<Record<string, unknown>>;
  version: number;
  ledger_size: ColumnType<string | number, number | undefined, number>;
  ledger_frontier: ColumnType<string[], string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type RecordTable = {
  process_id: string;
  id: string;
  type: string;
  version: number;
  visibility: string;
  restricted_to: string | null;
  body: Json<Record<string, unknown>>;
  kind: string | null;
  date_start: Timestamp | null;
  date_end: Timestamp | null;
  west: number | null;
  south: number | null;
  east: number | null;
  north: number | null;
  verification: string | null;
  cell: ColumnType<string | number | null, number | null, number | null>;
  sort_key: string;
  refs: ColumnType<string[], string[], string[]>;
  search: ColumnType<string, unknown, unknown>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type LedgerEntryTable = {
  process_id: string;
  seq: ColumnType<string | number, number, number>;
  at: Timestamp;
  principal: string;
  action: "create" | "update" | "delete" | "erase";
  record_type: string;
  record_id: string;
  content: string;
  leaf_hash: Uint8Array;
  visibility: string;
  restricted_to: string | null;
};

export type TreeHeadTable = {
  process_id: string;
  tree_size: ColumnType<string | number, number, number>;
  root_hash: Uint8Array;
  signed_at: Timestamp;
  key_id: string;
  signature: Uint8Array;
};

/** A claim's figure, as the overview's index holds it too, in its process. */
export type ClaimFigureTable = OverviewFigure & { process_id: string };

export type TileRollupTable = {
  process_id: string;
  type: string;
  cell12: ColumnType<string | number, number, number>;
  kind: string;
  verification: string;
  visibility: string;
  restricted_to: string;
  count: number;
  sum_lon: number;
  sum_lat: number;
};

export type TileRollupLevelTable = {
  process_id: string;
  type: string;
  shift: number;
  cell: ColumnType<string | number, number, number>;
  visibility: string;
  restricted_to: string;
  count: number;
  sum_lon: number;
  sum_lat: number;
};

export type LedgerNodeTable = {
  process_id: string;
  level: number;
  index: ColumnType<string | number, number, number>;
  hash: Uint8Array;
};

export type SigningKeyTable = { key_id: string; public_key: string; created_at: Timestamp };

export type UserTable = {
  id: string;
  email: string;
  password_hash: string | null;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
};

export type MembershipTable = {
  user_id: string;
  process_id: string | null;
  role: string;
  party: string | null;
};

export type SessionTable = {
  secret_hash: Uint8Array;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
};

export type ApiTokenTable = {
  id: string;
  secret_hash: Uint8Array;
  user_id: string;
  label: string | null;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
};

export type LoginFailureTable = { email: string; address: string; at: Timestamp };

export type CosignatureTable = {
  process_id: string;
  tree_size: ColumnType<string | number, number, number>;
  key_id: string;
  public_key: string;
  signature: Uint8Array;
  signer: string;
  party: string | null;
  signed_at: Timestamp;
};

export type MigrationTable = { name: string; applied_at: Generated<Timestamp> };

export type RecordUpgradeTable = {
  process_id: string;
  upgrade_id: string;
  records: number;
  applied_at: Timestamp;
};

/** A request sent with an Idempotency-Key, and its first answer (017_idempotency.sql). */
export type IdempotencyKeyTable = {
  process_id: string;
  principal: string;
  key: string;
  request_hash: string;
  status: number;
  response: Json<Record<string, unknown>>;
  record_id: string;
  created_at: Timestamp;
};

/** A photo attached to records, by the SHA-256 of its bytes (017_idempotency.sql). */
export type BlobTable = {
  process_id: string;
  sha256: string;
  media_type: string;
  size: number;
  content: Uint8Array;
  created_at: Timestamp;
  created_by: string;
};

export type Database = {
  process: ProcessTable;
  record: RecordTable;
  claim_figure: ClaimFigureTable;
  ledger_entry: LedgerEntryTable;
  tree_head: TreeHeadTable;
  ledger_node: LedgerNodeTable;
  tile_rollup: TileRollupTable;
  tile_rollup_level: TileRollupLevelTable;
  signing_key: SigningKeyTable;
  app_user: UserTable;
  membership: MembershipTable;
  user_session: SessionTable;
  api_token: ApiTokenTable;
  login_failure: LoginFailureTable;
  cosignature: CosignatureTable;
  schema_migration: MigrationTable;
  record_upgrade: RecordUpgradeTable;
  idempotency_key: IdempotencyKeyTable;
  blob: BlobTable;
};
