import type { Interval } from "@/lib/results/model";
import { liftInterval, signedPercent } from "./format";
import type { Tone } from "./verdict";

/**
 * The lift's interval drawn on an axis centred at zero (no change). `scale` is the largest |bound|
 * over the metric, so bars of one metric are comparable. Unbounded sides run off the edge.
 */
export function LiftBar({ estimate, ci, scale, tone }: { estimate: number | null; ci: Interval; scale: number; tone: Tone }) {
  if (estimate === null) return <span className="muted">–</span>;
  const position = (x: number | null, fallback: number) => (x === null ? fallback : Math.min(100, Math.max(0, 50 + (x / scale) * 50)));
  const low = position(ci[0], 0);
  const high = position(ci[1], 100);
  return (
    <div className="lift-cell">
      <div className={`lift-bar lift-${tone}`} role="img" aria-label={`Lift ${signedPercent(estimate)}, interval ${liftInterval(ci)}`}>
        <span className="lift-zero" />
        <span className="lift-range" style={{ left: `${low}%`, width: `${Math.max(high - low, 0.8)}%` }} />
        <span className="lift-point" style={{ left: `${position(estimate, 50)}%` }} />
      </div>
      <div className="lift-text">
        <strong>{signedPercent(estimate)}</strong> <span className="muted small">{liftInterval(ci)}</span>
      </div>
    </div>
  );
}

/** A scale that fits every interval of a metric, with a little headroom, never below ±5%. */
export function liftScale(intervals: Interval[]): number {
  const bounds = intervals.flatMap((ci) => ci.filter((x): x is number => x !== null && Number.isFinite(x)).map(Math.abs));
  return Math.max(0.05, ...bounds) * 1.1;
}
