/**
 * Puts an Observable Plot chart in its container. Plot names each mark's group after the mark
 * ("rect", "rule"): on an SVG group with no role that is a prohibited ARIA attribute and tells a
 * screen reader nothing, so those names go; the chart's own label and the table behind it stay.
 */
export function mountPlot(container: HTMLElement, chart: Element): void {
  for (const group of chart.querySelectorAll("g[aria-label]:not([role])")) {
    group.removeAttribute("aria-label");
  }
  container.replaceChildren(chart);
}
