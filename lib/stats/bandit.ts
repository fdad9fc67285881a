// Multi-armed bandit: Thompson-sampling weights and their bucket ranges.
import betaRandom from "@stdlib/random-base-beta";
import type { ProportionStats } from "./types";
import { BUCKET_COUNT, rangesFromWeights, type AllocationRange } from "../flags";

export interface ThompsonOptions {
  /** Monte Carlo draws (at least 10,000). */
  draws?: number;
  /** Seed (integer 1 … 2³² − 1) of the Mersenne Twister behind the Beta draws; same seed, same weights. */
  seed?: number;
  /** Floor for every arm's weight (default 0.01); must satisfy minWeight·arms ≤ 1. */
  minWeight?: number;
}

export interface ThompsonResult {
  /** Monte Carlo estimate of P(arm has the highest conversion rate), Beta(1 + sum, 1 + n − sum) posteriors. */
  probabilityBest: number[];
  /** probabilityBest raised to the floor and renormalised; sums to 1. */
  weights: number[];
}

export type { AllocationRange };
export const BUCKETS = BUCKET_COUNT;

/** P(best)ᵢ ≈ #{draws where arm i's θᵢ ~ Beta(1 + sumᵢ, 1 + nᵢ − sumᵢ) is the maximum} / draws. */
export function thompsonWeights(arms: readonly ProportionStats[], options: ThompsonOptions = {}): ThompsonResult {
  const draws = Math.max(10000, Math.floor(options.draws ?? 10000));
  const minWeight = options.minWeight ?? 0.01;
  const k = arms.length;
  if (k === 0) return { probabilityBest: [], weights: [] };
  if (minWeight < 0 || minWeight * k > 1) throw new RangeError(`minWeight ${minWeight} is infeasible for ${k} arms`);
  const seed = options.seed;
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 1 && seed <= 0xffffffff)) {
    throw new RangeError(`seed must be an integer from 1 to 4294967295, got ${seed}`);
  }
  const rand = betaRandom.factory(seed === undefined ? {} : { seed });
  const alphas = arms.map((a) => 1 + a.sum);
  const betas = arms.map((a) => 1 + Math.max(0, a.n - a.sum));
  const wins = new Float64Array(k);
  for (let d = 0; d < draws; d++) {
    let best = 0;
    let bestValue = -1;
    for (let i = 0; i < k; i++) {
      const value = rand(alphas[i] as number, betas[i] as number);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    wins[best] = (wins[best] as number) + 1;
  }
  const probabilityBest = Array.from(wins, (w) => w / draws);
  return { probabilityBest, weights: applyFloor(probabilityBest, minWeight) };
}

/**
 * Raises every weight to `floor` and scales the others to share the rest:
 * wᵢ = floor for floored arms, pᵢ·(1 − floor·#floored)/Σ_free p otherwise, repeated until stable.
 */
export function applyFloor(probabilities: readonly number[], floor: number): number[] {
  const k = probabilities.length;
  const floored = new Array<boolean>(k).fill(false);
  const weights = probabilities.slice();
  for (let changed = true; changed; ) {
    changed = false;
    let freeMass = 1;
    let freeTotal = 0;
    let freeCount = 0;
    for (let i = 0; i < k; i++) {
      if (floored[i]) freeMass -= floor;
      else {
        freeTotal += probabilities[i] as number;
        freeCount++;
      }
    }
    for (let i = 0; i < k; i++) {
      if (floored[i]) weights[i] = floor;
      // With no probability mass left among free arms, split the remainder evenly.
      else weights[i] = freeTotal > 0 ? ((probabilities[i] as number) * freeMass) / freeTotal : freeMass / freeCount;
    }
    for (let i = 0; i < k; i++) {
      if (!floored[i] && (weights[i] as number) < floor) {
        floored[i] = true;
        changed = true;
      }
    }
  }
  return weights;
}

/** Largest-remainder split of the 10,000 buckets (lib/flags' rangesFromWeights, which the admin forms use too). */
export function weightsToRanges(weights: readonly number[], keys: readonly string[]): AllocationRange[] {
  return rangesFromWeights(keys, weights);
}
