import type { Transaction } from "kysely";
import { adjustDashboardRollup } from "../store/dashboard.repository.ts";
import type { Database } from "../store/schema.ts";

/** What a write transaction tells the overview's rollups, before each change and at its end. */
export type DashboardUpkeep = {
  /** These incidents are about to be created (`isNew`) or changed or deleted. */
  incidentsChanging(ids: readonly string[], isNew: boolean): Promise<void>;
  /** Stored claims about these incidents are about to change or go. */
  figuresChanging(incidentIds: readonly string[]): Promise<void>;
  /** These claims were created in this transaction, about these incidents, their figures stored. */
  claimsCreated(claims: ReadonlyArray<{ claim_id: string; incident_id: string | null }>): void;
  /** Puts back what was taken out, as stored now, and adds the new claims. */
  finish(): Promise<void>;
};

/**
 * The rollups' upkeep by recomputation (decision 0011): an incident touched by the transaction has
 * its share taken out before its first change, as it was stored, and put back at the end, as it is
 * stored then; a new incident has nothing to take out. A change to a claim touches only the
 * figures (the incident's counts do not depend on its claims), and a new claim only adds its own
 * figures, unless its incident is put back whole anyway. Claims created in the transaction are
 * left out of every taking out, since they were never put in.
 */
export function dashboardUpkeep(tx: Transaction<Database>, slug: string): DashboardUpkeep {
  const touched = new Set<string>();
  const figuresTouched = new Set<string>();
  /** Claims created in the transaction, with the incidents their figures are about. */
  const created = new Map<string, Set<string>>();
  const takeOut = (ids: string[], part: "all" | "counts" | "figures") =>
    adjustDashboardRollup(tx, slug, ids, -1, part, { exceptClaims: [...created.keys()] });
  return {
    async incidentsChanging(ids, isNew) {
      const fresh = [...new Set(ids)].filter((id) => !touched.has(id));
      for (const id of fresh) touched.add(id);
      if (isNew) return;
      // Those whose figures are already out lose only their counts now.
      await takeOut(
        fresh.filter((id) => !figuresTouched.has(id)),
        "all",
      );
      await takeOut(
        fresh.filter((id) => figuresTouched.has(id)),
        "counts",
      );
    },
    async figuresChanging(incidentIds) {
      const fresh = [...new Set(incidentIds)].filter(
        (id) => !touched.has(id) && !figuresTouched.has(id),
      );
      for (const id of fresh) figuresTouched.add(id);
      await takeOut(fresh, "figures");
    },
    claimsCreated(claims) {
      for (const { claim_id, incident_id } of claims) {
        const about = created.get(claim_id) ?? new Set<string>();
        if (incident_id !== null) about.add(incident_id);
        created.set(claim_id, about);
      }
    },
    async finish() {
      await adjustDashboardRollup(tx, slug, [...touched], 1, "all");
      await adjustDashboardRollup(
        tx,
        slug,
        [...figuresTouched].filter((id) => !touched.has(id)),
        1,
        "figures",
      );
      // New claims about incidents put back neither way: their own figures only.
      const alone = new Set<string>();
      const claims: string[] = [];
      for (const [claim, incidents] of created) {
        const untouched = [...incidents].filter(
          (id) => !touched.has(id) && !figuresTouched.has(id),
        );
        if (untouched.length === 0) continue;
        claims.push(claim);
        for (const id of untouched) alone.add(id);
      }
      await adjustDashboardRollup(tx, slug, [...alone], 1, "figures", { onlyClaims: claims });
    },
  };
}
