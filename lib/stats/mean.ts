// Numeric per-unit metrics (counts, revenue, ...).
import { tQuantile } from "./distributions";
import type { Interval, MeanStats, Moments } from "./types";

/** x̄ = sum/n; s² = (sumSquares − sum²/n)/(n − 1), 0 when n < 2 (as gbstats). */
export function meanMoments(s: MeanStats): Moments {
  const mean = s.n > 0 ? s.sum / s.n : 0;
  // Float cancellation can leave a tiny negative number for constant data.
  const variance = s.n > 1 ? Math.max(0, (s.sumSquares - (s.sum * s.sum) / s.n) / (s.n - 1)) : 0;
  return { n: s.n, mean, variance };
}

/** Student t interval: x̄ ± t(1 − α/2, n − 1)·s/√n. */
export function tInterval(s: MeanStats, confidence = 0.95): Interval {
  if (s.n < 2) return [null, null];
  const m = meanMoments(s);
  const half = tQuantile(1 - (1 - confidence) / 2, s.n - 1) * Math.sqrt(m.variance / s.n);
  return [m.mean - half, m.mean + half];
}
