import { BUCKET_COUNT } from "./hash";
import type { AllocationRange } from "./types";

/** The variation whose inclusive range covers `bucket`, or null when none does. */
export function variationForBucket(ranges: readonly AllocationRange[], bucket: number): string | null {
  for (const range of ranges) {
    if (bucket >= range.start && bucket <= range.end) return range.variation;
  }
  return null;
}

/**
 * Turns relative weights into contiguous ranges tiling 0..9999 exactly.
 * Largest remainder: each variation gets floor(share) buckets, then the leftover buckets go to
 * the largest fractional parts (ties to the earlier variation), so rounding never loses a bucket.
 * Variations with zero weight get no range.
 */
export function rangesFromWeights(variations: readonly string[], weights: readonly number[]): AllocationRange[] {
  if (variations.length !== weights.length) throw new Error("variations and weights differ in length");
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) throw new Error("weights must be finite and >= 0");
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total <= 0) throw new Error("weights must not all be zero");

  const exact = weights.map((w) => (w / total) * BUCKET_COUNT);
  const counts = exact.map(Math.floor);
  let leftover = BUCKET_COUNT - counts.reduce((sum, c) => sum + c, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .filter(({ index }) => (weights[index] ?? 0) > 0)
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (let i = 0; leftover > 0; i = (i + 1) % byRemainder.length, leftover--) {
    const entry = byRemainder[i];
    if (entry) counts[entry.index] = (counts[entry.index] ?? 0) + 1;
  }

  const ranges: AllocationRange[] = [];
  let start = 0;
  variations.forEach((variation, index) => {
    const count = counts[index] ?? 0;
    if (count === 0) return;
    ranges.push({ variation, start, end: start + count - 1 });
    start += count;
  });
  return ranges;
}
