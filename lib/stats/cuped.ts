// CUPED (Deng et al. 2013): variance reduction with a pre-exposure covariate x of the metric y.
import type { Moments } from "./types";

/** Per-variation sums of the metric y, the covariate x and their product. */
export interface CupedStats {
  n: number;
  sum: number;
  sumSquares: number;
  covariateSum: number;
  covariateSumSquares: number;
  crossProductSum: number;
}

export interface CupedResult {
  /** Regression coefficient θ of y on x, pooled within variations. */
  theta: number;
  /** Adjusted moments per variation, ready for analyzeMetric({ kind: "moments" }). */
  variations: Moments[];
  /** 1 − Σ adjusted variance / Σ raw variance over variations (share of variance removed). */
  varianceReduction: number;
}

/**
 * θ = Σᵢ(Σxy − ΣxΣy/n)ᵢ / Σᵢ(Σx² − (Σx)²/n)ᵢ (within-variation pooled, i.e. the OLS slope of
 * y ~ variation + x); ȳᵢ' = ȳᵢ − θ(x̄ᵢ − x̄), s²ᵢ' = s²_y + θ²s²_x − 2θ·s_xy.
 */
export function cupedAdjust(variations: readonly CupedStats[]): CupedResult {
  let sxy = 0;
  let sxx = 0;
  let xTotal = 0;
  let nTotal = 0;
  for (const v of variations) {
    if (v.n <= 0) continue;
    sxy += v.crossProductSum - (v.covariateSum * v.sum) / v.n;
    sxx += v.covariateSumSquares - (v.covariateSum * v.covariateSum) / v.n;
    xTotal += v.covariateSum;
    nTotal += v.n;
  }
  // A constant covariate carries no information: no adjustment.
  const theta = sxx > 0 ? sxy / sxx : 0;
  const xMean = nTotal > 0 ? xTotal / nTotal : 0;
  let rawVariance = 0;
  let adjustedVariance = 0;
  const adjusted = variations.map((v): Moments => {
    if (v.n <= 0) return { n: v.n, mean: 0, variance: 0 };
    const yMean = v.sum / v.n;
    const xm = v.covariateSum / v.n;
    const df = v.n - 1;
    const varY = df > 0 ? (v.sumSquares - v.sum * yMean) / df : 0;
    const varX = df > 0 ? (v.covariateSumSquares - v.covariateSum * xm) / df : 0;
    const covXY = df > 0 ? (v.crossProductSum - v.covariateSum * yMean) / df : 0;
    const variance = Math.max(0, varY + theta * theta * varX - 2 * theta * covXY);
    rawVariance += Math.max(0, varY);
    adjustedVariance += variance;
    return { n: v.n, mean: yMean - theta * (xm - xMean), variance };
  });
  return {
    theta,
    variations: adjusted,
    varianceReduction: rawVariance > 0 ? 1 - adjustedVariance / rawVariance : 0,
  };
}
