// Thin wrappers over @stdlib distributions so the rest of lib/stats never touches their APIs.
import normal from "@stdlib/stats-base-dists-normal";
import studentT from "@stdlib/stats-base-dists-t";
import chisquare from "@stdlib/stats-base-dists-chisquare";

/** Φ(x) for the standard normal. */
export function normalCdf(x: number): number {
  return normal.cdf(x, 0, 1);
}

/** φ(x) for the standard normal. */
export function normalPdf(x: number): number {
  return normal.pdf(x, 0, 1);
}

/** Φ⁻¹(p) for the standard normal. */
export function normalQuantile(p: number): number {
  return normal.quantile(p, 0, 1);
}

/** F(x) of Student's t with `dof` degrees of freedom. */
export function tCdf(x: number, dof: number): number {
  return studentT.cdf(x, dof);
}

/** F⁻¹(p) of Student's t with `dof` degrees of freedom. */
export function tQuantile(p: number, dof: number): number {
  return studentT.quantile(p, dof);
}

/** P(X > x) for X ~ χ²(dof); 1 − F(x), as gbstats' check_srm computes it. */
export function chiSquareSurvival(x: number, dof: number): number {
  return 1 - chisquare.cdf(x, dof);
}

/** Replaces NaN and ±Infinity with null so results serialise honestly. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
