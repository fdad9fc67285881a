// Sample ratio mismatch: are units split as configured?
import { chiSquareSurvival } from "./distributions";

export interface SrmResult {
  chiSquare: number;
  pValue: number;
  /** True when p < threshold (default 0.001): the assignment is probably broken. */
  warning: boolean;
}

/**
 * Pearson χ² = Σ (oᵢ − eᵢ)²/eᵢ with eᵢ = wᵢ/Σw · Σo over arms with wᵢ > 0; p = P(χ²(k − 1) > χ²)
 * (gbstats check_srm; p = 1 when there are no units or fewer than two weighted arms). Equal weights by default.
 */
export function srmTest(counts: readonly number[], weights?: readonly number[], threshold = 0.001): SrmResult {
  let total = 0;
  let weightTotal = 0;
  for (let i = 0; i < counts.length; i++) {
    const w = weights ? (weights[i] ?? 0) : 1;
    if (w > 0) {
      total += counts[i] ?? 0;
      weightTotal += w;
    }
  }
  let chiSquare = 0;
  let arms = 0;
  for (let i = 0; i < counts.length; i++) {
    const w = weights ? (weights[i] ?? 0) : 1;
    if (w <= 0) continue;
    const expected = (w / weightTotal) * total;
    const diff = (counts[i] ?? 0) - expected;
    chiSquare += (diff * diff) / expected;
    arms++;
  }
  if (total === 0 || arms < 2) return { chiSquare: 0, pValue: 1, warning: false };
  const pValue = chiSquareSurvival(chiSquare, arms - 1);
  return { chiSquare, pValue, warning: pValue < threshold };
}
