// Sample size and minimum detectable effect for a two-arm comparison (normal approximation).
import { normalCdf, normalQuantile } from "./distributions";
import type { Alternative } from "./types";

/** Baseline of the control: a conversion rate, or a mean with its per-unit standard deviation. */
export type PowerBaseline = { kind: "proportion"; rate: number } | { kind: "mean"; mean: number; standardDeviation: number };

export interface PowerOptions {
  alpha?: number;
  power?: number;
  alternative?: Alternative;
}

/** Per-unit variance of an arm whose value is `value`: p(1 − p) for rates, σ² for means. */
function unitVariance(baseline: PowerBaseline, value: number): number {
  return baseline.kind === "proportion" ? value * (1 - value) : baseline.standardDeviation ** 2;
}

function baselineValue(baseline: PowerBaseline): number {
  return baseline.kind === "proportion" ? baseline.rate : baseline.mean;
}

/** z(1 − α/2) (two-sided) or z(1 − α) (one-sided) plus z(power). */
function zSum(options: PowerOptions): number {
  const alpha = options.alpha ?? 0.05;
  const zAlpha = normalQuantile(1 - ((options.alternative ?? "two-sided") === "two-sided" ? alpha / 2 : alpha));
  return zAlpha + normalQuantile(options.power ?? 0.8);
}

/**
 * Units per variation n = ⌈(z_α + z_β)²·(σ²_A + σ²_B)/Δ²⌉ with Δ = baseline·relativeEffect and
 * σ²_B evaluated at baseline·(1 + relativeEffect); null when the effect is 0 or the arm rate leaves [0, 1].
 */
export function powerSampleSize(baseline: PowerBaseline, relativeEffect: number, options: PowerOptions = {}): number | null {
  const base = baselineValue(baseline);
  const treated = base * (1 + relativeEffect);
  const delta = treated - base;
  if (delta === 0 || (baseline.kind === "proportion" && (treated < 0 || treated > 1))) return null;
  const z = zSum(options);
  return Math.ceil((z * z * (unitVariance(baseline, base) + unitVariance(baseline, treated))) / (delta * delta));
}

/**
 * Smallest positive relative effect δ detectable with n units per variation: solves
 * |baseline|·δ = (z_α + z_β)·√((σ²_A + σ²_B(δ))/n); for rates this is the quadratic
 * (n/z² + 1)d² − (1 − 2p)d − 2p(1 − p) = 0 in d = pδ. Null when n < 1 or the baseline is 0.
 */
export function minimumDetectableEffect(baseline: PowerBaseline, n: number, options: PowerOptions = {}): number | null {
  const base = baselineValue(baseline);
  if (n < 1 || base === 0) return null;
  const z = zSum(options);
  if (baseline.kind === "mean") return (z * Math.sqrt((2 * baseline.standardDeviation ** 2) / n)) / Math.abs(base);
  const p = base;
  const a = n / (z * z) + 1;
  const b = 1 - 2 * p;
  const d = (b + Math.sqrt(b * b + 8 * p * (1 - p) * a)) / (2 * a);
  return d / p;
}

/** Power of the two-sided test: Φ(|Δ|/SE − z(1 − α/2)) + Φ(−|Δ|/SE − z(1 − α/2)), SE = √((σ²_A + σ²_B)/n). */
export function achievedPower(baseline: PowerBaseline, relativeEffect: number, n: number, alpha = 0.05): number {
  const base = baselineValue(baseline);
  const treated = base * (1 + relativeEffect);
  const se = Math.sqrt((unitVariance(baseline, base) + unitVariance(baseline, treated)) / n);
  const shift = Math.abs(treated - base) / se;
  const z = normalQuantile(1 - alpha / 2);
  return normalCdf(shift - z) + normalCdf(-shift - z);
}
