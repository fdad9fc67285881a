// Corrections over a family of tests (metrics × variations), as GrowthBook applies them.
import { normalQuantile } from "./distributions";
import type { Interval } from "./types";

export type Adjustment = "holm" | "bh";

/** Order of indices by p-value (ascending); ties keep input order. */
function orderByP(pValues: readonly number[]): number[] {
  return pValues.map((_, i) => i).sort((i, j) => (pValues[i] ?? 0) - (pValues[j] ?? 0) || i - j);
}

/**
 * Holm: p̃₍ᵢ₎ = max_{j≤i} min(1, (m − j + 1)·p₍ⱼ₎); Benjamini–Hochberg: p̃₍ᵢ₎ = min_{j≥i} min(1, m·p₍ⱼ₎/j)
 * (sorted ascending, 1-based ranks). Returned in input order.
 */
export function adjustPValues(pValues: readonly number[], method: Adjustment): number[] {
  const m = pValues.length;
  const order = orderByP(pValues);
  const adjusted = new Array<number>(m).fill(1);
  if (method === "holm") {
    let running = 0;
    for (let r = 0; r < m; r++) {
      const i = order[r] as number;
      running = Math.max(running, Math.min(1, (m - r) * (pValues[i] as number)));
      adjusted[i] = running;
    }
  } else {
    let running = 1;
    for (let r = m - 1; r >= 0; r--) {
      const i = order[r] as number;
      const p = pValues[i] as number;
      // max(p, ·) only guards against rounding: m/(r + 1) ≥ 1.
      running = Math.min(running, 1, Math.max(p, (m * p) / (r + 1)));
      adjusted[i] = running;
    }
  }
  return adjusted;
}

export interface FamilyMember {
  estimate: number;
  standardError: number;
  pValue: number;
}

export interface AdjustedMember {
  pValue: number;
  ci: Interval;
}

/**
 * Adjusted p-values plus matching two-sided CIs. Holm: Bonferroni CI Δ ± Φ⁻¹(1 − α/2m)·SE.
 * BH (GrowthBook's adjustedCI): SE' = |Δ / Φ⁻¹(1 − p̃/2)|, CI = Δ ± Φ⁻¹(1 − α/2)·SE', unbounded when p̃ = 1.
 */
export function adjustFamily(
  members: readonly FamilyMember[],
  method: Adjustment,
  confidence = 0.95,
): AdjustedMember[] {
  const alpha = 1 - confidence;
  const adjusted = adjustPValues(
    members.map((m) => m.pValue),
    method,
  );
  const bonferroniZ = normalQuantile(1 - alpha / (2 * members.length));
  const z = normalQuantile(1 - alpha / 2);
  return members.map((member, i) => {
    const p = adjusted[i] as number;
    if (method === "holm") {
      const half = bonferroniZ * member.standardError;
      return { pValue: p, ci: [member.estimate - half, member.estimate + half] };
    }
    if (member.estimate === 0 || p > 0.999999) return { pValue: p, ci: [null, null] };
    const half = z * Math.abs(member.estimate / normalQuantile(1 - p / 2));
    return { pValue: p, ci: Number.isFinite(half) ? [member.estimate - half, member.estimate + half] : [null, null] };
  });
}
