import { describe, expect, it } from "vitest";
import { deltaInterval, meanMoments, proportionMoments, ratioMoments, tInterval, wilsonInterval } from "@/lib/stats";
import { expectClose } from "./helpers";

describe("wilsonInterval", () => {
  // Newcombe (1998), Stat. Med. 17:857, Table I, method 3 (score, no continuity correction):
  // 81/263 -> 0.2553-0.3662; 15/148 -> 0.0624-0.1605; 0/20 -> 0-0.1611; 1/29 -> 0.0061-0.1718.
  // Full precision: python3 -c "from scipy.stats import binomtest; ci=binomtest(K,N).proportion_ci(C,'wilson'); print(ci.low, ci.high)"
  const cases: [number, number, number, number, number][] = [
    [81, 263, 0.95, 0.2552885198782742, 0.36620957698280004],
    [15, 148, 0.95, 0.06238639953073629, 0.16048724172330803],
    [0, 20, 0.95, 0, 0.16112515805281935],
    [1, 29, 0.95, 0.006113214292762667, 0.17175521879320282],
    [14, 28, 0.9, 0.35158121672036124, 0.6484187832796388],
  ];
  it.each(cases)("%i/%i at %f matches scipy and Newcombe 1998", (sum, n, level, lo, hi) => {
    const [l, h] = wilsonInterval({ n, sum }, level);
    expect(Math.abs((l as number) - lo)).toBeLessThan(1e-9);
    expectClose(h, hi);
  });

  it("has no interval for an empty variation", () => {
    expect(wilsonInterval({ n: 0, sum: 0 })).toEqual([null, null]);
  });

  it("uses gbstats' proportion variance p(1 - p)", () => {
    expect(proportionMoments({ n: 20, sum: 5 })).toEqual({ n: 20, mean: 0.25, variance: 0.1875 });
  });
});

describe("tInterval", () => {
  // Data: python3 -c "import numpy as np; y=np.random.default_rng(42).gamma(2.0,1.5,size=50); print(y.sum(), (y**2).sum())"
  const stats = { n: 50, sum: 131.22635867429983, sumSquares: 432.2324691872452 };
  it("matches scipy's t interval", () => {
    // python3 -c "import numpy as np; from scipy.stats import t; y=np.random.default_rng(42).gamma(2.0,1.5,size=50); print(y.mean(), t.interval(0.95, 49, loc=y.mean(), scale=y.std(ddof=1)/np.sqrt(50)), t.interval(0.99, 49, loc=y.mean(), scale=y.std(ddof=1)/np.sqrt(50)))"
    expectClose(meanMoments(stats).mean, 2.6245271734859967);
    const [lo, hi] = tInterval(stats, 0.95);
    expectClose(lo, 2.244047805917883);
    expectClose(hi, 3.0050065410541102);
    const [lo99, hi99] = tInterval(stats, 0.99);
    expectClose(lo99, 2.117123214081677);
    expectClose(hi99, 3.1319311328903163);
  });

  it("needs two units", () => {
    expect(tInterval({ n: 1, sum: 3, sumSquares: 9 })).toEqual([null, null]);
    expect(meanMoments({ n: 1, sum: 3, sumSquares: 9 }).variance).toBe(0);
  });
});

describe("ratio (delta method)", () => {
  // Data: python3 -c "import numpy as np; r=np.random.default_rng(7); d=r.poisson(3,size=200)+1; m=d*r.gamma(2.0,10.0,size=200); print(m.sum(),(m**2).sum(),d.sum(),(d**2).sum(),(m*d).sum())"
  const stats = {
    n: 200,
    numeratorSum: 13815.24188744139,
    numeratorSumSquares: 1809556.4451324842,
    denominatorSum: 792,
    denominatorSumSquares: 3696,
    crossProductSum: 65300.33167475253,
  };
  it("matches the gradient form g'Σg of numpy's covariance matrix", () => {
    // python3 -c "import numpy as np; from scipy.stats import norm; r=np.random.default_rng(7); d=r.poisson(3,size=200)+1; m=d*r.gamma(2.0,10.0,size=200); S=np.cov(np.vstack([m,d])); g=np.array([1/d.mean(),-m.mean()/d.mean()**2]); v=g@S@g; R=m.sum()/d.sum(); h=norm.ppf(.975)*np.sqrt(v/200); print(R, v, R-h, R+h)"
    const m = ratioMoments(stats);
    expectClose(m.mean, 17.44348723161792);
    expectClose(m.variance, 210.22197051922092);
    const [lo, hi] = deltaInterval(stats);
    expectClose(lo, 15.434060643067392);
    expectClose(hi, 19.452913820168448);
  });

  it("has no value without a denominator", () => {
    expect(deltaInterval({ ...stats, denominatorSum: 0 })).toEqual([null, null]);
  });
});
