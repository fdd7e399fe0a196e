import { kindByType, loadOrder } from "./kinds/index.ts";

/**
 * Orders records so that each comes after the records it refers to: kinds in load order, and
 * within a kind (a commitment superseded by another) referenced records first. The file's order
 * is kept wherever references do not force another. Cycles keep their file order.
 * `body` is the record's parsed fields (defaults applied), which references are read from.
 */
export function orderForLoad<
  T extends { type: string; record: Record<string, unknown>; body: Record<string, unknown> },
>(items: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of items) {
    if (typeof item.record.id === "string") byId.set(item.record.id, item);
  }
  const ordered: T[] = [];
  const state = new Map<T, "visiting" | "done">();
  const visit = (item: T) => {
    if (state.has(item)) return;
    state.set(item, "visiting");
    const kind = kindByType(item.type);
    for (const ref of kind?.references(item.body) ?? []) {
      const target = byId.get(ref.to_id);
      if (target && target !== item && target.type === item.type) visit(target);
    }
    state.set(item, "done");
    ordered.push(item);
  };
  const byKind = [...items].sort((a, b) => loadOrder(a.type) - loadOrder(b.type));
  for (const item of byKind) visit(item);
  return ordered;
}
