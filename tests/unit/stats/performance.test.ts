import { describe, expect, it } from "vitest";
import { analyzeMetric, type AnalyzeMetricOptions, type Engine } from "@/lib/stats";
import { mulberry32 } from "./helpers";

// 100 metrics × 5 variations: a mix of kinds, as the results page computes them.
function workload(engine: Engine): AnalyzeMetricOptions[] {
  const uniform = mulberry32(99);
  const metrics: AnalyzeMetricOptions[] = [];
  for (let m = 0; m < 100; m++) {
    const n = () => 1000 + Math.floor(uniform() * 50000);
    if (m % 3 === 0) {
      metrics.push({
        kind: "proportion",
        engine,
        variations: Array.from({ length: 5 }, () => {
          const size = n();
          return { n: size, sum: Math.floor(size * (0.05 + 0.1 * uniform())) };
        }),
      });
    } else if (m % 3 === 1) {
      metrics.push({
        kind: "mean",
        engine,
        variations: Array.from({ length: 5 }, () => {
          const size = n();
          const mean = 10 + uniform();
          return { n: size, sum: size * mean, sumSquares: size * (mean * mean + 9 + uniform()) };
        }),
      });
    } else {
      metrics.push({
        kind: "ratio",
        engine,
        variations: Array.from({ length: 5 }, () => {
          const size = n();
          const r = 20 + uniform();
          return {
            n: size,
            numeratorSum: size * 2 * r,
            numeratorSumSquares: size * (4 * r * r + 100),
            denominatorSum: size * 2,
            denominatorSumSquares: size * 5,
            crossProductSum: size * (4 * r + 10),
          };
        }),
      });
    }
  }
  return metrics;
}

describe("performance", () => {
  it.each(["frequentist", "bayesian", "sequential"] as const)("100 metrics × 5 variations (%s) take ≤ 10 ms", (engine) => {
    const metrics = workload(engine);
    const times: number[] = [];
    for (let run = 0; run < 30; run++) {
      const start = performance.now();
      for (const metric of metrics) analyzeMetric(metric);
      times.push(performance.now() - start);
    }
    // The first runs pay for JIT compilation (a server pays it once); judge the median of the last 20.
    const warm = times.slice(10).sort((a, b) => a - b);
    expect(warm[Math.floor(warm.length / 2)]!).toBeLessThanOrEqual(10);
  });
});
