// Shared types of lib/stats: sufficient statistics in, plain numbers out.

/** Binary metric: n units, sum of them converted. */
export interface ProportionStats {
  n: number;
  sum: number;
}

/** Numeric metric per unit: n units, sum and sum of squares of their values. */
export interface MeanStats {
  n: number;
  sum: number;
  sumSquares: number;
}

/** Ratio metric: per-unit numerator and denominator sums, squares and cross products. */
export interface RatioStats {
  n: number;
  numeratorSum: number;
  numeratorSumSquares: number;
  denominatorSum: number;
  denominatorSumSquares: number;
  crossProductSum: number;
}

export type MetricKind = "proportion" | "mean" | "ratio";
export type SufficientStats = ProportionStats | MeanStats | RatioStats;

/** What every test needs from a variation: units, point value and per-unit variance. */
export interface Moments {
  n: number;
  mean: number;
  variance: number;
}

export type Engine = "frequentist" | "bayesian" | "sequential";
export type Difference = "relative" | "absolute";
export type Alternative = "two-sided" | "greater" | "less";

/** Interval bounds; null stands for an unbounded side or an undefined value (never NaN/Infinity). */
export type Interval = [number | null, number | null];

export type ComparisonStatus = "ok" | "insufficient-data" | "zero-control" | "zero-variance";

/** Gaussian prior on the effect (on the scale of `difference`). */
export interface GaussianPrior {
  mean: number;
  variance: number;
}
