import { describe, expect, it } from "vitest";
import { runAnalysisRequest, type AnalysisResponse } from "@/lib/stats";
import { expectClose } from "./helpers";

const control = { key: "control", n: 400, sum: 4053.6233336349173, sumSquares: 44420.167660902676 };
const treatment = { key: "treatment", n: 350, sum: 3711.940381303679, sumSquares: 45066.002733660236 };

function errorOf(json: unknown): string {
  const r = runAnalysisRequest(json);
  if (r.ok) throw new Error("expected a validation error");
  return r.error;
}

describe("runAnalysisRequest validation", () => {
  it.each([
    [{ metric: "proportion", variations: [{ key: "a", n: 1.5, sum: 0 }, { key: "b", n: 2, sum: 0 }] }, "variations[0].n: must be a non-negative integer"],
    [{ metric: "proportion", variations: [{ key: "a", n: 5, sum: 6 }, { key: "b", n: 2, sum: 0 }] }, "variations[0].sum: must not exceed n"],
    [{ metric: "mean", variations: [control, { key: "b", n: 3, sum: 1 }] }, "variations[1].sumSquares: must be a finite number"],
    [{ metric: "median", variations: [] }, 'metric: must be "proportion", "mean" or "ratio"'],
    [{ metric: "mean", variations: [control] }, "variations: must have at least 2 variations (control first)"],
    [{ metric: "mean", confidence: 95, variations: [control, treatment] }, "confidence: must be between 0 and 1"],
    [{ metric: "mean", engine: "magic", variations: [control, treatment] }, 'engine: must be "frequentist", "bayesian" or "sequential"'],
    [{ metric: "mean", weights: [1], variations: [control, treatment] }, "weights: must have one weight per variation"],
    [{ adjust: "bonferroni", pValues: [0.1] }, 'adjust: must be "holm" or "bh"'],
    [{ adjust: "holm", pValues: [0.1, 2] }, "pValues[1]: must be between 0 and 1"],
    [[1, 2], "request: must be a JSON object"],
  ])("%j -> %s", (json, message) => {
    expect(errorOf(json)).toBe(message);
  });

  it("rejects unknown fields so typos do not silently use defaults", () => {
    expect(errorOf({ metric: "mean", confidense: 0.9, variations: [control, treatment] })).toMatch(/confidense/);
  });
});

describe("runAnalysisRequest analysis", () => {
  it("mean metric, absolute, frequentist: Welch t as scipy", () => {
    const r = runAnalysisRequest({ metric: "mean", difference: "absolute", variations: [control, treatment] });
    expect(r.ok).toBe(true);
    const out = (r as { result: AnalysisResponse }).result;
    // python3 -c "import numpy as np; from scipy import stats; r=np.random.default_rng(11); a=r.normal(10,3,400); b=r.normal(10.6,4,350); x=stats.ttest_ind(b,a,equal_var=False); print(x.pvalue, x.confidence_interval(0.95))"
    expectClose(out.comparisons[0]!.pValue, 0.07021959177911);
    expectClose(out.comparisons[0]!.ci[0], -0.0390410724415432);
    expect(out.comparisons[0]!.status).toBe("ok");
    // Unequal sizes 400 vs 350 at 50/50: python3 -c "from scipy.stats import chisquare; print(chisquare([400, 350]).pvalue)"
    expectClose(out.srm.pValue, 0.06788915486182893, 1e-5);
  });

  it("ratio metric with configured weights", () => {
    const v = {
      n: 200,
      numeratorSum: 13815.24188744139,
      numeratorSumSquares: 1809556.4451324842,
      denominatorSum: 792,
      denominatorSumSquares: 3696,
      crossProductSum: 65300.33167475253,
    };
    const r = runAnalysisRequest({
      metric: "ratio",
      engine: "sequential",
      weights: [0.5, 0.5],
      variations: [
        { key: "a", ...v },
        { key: "b", ...v },
      ],
    });
    expect(r.ok).toBe(true);
    const out = (r as { result: AnalysisResponse }).result;
    // See variation-intervals.test.ts for the numpy delta-method reference of this ratio.
    expectClose(out.variations[1]!.value, 17.44348723161792);
    expect(out.comparisons[0]).toMatchObject({ estimate: 0, pValue: 1, status: "ok" });
  });
});
