// The statistics for 100 metrics × 5 variations, against a floor that only computes the means.
import { performance } from "node:perf_hooks";
import { analyzeMetric } from "@/lib/stats";
import { medianOf, type BenchReport } from "./harness";

function family() {
  const metrics = [];
  for (let m = 0; m < 100; m++) {
    const variations = Array.from({ length: 5 }, (_, v) => {
      const n = 10_000 + v * 37 + m;
      const sum = Math.round(n * (0.1 + 0.002 * v + 0.0001 * m));
      return m % 2 ? { n, sum } : { n, sum: sum * 3.1, sumSquares: sum * 3.1 * 12.4 };
    });
    metrics.push({ kind: (m % 2 ? "proportion" : "mean") as "proportion" | "mean", variations });
  }
  return metrics;
}

export async function run(): Promise<BenchReport> {
  const metrics = family();
  const time = (fn: () => void) => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  const analyze = (engine: "frequentist" | "bayesian" | "sequential") => () => {
    for (const metric of metrics) analyzeMetric({ ...metric, engine } as Parameters<typeof analyzeMetric>[0]);
  };
  let sink = 0;
  const floor = () => {
    for (const metric of metrics) for (const v of metric.variations) sink += v.sum / v.n;
  };
  for (let i = 0; i < 20; i++) analyze("frequentist")(); // warm the JIT, as a long-running server is
  const floorMs = await medianOf(21, () => time(floor));
  const measurements = (["frequentist", "bayesian", "sequential"] as const).map((engine) => ({
    label: `100 metrics × 5 variations, ${engine}`,
    value: 0,
    unit: "ms",
    engine,
  }));
  for (const m of measurements) m.value = await medianOf(21, () => time(analyze(m.engine)));
  if (sink < 0) console.log(sink);
  return {
    name: "stats",
    measurements: measurements.map(({ label, value, unit }) => ({
      label,
      value,
      unit,
      floor: { label: "means only", value: floorMs },
      target: { op: "<=" as const, value: 10 },
    })),
  };
}
