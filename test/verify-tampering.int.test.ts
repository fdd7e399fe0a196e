import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRecord } from "../src/core/create-record.ts";
import { loadReferenceProcess } from "../src/core/load-reference-process.ts";
import type { Services } from "../src/core/services.ts";
import { type VerifyProblem, verifyLedger } from "../src/core/verify-ledger.ts";
import { operatorCaller } from "../src/domain/access.ts";
import { generatePrivateKeyPem, signerFromPem } from "../src/ledger/signer.ts";
import { LedgerVersions } from "../src/read-model/ledger-versions.ts";
import { openStore, type Store } from "../src/store/db.ts";
import { registerSigningKey } from "../src/store/ledger.repository.ts";
import type { Database } from "../src/store/schema.ts";
import { sampleInput } from "./support/factories.ts";
import { createTestDatabase, STORE_NAMES, type StoreName } from "./support/stores.ts";

const SLUG = "armenia-azerbaijan";
const INCIDENT = "inc-tampered";
const CLAIM = "claim-tampered";
const signer = signerFromPem(generatePrivateKeyPem());

/**
 * The example loaded once per store and copied for each case (a PGlite dump, a PostgreSQL
 * template database): every case edits its own copy with SQL, as a hostile operator would.
 */
type Template = { open: () => Promise<Store>; drop: () => Promise<void> };

async function loadedTemplate(name: StoreName): Promise<Template> {
  const load = async (store: Store) => {
    await registerSigningKey(store.db, { key_id: signer.keyId, public_key: signer.publicKeyPem });
    const services = servicesOver(store);
    await loadReferenceProcess(services, operatorCaller("test"));
    // An incident on the map between two actors, and a claim with figures about it, each in a
    // transaction of its own, so that the heads are a chain with a middle and every rollup has rows.
    await createRecord(
      services,
      SLUG,
      "incident",
      { ...sampleInput("incident"), id: INCIDENT, actors: ["ARM", "AZE"] },
      operatorCaller("a"),
    );
    await createRecord(
      services,
      SLUG,
      "claim",
      {
        id: CLAIM,
        claimant: "ARM",
        subject: "incident",
        incident_id: INCIDENT,
        statement: "Two soldiers and a civilian were wounded",
        figures: { wounded: { AZE: 2, civilians: 1 } },
      },
      operatorCaller("b"),
    );
  };
  if (name === "pglite") {
    const store = await openStore({ kind: "pglite-memory" });
    await load(store);
    const dump = await store.pglite?.dumpDataDir("none");
    await store.close();
    if (!dump) throw new Error("no PGlite dump");
    return {
      open: () => openStore({ kind: "pglite-memory", template: dump }),
      drop: async () => {},
    };
  }
  const template = await createTestDatabase();
  const store = await openStore({ kind: "postgres", url: template.url, poolSize: 2 });
  await load(store);
  await store.close();
  return {
    open: async () => {
      const copy = await createTestDatabase(undefined, { template: template.url });
      const opened = await openStore({ kind: "postgres", url: copy.url, poolSize: 2 });
      return {
        ...opened,
        close: async () => {
          await opened.close();
          await copy.drop();
        },
      };
    },
    drop: template.drop,
  };
}

function servicesOver(store: Store): Services {
  return { store, signer, now: () => new Date(), versions: new LedgerVersions() };
}

type Db = Kysely<Database>;

/** The first row of a query, or a failure naming it. */
async function one<T>(db: Db, query: ReturnType<typeof sql<T>>): Promise<T> {
  const { rows } = await query.execute(db);
  if (!rows[0]) throw new Error("the example has no such row");
  return rows[0];
}

/** The incident on the map, with a cell, a verification, a date and references. */
const locatedIncident = async (_db: Db) => ({ id: INCIDENT });

/** What one kind of tampering does, and what verify must name for it. */
type Tampering = {
  what: string;
  /** Edits the store; returns what the report must hold (record or entry named, message). */
  edit: (db: Db) => Promise<{ record_id?: string; seq?: number; message: RegExp }>;
};

