import { describe, expect, it } from "vitest";
import { applyFloor, thompsonWeights, weightsToRanges } from "@/lib/stats";

// Three arms: 100/1000, 110/1000, 95/1000 conversions; posteriors Beta(1 + sum, 1 + n − sum).
const arms = [
  { n: 1000, sum: 100 },
  { n: 1000, sum: 110 },
  { n: 1000, sum: 95 },
];

describe("thompsonWeights", () => {
  it("estimates P(best) within Monte Carlo error of the exact integral", () => {
    // P(arm i best) = ∫ f_i(x) Π_{j≠i} F_j(x) dx:
    // python3 -c "import numpy as np; from scipy.stats import beta; from scipy.integrate import quad; ab=[(101,901),(111,891),(96,906)]
    // print([quad(lambda x,i=i: beta.pdf(x,*ab[i])*np.prod([beta.cdf(x,*ab[j]) for j in range(3) if j!=i]),0,1,points=[0.1],limit=200)[0] for i in range(3)])"
    const exact = [0.20432178467473056, 0.7027415047241122, 0.09293671060115656];
    const r = thompsonWeights(arms, { draws: 40000, seed: 12345 });
    // 4 standard errors of a proportion estimated from 40,000 draws is at most 0.01.
    r.probabilityBest.forEach((p, i) => expect(Math.abs(p - exact[i]!)).toBeLessThan(0.01));
  });

  it("is reproducible with a seed and uses at least 10,000 draws", () => {
    const a = thompsonWeights(arms, { seed: 7, draws: 10 });
    const b = thompsonWeights(arms, { seed: 7 });
    expect(a).toEqual(b);
    // Every probability is a multiple of 1/10000, so at least 10,000 draws were made.
    a.probabilityBest.forEach((p) => expect(Math.abs(p * 10000 - Math.round(p * 10000))).toBeLessThan(1e-6));
  });

  it("applies the 1% floor by default", () => {
    const r = thompsonWeights(
      [
        { n: 5000, sum: 1000 },
        { n: 5000, sum: 500 },
      ],
      { seed: 1 },
    );
    expect(r.probabilityBest[1]).toBe(0);
    expect(r.weights[1]).toBeCloseTo(0.01, 12);
    expect(r.weights[0]).toBeCloseTo(0.99, 12);
  });

  it("rejects an infeasible floor or seed", () => {
    expect(() => thompsonWeights(arms, { minWeight: 0.5 })).toThrow(RangeError);
    expect(() => thompsonWeights(arms, { seed: 0 })).toThrow(/seed must be an integer/);
  });
});

describe("applyFloor", () => {
  it("raises low arms and rescales the rest proportionally", () => {
    // 0.005 and 0.002 rise to 0.05; the others share 0.9 in ratio 0.6 : 0.393.
    const w = applyFloor([0.6, 0.393, 0.005, 0.002], 0.05);
    expect(w[2]).toBeCloseTo(0.05, 12);
    expect(w[3]).toBeCloseTo(0.05, 12);
    expect(w[0]).toBeCloseTo((0.9 * 0.6) / 0.993, 12);
    expect(w[1]).toBeCloseTo((0.9 * 0.393) / 0.993, 12);
  });
});

describe("weightsToRanges", () => {
  it("splits evenly into inclusive ranges", () => {
    expect(weightsToRanges([0.5, 0.5], ["a", "b"])).toEqual([
      { variation: "a", start: 0, end: 4999 },
      { variation: "b", start: 5000, end: 9999 },
    ]);
  });
  it("gives leftover buckets to the largest remainders", () => {
    expect(weightsToRanges([1 / 3, 1 / 3, 1 / 3], ["a", "b", "c"])).toEqual([
      { variation: "a", start: 0, end: 3333 },
      { variation: "b", start: 3334, end: 6666 },
      { variation: "c", start: 6667, end: 9999 },
    ]);
    // 1234.4 and 8765.6 buckets: the one leftover bucket goes to b (remainder 0.6).
    expect(weightsToRanges([0.12344, 0.87656], ["a", "b"])).toEqual([
      { variation: "a", start: 0, end: 1233 },
      { variation: "b", start: 1234, end: 9999 },
    ]);
  });
  it("skips arms without weight", () => {
    expect(weightsToRanges([0, 1], ["a", "b"])).toEqual([{ variation: "b", start: 0, end: 9999 }]);
  });
});
