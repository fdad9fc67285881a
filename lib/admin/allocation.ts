import { BUCKET_COUNT, rangesFromWeights, type AllocationRange } from "@/lib/flags";
import { InvalidInputError } from "./errors";

/**
 * Allocation ranges for the weights of a flag's variations, in the flag's variation order.
 * Variations without a weight get none; weights for unknown variations are reported at `weights.{key}`.
 */
export function allocationFor(variationKeys: readonly string[], weights: Record<string, number>): AllocationRange[] {
  const unknown = Object.keys(weights).filter((key) => !variationKeys.includes(key));
  if (unknown.length > 0) {
    throw new InvalidInputError(Object.fromEntries(unknown.map((key) => [`weights.${key}`, ["This flag has no such variation"]])));
  }
  const list = variationKeys.map((key) => weights[key] ?? 0);
  if (!list.some((w) => w > 0)) throw InvalidInputError.field("weights", "Give at least one variation a share");
  return rangesFromWeights(variationKeys, list);
}

/** Share of traffic (0..100) each variation gets from stored ranges; for showing and editing allocations. */
export function percentagesFromRanges(ranges: readonly AllocationRange[]): Record<string, number> {
  const shares: Record<string, number> = {};
  for (const range of ranges) {
    shares[range.variation] = (shares[range.variation] ?? 0) + ((range.end - range.start + 1) / BUCKET_COUNT) * 100;
  }
  return shares;
}
