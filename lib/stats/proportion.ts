// Binary (conversion) metrics.
import { normalQuantile } from "./distributions";
import type { Interval, Moments, ProportionStats } from "./types";

/** p = sum/n with gbstats' per-unit variance p(1 − p) (no n/(n−1) correction). */
export function proportionMoments(s: ProportionStats): Moments {
  const mean = s.n > 0 ? s.sum / s.n : 0;
  return { n: s.n, mean, variance: mean * (1 - mean) };
}

/** Wilson score interval: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n). */
export function wilsonInterval(s: ProportionStats, confidence = 0.95): Interval {
  if (s.n <= 0) return [null, null];
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = s.sum / s.n;
  const z2n = (z * z) / s.n;
  const center = p + z2n / 2;
  const half = z * Math.sqrt((p * (1 - p)) / s.n + z2n / (4 * s.n));
  const denom = 1 + z2n;
  // Clamp away float noise at the edges (p = 0 or 1 gives exactly 0 or 1 in theory).
  return [Math.max(0, (center - half) / denom), Math.min(1, (center + half) / denom)];
}
