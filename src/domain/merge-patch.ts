import { isObject } from "./plain-object.ts";

/**
 * Applies an RFC 7396 JSON Merge Patch: members of the patch replace the target's, objects are
 * merged member by member, `null` removes a member, and anything that is not an object (an
 * array, a string) replaces the target whole. Pure; neither argument is changed.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}
