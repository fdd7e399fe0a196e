/** Timing helpers for benchmarks: wall-clock samples and their percentiles. */

export type BenchResult = {
  name: string;
  /** "none" for a benchmark that does not touch a store (extraction). */
  store: "pglite" | "postgres" | "none";
  n: number;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  note?: string;
  /** A benchmark's parts, where one number hides what it is made of. */
  detail?: Record<string, unknown>;
};

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Runs `work` `count` times (after `warmup` unrecorded runs) and returns each run's milliseconds. */
export async function sample(
  count: number,
  work: (i: number) => Promise<unknown>,
  warmup = 3,
): Promise<number[]> {
  // A benchmark left out with --only samples nothing, not even its warm-up runs.
  if (count === 0) return [];
  for (let i = 0; i < warmup; i++) await work(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await work(i);
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * Two ways of doing the same work, timed on the same inputs in alternating order (a then b on even
 * samples, b then a on odd ones), so that neither always finds the caches the other warmed.
 */
export async function samplePair(
  count: number,
  a: (i: number) => Promise<unknown>,
  b: (i: number) => Promise<unknown>,
  warmup = 3,
): Promise<[number[], number[]]> {
  if (count === 0) return [[], []];
  for (let i = 0; i < warmup; i++) {
    await a(-1 - i);
    await b(-1 - i);
  }
  const timesA: number[] = [];
  const timesB: number[] = [];
  const time = async (work: (i: number) => Promise<unknown>, i: number, into: number[]) => {
    const start = performance.now();
    await work(i);
    into.push(performance.now() - start);
  };
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      await time(a, i, timesA);
      await time(b, i, timesB);
    } else {
      await time(b, i, timesB);
      await time(a, i, timesA);
    }
  }
  return [timesA, timesB];
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

export const round = (value: number, digits = 3): number => Number(value.toPrecision(digits));
