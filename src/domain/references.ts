import type { FieldIssue } from "./errors.ts";
import type { KindDefinition, Reference } from "./kind.ts";
import { aOrAn } from "./words.ts";

/**
 * What is wrong with a record's references, given the kind of each id it may point at
 * (`typeOf` answers undefined for an id that does not exist). A record may name itself only in
 * fields that accept its own kind.
 */
export function referenceIssues(
  kind: KindDefinition,
  id: string,
  refs: readonly Reference[],
  typeOf: (id: string) => string | undefined,
): FieldIssue[] {
  return refs.flatMap((ref) => {
    const found = ref.to_id === id ? kind.type : typeOf(ref.to_id);
    if (found !== undefined && ref.to_types.includes(found)) return [];
    const wanted = ref.to_types.join(" or ");
    return [
      {
        path: ref.field,
        value: ref.to_id,
        message: found
          ? `"${ref.to_id}" is ${aOrAn(found)}, not ${aOrAn(wanted)}`
          : `no ${wanted} "${ref.to_id}" in this process`,
      },
    ];
  });
}

/** The ids a record refers to, as stored for lookups: each once, sorted, never itself. */
export function storedReferences(id: string, refs: readonly Reference[]): string[] {
  return [...new Set(refs.map((ref) => ref.to_id).filter((to) => to !== id))].sort();
}
