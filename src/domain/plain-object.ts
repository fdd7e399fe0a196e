/** Whether a value is a plain JSON object (not null, not an array): a record's body, a field's. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
