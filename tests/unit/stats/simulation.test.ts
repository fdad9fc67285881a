import { describe, expect, it } from "vitest";
import { analyzeMetric } from "@/lib/stats";
import { mulberry32, normalSource } from "./helpers";

const EXPERIMENTS = 2000;
const DAYS = 20;
const USERS_PER_ARM_PER_DAY = 100;
const RATE = 0.1;

describe("seeded simulation of 2000 A/A experiments (conversion rate 10%, 20 days × 100 users per arm)", () => {
  it("fixed horizon: 5% ± 1.5% false positives; sequential: ≤ 5% with a look every day; CI covers 0", () => {
    const uniform = mulberry32(20240601);
    let fixedPositives = 0;
    let fixedCovers = 0;
    let sequentialPositives = 0;
    let wilsonCovers = 0;
    for (let e = 0; e < EXPERIMENTS; e++) {
      const control = { n: 0, sum: 0 };
      const treatment = { n: 0, sum: 0 };
      let sequentialRejected = false;
      for (let day = 0; day < DAYS; day++) {
        for (let u = 0; u < USERS_PER_ARM_PER_DAY; u++) {
          if (uniform() < RATE) control.sum++;
          if (uniform() < RATE) treatment.sum++;
        }
        control.n += USERS_PER_ARM_PER_DAY;
        treatment.n += USERS_PER_ARM_PER_DAY;
        const seq = analyzeMetric({ kind: "proportion", engine: "sequential", variations: [control, treatment] });
        if ((seq.comparisons[0]!.pValue ?? 1) < 0.05) sequentialRejected = true;
      }
      if (sequentialRejected) sequentialPositives++;
      const fixed = analyzeMetric({ kind: "proportion", variations: [control, treatment] });
      const c = fixed.comparisons[0]!;
      if (c.pValue! < 0.05) fixedPositives++;
      if (c.ci[0]! <= 0 && 0 <= c.ci[1]!) fixedCovers++;
      const ci = fixed.variations[0]!.ci;
      if (ci[0]! <= RATE && RATE <= ci[1]!) wilsonCovers++;
    }
    expect(Math.abs(fixedPositives / EXPERIMENTS - 0.05)).toBeLessThanOrEqual(0.015);
    expect(Math.abs(fixedCovers / EXPERIMENTS - 0.95)).toBeLessThanOrEqual(0.015);
    expect(sequentialPositives / EXPERIMENTS).toBeLessThanOrEqual(0.05);
    expect(Math.abs(wilsonCovers / EXPERIMENTS - 0.95)).toBeLessThanOrEqual(0.015);
  });
});

describe("seeded simulation of 2000 A/B experiments with a known effect", () => {
  it("95% CIs of the absolute and relative lift cover the truth 95% ± 1.5% of the time", () => {
    const normal = normalSource(mulberry32(777));
    const n = 500;
    const [muA, muB, sdA, sdB] = [10, 10.5, 3, 4];
    let absoluteCovers = 0;
    let relativeCovers = 0;
    for (let e = 0; e < EXPERIMENTS; e++) {
      const arms = [
        [muA, sdA],
        [muB, sdB],
      ].map(([mu, sd]) => {
        let sum = 0;
        let sumSquares = 0;
        for (let i = 0; i < n; i++) {
          const x = mu! + sd! * normal();
          sum += x;
          sumSquares += x * x;
        }
        return { n, sum, sumSquares };
      });
      const abs = analyzeMetric({ kind: "mean", difference: "absolute", variations: arms }).comparisons[0]!;
      if (abs.ci[0]! <= muB - muA && muB - muA <= abs.ci[1]!) absoluteCovers++;
      const rel = analyzeMetric({ kind: "mean", difference: "relative", variations: arms }).comparisons[0]!;
      const truth = (muB - muA) / muA;
      if (rel.ci[0]! <= truth && truth <= rel.ci[1]!) relativeCovers++;
    }
    expect(Math.abs(absoluteCovers / EXPERIMENTS - 0.95)).toBeLessThanOrEqual(0.015);
    expect(Math.abs(relativeCovers / EXPERIMENTS - 0.95)).toBeLessThanOrEqual(0.015);
  });
});
