import type { FieldIssue } from "./errors.ts";
import type { KindDefinition, Reference } from "./kind.ts";

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
          ? `"${ref.to_id}" is a ${found}, not a ${wanted}`
          : `no ${wanted} "${ref.to_id}" in this process`,
      },
    ];
  });
}

/** The references stored in record_ref: each once, and never to the record itself. */
export function storedReferences(
  id: string,
  refs: readonly Reference[],
): Array<{ field: string; to_id: string }> {
  const unique = new Map<string, { field: string; to_id: string }>();
  for (const ref of refs) {
    if (ref.to_id !== id)
      unique.set(`${ref.field}\u0000${ref.to_id}`, { field: ref.field, to_id: ref.to_id });
  }
  return [...unique.values()];
}
