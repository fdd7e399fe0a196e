import type { Transaction } from "kysely";
import type { KindDefinition } from "../domain/kind.ts";
import { incidentsOfClaims } from "../store/dashboard.repository.ts";
import type { RecordWrite } from "../store/record.repository.ts";
import type { Database } from "../store/schema.ts";
import {
  adjustTileRollup,
  type RollupDelta,
  rollupKeyOf,
} from "../store/tile-rollup.repository.ts";
import { dashboardUpkeep } from "./dashboard-upkeep.ts";

/**
 * What the read side's rollups (the map's tiles, decision 0017, and the overview's, decision 0011)
 * are told by one write transaction: each change before it happens, each written row after, and
 * the end of the transaction, when they are brought up to date in it.
 */
export type RollupUpkeep = {
  /**
   * A stored or new record is about to change: `body` is what it will hold (null when it goes).
   * A stored record's share is taken out of the rollups as it is stored now.
   */
  changing(change: {
    kind: KindDefinition;
    id: string;
    body: Record<string, unknown> | null;
    isNew: boolean;
  }): Promise<void>;
  /** Many new records are about to be written at once; `claims` are their figures' incidents. */
  creatingMany(
    writes: readonly RecordWrite[],
    claims: ReadonlyArray<{ claim_id: string; incident_id: string | null }>,
  ): Promise<void>;
  /** A record was written: its share goes into the map's rollup if it is located at a point. */
  written(write: RecordWrite): void;
  /** Applies what the transaction changed; called once, after its last change. */
  finish(): Promise<void>;
};

export function rollupUpkeep(tx: Transaction<Database>, slug: string): RollupUpkeep {
  const tiles: RollupDelta[] = [];
  const overview = dashboardUpkeep(tx, slug);
  return {
    async changing({ kind, id, body, isNew }) {
      if (kind.type === "incident") await overview.incidentsChanging([id], isNew);
      if (kind.figures) {
        const about = body
          ? kind.figures(body).flatMap((row) => (row.incident_id ? [row.incident_id] : []))
          : [];
        if (isNew) {
          overview.claimsCreated(about.map((incident_id) => ({ claim_id: id, incident_id })));
        } else {
          const before = await incidentsOfClaims(tx, slug, [id]);
          await overview.figuresChanging([...about, ...before]);
        }
      }
      if (isNew) return;
      const old = await rollupKeyOf(tx, slug, id);
      if (old) tiles.push({ ...old, sign: -1 });
    },
    async creatingMany(writes, claims) {
      await overview.incidentsChanging(
        writes.flatMap((write) => (write.type === "incident" ? [write.id] : [])),
        true,
      );
      overview.claimsCreated(claims);
    },
    written(write) {
      const { cell, west, south, kind, verification } = write.index;
      if (cell === null || west === null || south === null) return;
      tiles.push({
        type: write.type,
        cell,
        kind,
        verification,
        visibility: write.visibility,
        restricted_to: write.restricted_to,
        lon: west,
        lat: south,
        sign: 1,
      });
    },
    async finish() {
      await adjustTileRollup(tx, slug, tiles);
      await overview.finish();
    },
  };
}
