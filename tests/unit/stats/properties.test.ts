import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  adjustPValues,
  analyzeMetric,
  applyFloor,
  BUCKETS,
  deltaInterval,
  tInterval,
  thompsonWeights,
  weightsToRanges,
  wilsonInterval,
  type Engine,
  type Interval,
} from "@/lib/stats";

const proportion = fc
  .integer({ min: 2, max: 100000 })
  .chain((n) => fc.record({ n: fc.constant(n), sum: fc.integer({ min: 0, max: n }) }));
const levels = fc
  .tuple(fc.double({ min: 0.5, max: 0.999, noNaN: true }), fc.double({ min: 0.5, max: 0.999, noNaN: true }))
  .filter(([a, b]) => Math.abs(a - b) > 1e-6)
  .map(([a, b]): [number, number] => (a < b ? [a, b] : [b, a]));
const engine = fc.constantFrom<Engine>("frequentist", "bayesian", "sequential");

function contains(ci: Interval, x: number, slack = 1e-12): boolean {
  return (ci[0] === null || ci[0] <= x + slack) && (ci[1] === null || x <= ci[1] + slack);
}
function width(ci: Interval): number {
  return (ci[1] ?? Infinity) - (ci[0] ?? -Infinity);
}

describe("confidence intervals", () => {
  it("Wilson contains the rate and widens with the level", () => {
    fc.assert(
      fc.property(proportion, levels, (s, [low, high]) => {
        const a = wilsonInterval(s, low);
        const b = wilsonInterval(s, high);
        expect(contains(a, s.sum / s.n)).toBe(true);
        expect(width(b)).toBeGreaterThanOrEqual(width(a) - 1e-12);
        expect(a[0]!).toBeGreaterThanOrEqual(0);
        expect(a[1]!).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("t and delta intervals contain the estimate and widen with the level", () => {
    const mean = fc
      .array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 2, maxLength: 40 })
      .map((xs) => ({ n: xs.length, sum: xs.reduce((s, x) => s + x, 0), sumSquares: xs.reduce((s, x) => s + x * x, 0) }));
    fc.assert(
      fc.property(mean, levels, (s, [low, high]) => {
        const a = tInterval(s, low);
        const b = tInterval(s, high);
        expect(contains(a, s.sum / s.n, 1e-9)).toBe(true);
        expect(width(b)).toBeGreaterThanOrEqual(width(a));
      }),
    );
    const ratio = fc
      .array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 1, max: 5 })), {
        minLength: 2,
        maxLength: 40,
      })
      .map((rows) => ({
        n: rows.length,
        numeratorSum: rows.reduce((s, [m]) => s + m, 0),
        numeratorSumSquares: rows.reduce((s, [m]) => s + m * m, 0),
        denominatorSum: rows.reduce((s, [, d]) => s + d, 0),
        denominatorSumSquares: rows.reduce((s, [, d]) => s + d * d, 0),
        crossProductSum: rows.reduce((s, [m, d]) => s + m * d, 0),
      }));
    fc.assert(
      fc.property(ratio, levels, (s, [low, high]) => {
        const a = deltaInterval(s, low);
        expect(contains(a, s.numeratorSum / s.denominatorSum, 1e-9)).toBe(true);
        expect(width(deltaInterval(s, high))).toBeGreaterThanOrEqual(width(a));
      }),
    );
  });

  it("comparison CIs contain the estimate, widen with the level, p in [0, 1], chance in [0, 1], no NaN", () => {
    fc.assert(
      fc.property(
        proportion,
        proportion,
        levels,
        engine,
        fc.constantFrom("relative" as const, "absolute" as const),
        fc.constantFrom("two-sided" as const, "greater" as const, "less" as const),
        (a, b, [low, high], eng, difference, alternative) => {
          const settings = { kind: "proportion" as const, variations: [a, b], engine: eng, difference, alternative };
          const lo = analyzeMetric({ ...settings, confidence: low });
          const hi = analyzeMetric({ ...settings, confidence: high });
          expect(JSON.stringify(lo)).not.toMatch(/NaN|Infinity/);
          const c = lo.comparisons[0]!;
          if (c.status !== "ok") return;
          expect(contains(c.ci, c.estimate!, 1e-9)).toBe(true);
          expect(width(hi.comparisons[0]!.ci)).toBeGreaterThanOrEqual(width(c.ci) - 1e-12);
          if (c.pValue !== null) {
            expect(c.pValue).toBeGreaterThanOrEqual(0);
            expect(c.pValue).toBeLessThanOrEqual(1);
          }
          if (c.chanceToWin !== null) {
            expect(c.chanceToWin).toBeGreaterThanOrEqual(0);
            expect(c.chanceToWin).toBeLessThanOrEqual(1);
            expect(c.risk![0]).toBeGreaterThanOrEqual(0);
            expect(c.risk![1]).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});

describe("adjusted p-values", () => {
  it("keep the order of the raw p-values and are never below them", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.constantFrom("holm" as const, "bh" as const),
        (ps, method) => {
          const adj = adjustPValues(ps, method);
          for (let i = 0; i < ps.length; i++) {
            expect(adj[i]!).toBeGreaterThanOrEqual(ps[i]!);
            expect(adj[i]!).toBeLessThanOrEqual(1);
            for (let j = 0; j < ps.length; j++) if (ps[i]! <= ps[j]!) expect(adj[i]!).toBeLessThanOrEqual(adj[j]!);
          }
        },
      ),
    );
  });
});

describe("bandit", () => {
  it("floored weights sum to 1, respect the floor and keep the order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 10 }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        (raw, floor) => {
          const total = raw.reduce((s, x) => s + x, 0);
          const p = total > 0 ? raw.map((x) => x / total) : raw.map(() => 1 / raw.length);
          const w = applyFloor(p, floor);
          expect(Math.abs(w.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-9);
          w.forEach((x) => expect(x).toBeGreaterThanOrEqual(floor - 1e-12));
          for (let i = 0; i < p.length; i++)
            for (let j = 0; j < p.length; j++) if (p[i]! < p[j]!) expect(w[i]!).toBeLessThanOrEqual(w[j]! + 1e-12);
        },
      ),
    );
  });

  it("Thompson weights sum to 1 and respect the floor", () => {
    fc.assert(
      fc.property(fc.array(proportion, { minLength: 2, maxLength: 5 }), fc.integer({ min: 1, max: 0xffffffff }), (arms, seed) => {
        const r = thompsonWeights(arms, { seed, minWeight: 0.01 });
        expect(Math.abs(r.weights.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-9);
        expect(Math.abs(r.probabilityBest.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-9);
        r.weights.forEach((x) => expect(x).toBeGreaterThanOrEqual(0.01 - 1e-12));
      }),
      { numRuns: 20 },
    );
  });

  it("ranges tile 0-9999: each bucket exactly once, in order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }).filter((w) => w.some((x) => x > 0)),
        (weights) => {
          const keys = weights.map((_, i) => `v${i}`);
          const ranges = weightsToRanges(weights, keys);
          let next = 0;
          for (const r of ranges) {
            expect(r.start).toBe(next);
            expect(r.end).toBeGreaterThanOrEqual(r.start);
            next = r.end + 1;
          }
          expect(next).toBe(BUCKETS);
          const total = weights.reduce((s, x) => s + x, 0);
          // Each arm's share is within one bucket of its exact share.
          for (const r of ranges) {
            const exact = (weights[Number(r.variation.slice(1))]! / total) * BUCKETS;
            expect(Math.abs(r.end - r.start + 1 - exact)).toBeLessThan(1 + 1e-9);
          }
        },
      ),
    );
  });
});
