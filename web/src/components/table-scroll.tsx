import type { ReactNode } from "react";

/**
 * A wide table's own scroll box, so the page keeps a phone's width. It takes the keyboard's focus
 * (WCAG 2.1.1: a region that scrolls must be reachable without a mouse), named by `label`.
 */
export function TableScroll({ children, label }: { children: ReactNode; label?: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
