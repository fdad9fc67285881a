import { describe, expect, it } from "vitest";
import { adjustFamily, adjustPValues, analyzeMetric, cupedAdjust, srmTest } from "@/lib/stats";
import { expectClose } from "./helpers";

describe("srmTest", () => {
  it.each([
    // python3 -c "from scipy.stats import chisquare; print(chisquare([5000, 5250]))"
    [[5000, 5250], undefined, 6.097560975609756, 0.013536859346243508, false],
    // python3 -c "import numpy as np; from scipy.stats import chisquare; print(chisquare([4000,4100,1900], f_exp=np.array([.4,.4,.2])*10000))"
    [[4000, 4100, 1900], [0.4, 0.4, 0.2], 7.5, 0.023517745856009114, false],
    // python3 -c "from scipy.stats import chisquare; print(chisquare([5000, 5400]))"
    [[5000, 5400], [50, 50], 15.384615384615385, 8.769942375590228e-5, true],
    // python3 -c "from scipy.stats import chisquare; print(chisquare([28, 30]))"
    [[28, 30], [0.5, 0.5], 0.06896551724137931, 0.7928489826282048, false],
  ] as const)("%j with weights %j", (counts, weights, chi, p, warning) => {
    const r = srmTest(counts, weights);
    expectClose(r.chiSquare, chi);
    expectClose(r.pValue, p, 1e-5);
    expect(r.warning).toBe(warning);
  });

  it("ignores arms with zero weight and has nothing to say without units", () => {
    expect(srmTest([0, 0])).toEqual({ chiSquare: 0, pValue: 1, warning: false });
    expectClose(srmTest([5000, 5250, 77], [1, 1, 0]).pValue, 0.013536859346243508, 1e-5);
  });

  it("analyzeMetric includes it when weights are given", () => {
    const r = analyzeMetric({
      kind: "proportion",
      weights: [1, 1],
      variations: [
        { n: 5000, sum: 500 },
        { n: 5400, sum: 540 },
      ],
    });
    expect(r.srm?.warning).toBe(true);
  });
});

describe("adjustPValues", () => {
  const p = [0.01, 0.04, 0.03, 0.2, 0.005, 0.5, 0.045];
  it("Benjamini–Hochberg matches scipy", () => {
    // python3 -c "from scipy.stats import false_discovery_control; print(false_discovery_control([0.01,0.04,0.03,0.2,0.005,0.5,0.045], method='bh').tolist())"
    const expected = [0.035, 0.063, 0.063, 0.23333333333333336, 0.035, 0.5, 0.063];
    adjustPValues(p, "bh").forEach((v, i) => expectClose(v, expected[i]!));
  });
  it("Holm–Bonferroni step-down", () => {
    // python3 -c "import numpy as np; p=np.array([0.01,0.04,0.03,0.2,0.005,0.5,0.045]); m=len(p); adj=np.empty(m); run=0
    // for r,i in enumerate(np.argsort(p)): run=max(run,min(1,(m-r)*p[i])); adj[i]=run
    // print(adj.tolist())"
    const expected = [0.06, 0.16, 0.15, 0.4, 0.035, 0.5, 0.16];
    adjustPValues(p, "holm").forEach((v, i) => expectClose(v, expected[i]!));
  });
});

