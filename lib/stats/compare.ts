// Treatment vs control: effect moments (shared by every engine) and the frequentist Welch t test.
import { finiteOrNull, tCdf, tQuantile } from "./distributions";
import type { Alternative, ComparisonStatus, Difference, Interval, Moments } from "./types";

/** Point estimate, its sampling variance and Welch–Satterthwaite degrees of freedom. */
export interface EffectMoments {
  estimate: number;
  variance: number;
  dof: number;
  /** Units in both arms, the "time" of the sequential confidence sequence. */
  n: number;
}

export type EffectOutcome =
  | { status: "ok"; effect: EffectMoments }
  | { status: Exclude<ComparisonStatus, "ok">; message: string; estimate: number | null };

/** One treatment against the control, as every engine reports it. */
export interface ComparisonResult {
  status: ComparisonStatus;
  message: string | null;
  estimate: number | null;
  ci: Interval;
  standardError: number | null;
  pValue: number | null;
  chanceToWin: number | null;
  /** Expected loss of shipping [control, treatment]; Bayesian only. */
  risk: [number, number] | null;
}

/**
 * Relative: Δ = (B − A)/|A|, Var = s²_B/(n_B·A²) + s²_A·B²/(n_A·A⁴) (delta method);
 * absolute: Δ = B − A, Var = s²_B/n_B + s²_A/n_A; dof = (v_A + v_B)² / (v_A²/(n_A − 1) + v_B²/(n_B − 1)), v = s²/n.
 */
export function effectMoments(a: Moments, b: Moments, difference: Difference): EffectOutcome {
  if (a.n < 2 || b.n < 2) {
    return { status: "insufficient-data", message: "each variation needs at least 2 units", estimate: null };
  }
  const absolute = b.mean - a.mean;
  if (difference === "relative" && a.mean === 0) {
    return { status: "zero-control", message: "control value is 0, so a relative lift is undefined", estimate: null };
  }
  const estimate = difference === "relative" ? absolute / Math.abs(a.mean) : absolute;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const a2 = a.mean * a.mean;
  const variance = difference === "relative" ? vb / a2 + (va * b.mean * b.mean) / (a2 * a2) : va + vb;
  // Relative variance also vanishes when only the control varies and the treatment mean is 0.
  if (!(variance > 0) || !Number.isFinite(variance)) {
    return { status: "zero-variance", message: "the effect has zero variance", estimate: finiteOrNull(estimate) };
  }
  const dof = ((va + vb) * (va + vb)) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return { status: "ok", effect: { estimate, variance, dof, n: a.n + b.n } };
}

/** Result for an outcome that cannot be tested: everything null except the reason. */
export function degenerateComparison(outcome: Exclude<EffectOutcome, { status: "ok" }>): ComparisonResult {
  return {
    status: outcome.status,
    message: outcome.message,
    estimate: outcome.estimate,
    ci: [null, null],
    standardError: null,
    pValue: null,
    chanceToWin: null,
    risk: null,
  };
}

/**
 * Welch t test: t = Δ/SE; two-sided p = 2·F_t(−|t|), CI = Δ ± t(1 − α/2, dof)·SE;
 * "greater": p = 1 − F_t(t), CI = [Δ − t(1 − α)·SE, ∞); "less": p = F_t(t), CI = (−∞, Δ + t(1 − α)·SE].
 */
export function frequentistTest(
  effect: EffectMoments,
  confidence = 0.95,
  alternative: Alternative = "two-sided",
): ComparisonResult {
  const se = Math.sqrt(effect.variance);
  const t = effect.estimate / se;
  const alpha = 1 - confidence;
  let pValue: number;
  let ci: Interval;
  if (alternative === "two-sided") {
    pValue = 2 * tCdf(-Math.abs(t), effect.dof);
    const half = tQuantile(1 - alpha / 2, effect.dof) * se;
    ci = [effect.estimate - half, effect.estimate + half];
  } else {
    const half = tQuantile(1 - alpha, effect.dof) * se;
    pValue = alternative === "greater" ? tCdf(-t, effect.dof) : tCdf(t, effect.dof);
    ci = alternative === "greater" ? [effect.estimate - half, null] : [null, effect.estimate + half];
  }
  return {
    status: "ok",
    message: null,
    estimate: effect.estimate,
    ci,
    standardError: se,
    pValue: Math.min(1, pValue),
    chanceToWin: null,
    risk: null,
  };
}
