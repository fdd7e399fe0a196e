import type { KindPlugin } from "../plugins.ts";
import { ViolationChart } from "./violation-chart.tsx";

/** The counts' list page opens with each reporter's series charted side by side. */
export const plugin: KindPlugin = {
  Summary: () => <ViolationChart />,
};
