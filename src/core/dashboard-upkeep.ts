import type { Transaction } from "kysely";
import { adjustDashboardRollup } from "../store/dashboard.repository.ts";
import type { Database } from "../store/schema.ts";

/** What a write transaction tells the overview's rollups, before each change and at its end. */
export type DashboardUpkeep = {
  /** These incidents are about to be created (`isNew`) or changed or deleted. */
  incidentsChanging(ids: readonly string[], isNew: boolean): Promise<void>;
  /** Stored claims about these incidents are about to change or go. */
  figuresChanging(incidentIds: readonly string[]): Promise<void>;
  /** These claims were created in this transaction, their figures stored. */
  claimsCreated(claimIds: readonly string[]): void;
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
  const created = new Set<string>();
  const takeOut = (ids: string[], part: "all" | "counts" | "figures") =>
    adjustDashboardRollup(tx, slug, ids, -1, part, { exceptClaims: [...created] });
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
    claimsCreated(claimIds) {
      for (const id of claimIds) created.add(id);
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
      await adjustDashboardRollup(tx, slug, null, 1, "figures", {
        onlyClaims: [...created],
        exceptIncidents: [...touched, ...figuresTouched],
      });
    },
  };
}
