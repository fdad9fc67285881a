import { describe, expect, it } from "vitest";
import { achievedPower, minimumDetectableEffect, powerSampleSize } from "@/lib/stats";
import { expectClose } from "./helpers";

// Reference for sample sizes: n = (z(1-α/2) + z(power))²·(p1(1-p1) + p2(1-p2))/(p2-p1)², p2 = p1(1+δ):
// python3 -c "from scipy.stats import norm
// def n(p1,d,a=0.05,pw=0.8,two=True): p2=p1*(1+d); z=norm.ppf(1-a/2 if two else 1-a)+norm.ppf(pw); return z*z*(p1*(1-p1)+p2*(1-p2))/(p2-p1)**2
// print(n(0.1,0.1), n(0.05,0.05), n(0.3,-0.1,a=0.01,pw=0.9), n(0.1,0.1,two=False))"
describe("powerSampleSize", () => {
  it("rates", () => {
    expect(powerSampleSize({ kind: "proportion", rate: 0.1 }, 0.1)).toBe(Math.ceil(14748.045020841912));
    expect(powerSampleSize({ kind: "proportion", rate: 0.05 }, 0.05)).toBe(Math.ceil(122120.71978673725));
    expect(powerSampleSize({ kind: "proportion", rate: 0.3 }, -0.1, { alpha: 0.01, power: 0.9 })).toBe(
      Math.ceil(6730.442796223432),
    );
    expect(powerSampleSize({ kind: "proportion", rate: 0.1 }, 0.1, { alternative: "greater" })).toBe(
      Math.ceil(11617.02503896512),
    );
  });
  it("means", () => {
    // python3 -c "from scipy.stats import norm; print((norm.ppf(.975)+norm.ppf(.8))**2*2*25**2/(100*0.05)**2)"
    expect(powerSampleSize({ kind: "mean", mean: 100, standardDeviation: 25 }, 0.05)).toBe(Math.ceil(392.4439867174544));
  });
  it("reaches the requested power", () => {
    // python3 -c "import numpy as np; from scipy.stats import norm; s=np.sqrt((0.09+0.11*0.89)/14749); print(norm.cdf(0.01/s-norm.ppf(.975))+norm.cdf(-0.01/s-norm.ppf(.975)))"
    expectClose(achievedPower({ kind: "proportion", rate: 0.1 }, 0.1, 14749), 0.8000263528161836);
  });
  it("has no answer for a zero effect or an impossible rate", () => {
    expect(powerSampleSize({ kind: "proportion", rate: 0.1 }, 0)).toBeNull();
    expect(powerSampleSize({ kind: "proportion", rate: 0.6 }, 1)).toBeNull();
  });
});

describe("minimumDetectableEffect", () => {
  it("rates: root of p·δ = z·√((p(1-p) + p2(1-p2))/n) found by scipy's brentq", () => {
    // python3 -c "import numpy as np; from scipy.stats import norm; from scipy.optimize import brentq
    // def mde(p,n): z=norm.ppf(.975)+norm.ppf(.8); return brentq(lambda d: p*d-z*np.sqrt((p*(1-p)+p*(1+d)*(1-p*(1+d)))/n), 1e-9, 1/p-1-1e-9, xtol=1e-14)
    // print(mde(0.1,14749), mde(0.02,5000))"
    expectClose(minimumDetectableEffect({ kind: "proportion", rate: 0.1 }, 14749), 0.09999669389213724);
    expectClose(minimumDetectableEffect({ kind: "proportion", rate: 0.02 }, 5000), 0.43133103221646685);
  });
  it("means", () => {
    // python3 -c "import numpy as np; from scipy.stats import norm; print((norm.ppf(.975)+norm.ppf(.8))*np.sqrt(2*25**2/5000)/100)"
    expectClose(minimumDetectableEffect({ kind: "mean", mean: 100, standardDeviation: 25 }, 5000), 0.014007926090564842);
  });
  it("is undefined without users", () => {
    expect(minimumDetectableEffect({ kind: "proportion", rate: 0.1 }, 0)).toBeNull();
  });
});