/** Changes one row of a rollup, the first with a count, so that it shows numbers never held. */
const rollupRow = (table: string, set: string) => async (db: Db) => {
  await sql`UPDATE ${sql.table(table)} SET ${sql.raw(set)}
    WHERE ctid IN (SELECT ctid FROM ${sql.table(table)} WHERE count > 0 LIMIT 1)`.execute(db);
  return { message: new RegExp(`\\(${table}\\) differs from the records it sums`) };
};

/** Changes one derived column of a located incident. */
const incidentColumn = (column: string, set: string) => async (db: Db) => {
  const { id } = await locatedIncident(db);
  await sql`UPDATE record SET ${sql.raw(set)} WHERE id = ${id}`.execute(db);
  return { record_id: id, message: new RegExp(`record "${id}"'s ${column} column says`) };
};

/** Changes one column of ledger entry 5 (a record's creation) behind its leaf hash. */
const entryColumn = (column: string, set: string) => async (db: Db) => {
  await sql`UPDATE ledger_entry SET ${sql.raw(set)} WHERE seq = 5`.execute(db);
  return {
    seq: 5,
    message: new RegExp(`entry 5's ${column} column disagrees with its signed content`),
  };
};

const TAMPERINGS: Tampering[] = [
  {
    what: "a claim figure's low bound",
    edit: async (db) => {
      const claim_id = CLAIM;
      await sql`UPDATE claim_figure SET low = low + 1000 WHERE ctid IN (
        SELECT ctid FROM claim_figure WHERE claim_id = ${claim_id} AND low IS NOT NULL LIMIT 1)`.execute(
        db,
      );
      return {
        record_id: claim_id,
        message: /claimed figures \(claim_figure\) differ from the figures its fields claim/,
      };
    },
  },
  { what: "the figure rollup", edit: rollupRow("claim_figure_rollup", "sum_low = sum_low + 50") },
  { what: "the incident rollup", edit: rollupRow("incident_rollup", "count = count + 3") },
  { what: "the actor rollup", edit: rollupRow("incident_actor_rollup", "count = count + 3") },
  { what: "the tile rollup", edit: rollupRow("tile_rollup", "count = count + 3") },
  {
    what: "a tile rollup's level",
    edit: rollupRow("tile_rollup_level", "count = count + 3"),
  },
  {
    what: "the tile rollup's coordinates",
    edit: rollupRow("tile_rollup", "sum_lon = sum_lon + 1"),
  },
  {
    what: "a record's verification column",
    edit: incidentColumn(
      "verification",
      "verification = CASE WHEN verification = 'verified' THEN 'unverified' ELSE 'verified' END",
    ),
  },
  {
    what: "a record's date column",
    edit: incidentColumn("date_start", "date_start = date_start - interval '3 days'"),
  },
  {
    what: "a record's references column",
    edit: incidentColumn("refs", "refs = refs[2:]"),
  },
  {
    what: "a record's kind column",
    edit: incidentColumn("kind", "kind = kind || '-forged'"),
  },
  { what: "a record's map cell", edit: incidentColumn("cell", "cell = cell + 65536") },
  { what: "a record's box", edit: incidentColumn("west", "west = west + 0.5") },
  { what: "a record's sort key", edit: incidentColumn("sort_key", "sort_key = '0000'") },
  {
    what: "a record's search words",
    edit: async (db) => {
      const { id } = await locatedIncident(db);
      await sql`UPDATE record SET search = to_tsvector('simple', 'nothing happened') WHERE id = ${id}`.execute(
        db,
      );
      return { record_id: id, message: /search column does not index its fields/ };
    },
  },
  {
    what: "a record's type",
    edit: async (db) => {
      const { id } = await locatedIncident(db);
      await sql`UPDATE record SET type = 'post' WHERE id = ${id}`.execute(db);
      return { record_id: id, message: /differs from what ledger entry \d+ says it is/ };
    },
  },
  {
    what: "a ledger entry's visibility",
    edit: entryColumn(
      "visibility",
      "visibility = CASE WHEN visibility = 'public' THEN 'confidential' ELSE 'public' END",
    ),
  },
  { what: "a ledger entry's principal", edit: entryColumn("principal", "principal = 'mallory'") },
  { what: "a ledger entry's time", edit: entryColumn("at", "at = at - interval '1 year'") },
  {
    what: "a tree head deleted from the middle of the list",
    edit: async (db) => {
      const { tree_size } = await one<{ tree_size: number }>(
        db,
        sql`SELECT tree_size::int AS tree_size FROM tree_head ORDER BY tree_size DESC OFFSET 1 LIMIT 1`,
      );
      await sql`DELETE FROM tree_head WHERE tree_size = ${tree_size}`.execute(db);
      return {
        seq: tree_size,
        message: new RegExp(
          `the signed tree head of size ${tree_size}, which entry ${tree_size}'s transaction follows, is missing`,
        ),
      };
    },
  },
  {
    what: "the process row's ledger frontier",
    edit: async (db) => {
      await sql`UPDATE process SET ledger_frontier = jsonb_set(ledger_frontier::jsonb, '{0}', '"${sql.raw("00".repeat(32))}"')`.execute(
        db,
      );
      return { message: /the process's ledger frontier .* does not match its ledger's entries/ };
    },
  },
  {
    what: "the process row's name",
    edit: async (db) => {
      await sql`UPDATE process SET name = 'A forged name'`.execute(db);
      return { message: /the process's name column says "A forged name"/ };
    },
  },
  {
    what: "the process row's body",
    edit: async (db) => {
      await sql`UPDATE process SET body = jsonb_set(body, '{description}', '"forged"')`.execute(db);
      return { message: /the process's own fields differ from what ledger entry \d+ says/ };
    },
  },
  {
    what: "a record's visibility",
    edit: async (db) => {
      const { id } = await locatedIncident(db);
      await sql`UPDATE record SET visibility = 'confidential' WHERE id = ${id}`.execute(db);
      return { record_id: id, message: /differs from what ledger entry \d+ says it is/ };
    },
  },
  {
    what: "a rollback of the last transaction's entries and head",
    edit: async (db) => {
      const { tree_size } = await one<{ tree_size: number }>(
        db,
        sql`SELECT tree_size::int AS tree_size FROM tree_head ORDER BY tree_size DESC OFFSET 1 LIMIT 1`,
      );
      await sql`DELETE FROM ledger_entry WHERE seq >= ${tree_size}`.execute(db);
      await sql`DELETE FROM tree_head WHERE tree_size > ${tree_size}`.execute(db);
      await sql`UPDATE process SET ledger_size = ${tree_size}`.execute(db);
      // The source that transaction created is still there, with no entry to vouch for it.
      return { message: /exists but the ledger has no current entry for it/ };
    },
  },
];

describe.each(STORE_NAMES)("truce verify names each kind of tampering on %s", (storeName) => {
  let template: Template;
  beforeAll(async () => {
    template = await loadedTemplate(storeName);
  }, 120_000);
  afterAll(async () => {
    await template?.drop();
  });

  it("passes the untouched copy", async () => {
    const store = await template.open();
    try {
      const report = await verifyLedger(servicesOver(store));
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it.each(TAMPERINGS)("finds $what", async ({ edit }) => {
    const store = await template.open();
    try {
      const want = await edit(store.db);
      const report = await verifyLedger(servicesOver(store));
      expect(report.ok).toBe(false);
      const named = report.problems.find((problem: VerifyProblem) =>
        want.message.test(problem.message),
      );
      expect(named, report.problems.map((p) => p.message).join("\n")).toBeDefined();
      if (want.record_id) expect(named?.record_id).toBe(want.record_id);
      if (want.seq !== undefined) expect(named?.seq).toBe(want.seq);
    } finally {
      await store.close();
    }
  });
});
