// Bayesian engine: Gaussian posterior of the effect (gbstats EffectBayesianABTest).
import type { ComparisonResult, EffectMoments } from "./compare";
import { normalCdf, normalPdf, normalQuantile } from "./distributions";
import type { GaussianPrior } from "./types";

/** Posterior N(μ, σ²): precision 1/σ² = 1/Var + 1/τ², μ = σ²·(Δ/Var + m/τ²); flat prior when none. */
export function effectPosterior(effect: EffectMoments, prior?: GaussianPrior): { mean: number; sd: number } {
  const dataPrecision = 1 / effect.variance;
  const priorPrecision = prior ? 1 / prior.variance : 0;
  const precision = dataPrecision + priorPrecision;
  const weighted = effect.estimate * dataPrecision + (prior ? prior.mean * priorPrecision : 0);
  return { mean: weighted / precision, sd: Math.sqrt(1 / precision) };
}

/**
 * Expected loss for effect δ ~ N(μ, σ²): choosing control loses E[max(δ, 0)] = μΦ(μ/σ) + σφ(μ/σ);
 * choosing treatment loses E[max(−δ, 0)] = σφ(μ/σ) − μΦ(−μ/σ).
 */
export function gaussianRisk(mean: number, sd: number): [number, number] {
  const z = mean / sd;
  const density = sd * normalPdf(z);
  // Clamp tiny negative values that cancellation produces deep in a tail.
  return [Math.max(0, mean * normalCdf(z) + density), Math.max(0, density - mean * normalCdf(-z))];
}

/** Chance to win P(δ > 0) = Φ(μ/σ); credible interval μ ± Φ⁻¹(1 − α/2)·σ; risk as above. */
export function bayesianTest(effect: EffectMoments, confidence = 0.95, prior?: GaussianPrior): ComparisonResult {
  const post = effectPosterior(effect, prior);
  const half = normalQuantile(1 - (1 - confidence) / 2) * post.sd;
  return {
    status: "ok",
    message: null,
    estimate: post.mean,
    ci: [post.mean - half, post.mean + half],
    standardError: post.sd,
    pValue: null,
    chanceToWin: normalCdf(post.mean / post.sd),
    risk: gaussianRisk(post.mean, post.sd),
  };
}
