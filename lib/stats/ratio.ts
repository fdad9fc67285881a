// Ratio metrics (e.g. revenue per order): numerator and denominator summed per unit.
import { normalQuantile } from "./distributions";
import type { Interval, Moments, RatioStats } from "./types";

/**
 * R = ΣM/ΣD with delta-method per-unit variance
 * Var = s²_M/D̄² + s²_D·M̄²/D̄⁴ − 2·cov(M,D)·M̄/D̄³ (gbstats RatioStatistic).
 */
export function ratioMoments(s: RatioStats): Moments {
  if (s.n <= 0 || s.denominatorSum === 0) return { n: s.n, mean: 0, variance: 0 };
  const mMean = s.numeratorSum / s.n;
  const dMean = s.denominatorSum / s.n;
  let variance = 0;
  if (s.n > 1) {
    const mVar = (s.numeratorSumSquares - s.numeratorSum * mMean) / (s.n - 1);
    const dVar = (s.denominatorSumSquares - s.denominatorSum * dMean) / (s.n - 1);
    const cov = (s.crossProductSum - s.numeratorSum * dMean) / (s.n - 1);
    const d2 = dMean * dMean;
    variance = Math.max(0, mVar / d2 + (dVar * mMean * mMean) / (d2 * d2) - (2 * cov * mMean) / (d2 * dMean));
  }
  return { n: s.n, mean: mMean / dMean, variance };
}

/** Delta-method (normal) interval: R ± z(1 − α/2)·√(Var/n). */
export function deltaInterval(s: RatioStats, confidence = 0.95): Interval {
  if (s.n < 2 || s.denominatorSum === 0) return [null, null];
  const m = ratioMoments(s);
  const half = normalQuantile(1 - (1 - confidence) / 2) * Math.sqrt(m.variance / s.n);
  return [m.mean - half, m.mean + half];
}
