import type { TFunction } from "i18next";
import type { ComponentType } from "react";
import type { Column } from "../pages/record-list.tsx";

/**
 * What a kind adds to its generic list page from its own folder, `web/src/kinds/<type>/index.tsx`:
 * columns beyond the fields its definition lists (a withdrawal's gap between plan and reports) and a
 * summary above the list (the violation counts' chart).
 * A kind with no folder gets the generic page alone.
 */
export type KindPlugin = {
  columns?: (t: TFunction) => Column[];
  /** Shown above the list: a chart of the kind's records (a violation count's series). */
  Summary?: ComponentType;
};

const modules = import.meta.glob<{ plugin: KindPlugin }>("./*/index.tsx", { eager: true });

const byType = new Map(
  Object.entries(modules).map(([path, module]) => [
    path.replace(/^\.\/([^/]+)\/index\.tsx$/, "$1"),
    module.plugin,
  ]),
);

/** The web app's additions for a kind, found by its folder's name (the kind's type). */
export function pluginOf(type: string): KindPlugin | undefined {
  return byType.get(type);
}
