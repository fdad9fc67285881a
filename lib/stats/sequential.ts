// Always-valid inference: asymptotic confidence sequences (Waudby-Smith et al. 2023, as gbstats).
import type { ComparisonResult, EffectMoments } from "./compare";
import type { Alternative } from "./types";

/** Mixing parameter ρ = √((−2 ln α + ln(1 − 2 ln α)) / N*) (eq. 161), N* = tuning. */
export function sequentialRho(alpha: number, tuning: number): number {
  const logAlpha = Math.log(alpha);
  return Math.sqrt((-2 * logAlpha + Math.log(-2 * logAlpha + 1)) / tuning);
}

/** Half-width √s² · √(2(nρ² + 1)·ln(√(nρ² + 1)/α) / (nρ)²), s² = Var·n the per-unit variance (eq. 9). */
export function sequentialHalfWidth(effect: EffectMoments, alpha: number, rho: number): number {
  const n = effect.n;
  const nr2p1 = n * rho * rho + 1;
  const s2 = effect.variance * n;
  return Math.sqrt(s2) * Math.sqrt((2 * nr2p1 * Math.log(Math.sqrt(nr2p1) / alpha)) / (n * rho * (n * rho)));
}

/** Always-valid p = min(1, √(nρ² + 1) · exp(−ρ²·nΔ²/Var / (2(nρ² + 1)))) = 1/e-value (eq. 155). */
export function sequentialPValue(effect: EffectMoments, rho: number): number {
  const nr2p1 = effect.n * rho * rho + 1;
  const st2 = (effect.estimate * effect.estimate * effect.n) / effect.variance;
  return Math.min(1, Math.sqrt(nr2p1) * Math.exp(-(rho * rho * st2) / (2 * nr2p1)));
}

/**
 * Sequential test, valid under continuous monitoring. One-sided alternatives reuse the two-sided
 * sequence (a conservative but valid bound) and report p = 1 when the estimate points the other way.
 */
export function sequentialTest(
  effect: EffectMoments,
  confidence = 0.95,
  alternative: Alternative = "two-sided",
  tuning = 5000,
): ComparisonResult {
  const alpha = 1 - confidence;
  const rho = sequentialRho(alpha, tuning);
  const half = sequentialHalfWidth(effect, alpha, rho);
  const p = sequentialPValue(effect, rho);
  const lo = effect.estimate - half;
  const hi = effect.estimate + half;
  const wrongWay =
    (alternative === "greater" && effect.estimate < 0) || (alternative === "less" && effect.estimate > 0);
  return {
    status: "ok",
    message: null,
    estimate: effect.estimate,
    ci: alternative === "two-sided" ? [lo, hi] : alternative === "greater" ? [lo, null] : [null, hi],
    standardError: Math.sqrt(effect.variance),
    pValue: wrongWay ? 1 : p,
    chanceToWin: null,
    risk: null,
  };
}
