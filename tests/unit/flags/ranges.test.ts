import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rangesFromWeights, variationForBucket } from "@/lib/flags/ranges";

describe("rangesFromWeights", () => {
  it("splits evenly when weights are equal", () => {
    expect(rangesFromWeights(["control", "treatment"], [50, 50])).toEqual([
      { variation: "control", start: 0, end: 4999 },
      { variation: "treatment", start: 5000, end: 9999 },
    ]);
  });

  it("gives leftover buckets to the largest remainders, earlier variation first on ties", () => {
    expect(rangesFromWeights(["a", "b", "c"], [1, 1, 1])).toEqual([
      { variation: "a", start: 0, end: 3333 },
      { variation: "b", start: 3334, end: 6666 },
      { variation: "c", start: 6667, end: 9999 },
    ]);
  });

  it("skips zero weights and accepts non-normalised weights", () => {
    expect(rangesFromWeights(["off", "on"], [0, 3])).toEqual([{ variation: "on", start: 0, end: 9999 }]);
  });

  it("rejects invalid input", () => {
    expect(() => rangesFromWeights(["a"], [1, 2])).toThrow();
    expect(() => rangesFromWeights(["a", "b"], [0, 0])).toThrow();
    expect(() => rangesFromWeights(["a"], [-1])).toThrow();
    expect(() => rangesFromWeights(["a"], [Number.NaN])).toThrow();
  });

  it("always tiles 0..9999 exactly, in order, sizes within one bucket of the exact share", () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 12 })
          .filter((weights) => weights.reduce((s, w) => s + w, 0) > 0),
        (weights) => {
          const names = weights.map((_, i) => `v${i}`);
          const ranges = rangesFromWeights(names, weights);
          let next = 0;
          for (const range of ranges) {
            expect(range.start).toBe(next);
            expect(range.end).toBeGreaterThanOrEqual(range.start);
            next = range.end + 1;
          }
          expect(next).toBe(10_000);
          const total = weights.reduce((s, w) => s + w, 0);
          for (const range of ranges) {
            const weight = weights[Number(range.variation.slice(1))]!;
            expect(Math.abs(range.end - range.start + 1 - (weight / total) * 10_000)).toBeLessThan(1 + 1e-9);
          }
          for (let b = 0; b < 10_000; b += 97) expect(variationForBucket(ranges, b)).not.toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("variationForBucket", () => {
  const ranges = [
    { variation: "a", start: 0, end: 99 },
    { variation: "b", start: 200, end: 299 },
  ];
  it("uses inclusive bounds and returns null in gaps", () => {
    expect(variationForBucket(ranges, 0)).toBe("a");
    expect(variationForBucket(ranges, 99)).toBe("a");
    expect(variationForBucket(ranges, 100)).toBeNull();
    expect(variationForBucket(ranges, 200)).toBe("b");
    expect(variationForBucket(ranges, 299)).toBe("b");
    expect(variationForBucket(ranges, 300)).toBeNull();
  });
});
