/** A column of numbers in one typed array: the overview's index and its id table keep these. */
export type Column = Float64Array | Int32Array | Uint16Array | Uint8Array;

/** The array itself if it holds `length`, else a copy at least twice as long (at least 1024). */
export function grown<T extends Column>(array: T, length: number): T {
  if (length <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(
    Math.max(length, array.length * 2, 1024),
  );
  next.set(array);
  return next;
}