describe("adjustFamily (adjusted CIs)", () => {
  // Family: estimates [0.12, -0.05, 0.3], SE [0.05, 0.04, 0.2], p = 2·(1 − Φ(|Δ/SE|)):
  // python3 -c "import numpy as np; from scipy.stats import norm; e=np.array([0.12,-0.05,0.3]); s=np.array([0.05,0.04,0.2]); print((2*norm.sf(abs(e/s))).tolist())"
  const family = [
    { estimate: 0.12, standardError: 0.05, pValue: 0.016395071849192262 },
    { estimate: -0.05, standardError: 0.04, pValue: 0.2112995473337107 },
    { estimate: 0.3, standardError: 0.2, pValue: 0.13361440253771617 },
  ];
  it("Holm pairs with Bonferroni CIs at α/m", () => {
    // python3 -c "...; z=norm.ppf(1-0.05/6); print((e-z*s).tolist(), (e+z*s).tolist())"; Holm adjusted p as above
    const lo = [0.00030101000907446773, -0.1457591919927404, -0.17879595996370212];
    const hi = [0.23969898999092554, 0.04575919199274041, 0.7787959599637021];
    const adjusted = [0.04918521554757679, 0.26722880507543234, 0.26722880507543234];
    adjustFamily(family, "holm").forEach((r, i) => {
      expectClose(r.pValue, adjusted[i]!);
      expectClose(r.ci[0], lo[i]!);
      expectClose(r.ci[1], hi[i]!);
    });
  });
  it("BH CIs back out the SE from the adjusted p-value (GrowthBook adjustedCI)", () => {
    // python3 -c "...; from scipy.stats import false_discovery_control as f; bh=f(p,method='bh'); sp=np.abs(e/norm.ppf(1-bh/2)); print(bh.tolist(), (e-norm.ppf(.975)*sp).tolist(), (e+norm.ppf(.975)*sp).tolist())"
    const adjusted = [0.04918521554757679, 0.2112995473337107, 0.20042160380657426];
    const lo = [0.00042818637445193874, -0.12839855938160222, -0.1592405092141927];
    const hi = [0.23957181362554805, 0.028398559381602198, 0.7592405092141927];
    adjustFamily(family, "bh").forEach((r, i) => {
      expectClose(r.pValue, adjusted[i]!);
      expectClose(r.ci[0], lo[i]!);
      expectClose(r.ci[1], hi[i]!);
    });
  });
  it("BH leaves the CI unbounded when the adjusted p-value is 1", () => {
    expect(adjustFamily([{ estimate: 0.01, standardError: 1, pValue: 1 }], "bh")[0]!.ci).toEqual([null, null]);
  });
});

describe("cupedAdjust", () => {
  // Data: python3 -c "import numpy as np; r=np.random.default_rng(3); xa=r.normal(5,2,500); xb=r.normal(5,2,450); ya=2+0.8*xa+r.normal(0,1,500); yb=2.3+0.8*xb+r.normal(0,1,450)
  // for x,y in [(xa,ya),(xb,yb)]: print(y.sum(),(y**2).sum(),x.sum(),(x**2).sum(),(x*y).sum())"
  const a = {
    n: 500,
    sum: 3062.101366985452,
    sumSquares: 20323.44291402673,
    covariateSum: 2554.9949285242647,
    covariateSumSquares: 15058.85755728722,
    crossProductSum: 17155.93894732788,
  };
  const b = {
    n: 450,
    sum: 2853.0613958182776,
    sumSquares: 19700.280050983056,
    covariateSum: 2254.8735063517465,
    covariateSumSquares: 13120.027251214522,
    crossProductSum: 15742.230905530394,
  };
  it("θ and the adjusted effect equal OLS of y ~ 1 + treatment + x", () => {
    // python3 -c "...(data above); X=np.column_stack([np.ones(950), np.r_[np.zeros(500),np.ones(450)], np.r_[xa,xb]]); print(np.linalg.lstsq(X, np.r_[ya,yb], rcond=None)[0].tolist())"
    const r = cupedAdjust([a, b]);
    expectClose(r.theta, 0.7726414536365996);
    expectClose(r.variations[1]!.mean - r.variations[0]!.mean, 0.2925487063673683);
  });
  it("adjusted variances equal var(y − θx) and reduce the raw variance", () => {
    // python3 -c "...; th=0.7726414536365996; print(np.var(ya-th*xa,ddof=1), np.var(yb-th*xb,ddof=1), np.var(ya,ddof=1), np.var(yb,ddof=1))"
    const r = cupedAdjust([a, b]);
    expectClose(r.variations[0]!.variance, 0.8715564925394015);
    expectClose(r.variations[1]!.variance, 1.0338475062054773);
    expectClose(r.varianceReduction, 1 - (0.8715564925394015 + 1.0338475062054773) / (3.1473213439646917 + 3.589045754188751));
    const adjusted = analyzeMetric({ kind: "moments", difference: "absolute", variations: r.variations });
    const raw = analyzeMetric({ kind: "mean", difference: "absolute", variations: [a, b] });
    expect(adjusted.comparisons[0]!.standardError!).toBeLessThan(raw.comparisons[0]!.standardError! * 0.6);
  });
  it("a constant covariate changes nothing", () => {
    const flat = { ...a, covariateSum: 500, covariateSumSquares: 500, crossProductSum: a.sum };
    expect(cupedAdjust([flat]).theta).toBe(0);
  });
});
