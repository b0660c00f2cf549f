/**
 * Distributions for reports (issue 16): percentiles of days to close (medians and tails, not means:
 * one follow-up left open for a year says nothing about the typical one) and aging buckets of open
 * follow-ups.
 */

/** The nearest-rank percentile (p in 0..100) of the values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** Age buckets of open follow-ups, in days since they were opened. */
export const AGE_BUCKETS = [
  { key: "0-7", max: 7 },
  { key: "8-30", max: 30 },
  { key: "31-90", max: 90 },
  { key: "over-90", max: Number.POSITIVE_INFINITY },
] as const;

export type AgeBucket = (typeof AGE_BUCKETS)[number]["key"];

/** How many ages fall in each bucket (every bucket present, in order). */
export function ageBuckets(ages: readonly number[]): Record<AgeBucket, number> {
  const counts = Object.fromEntries(AGE_BUCKETS.map((b) => [b.key, 0])) as Record<AgeBucket, number>;
  for (const age of ages) counts[ageBucket(age)] += 1;
  return counts;
}

/** The bucket an age falls in. */
export function ageBucket(age: number): AgeBucket {
  return AGE_BUCKETS.find((b) => age <= b.max)!.key;
}
