import { describe, expect, it } from "vitest";
import {
  analyzeMetric,
  bayesianTest,
  effectMoments,
  frequentistTest,
  gaussianRisk,
  meanMoments,
  proportionMoments,
  sequentialTest,
  type EffectMoments,
} from "@/lib/stats";
import { expectClose } from "./helpers";

function okEffect(outcome: ReturnType<typeof effectMoments>): EffectMoments {
  if (outcome.status !== "ok") throw new Error(`unexpected ${outcome.status}`);
  return outcome.effect;
}

// Raw data: python3 -c "import numpy as np; r=np.random.default_rng(11); a=r.normal(10,3,400); b=r.normal(10.6,4,350); print(a.sum(),(a**2).sum(),b.sum(),(b**2).sum())"
const meanA = { n: 400, sum: 4053.6233336349173, sumSquares: 44420.167660902676 };
const meanB = { n: 350, sum: 3711.940381303679, sumSquares: 45066.002733660236 };

describe("Welch t test (frequentist)", () => {
  it("matches scipy.stats.ttest_ind(equal_var=False) on the raw data, absolute difference", () => {
    // python3 -c "import numpy as np; from scipy import stats; r=np.random.default_rng(11); a=r.normal(10,3,400); b=r.normal(10.6,4,350); x=stats.ttest_ind(b,a,equal_var=False); print(x.statistic, x.pvalue, x.df, x.confidence_interval(0.95))"
    const effect = okEffect(effectMoments(meanMoments(meanA), meanMoments(meanB), "absolute"));
    expectClose(effect.dof, 622.7516347728763);
    const r = frequentistTest(effect, 0.95, "two-sided");
    expectClose((r.estimate as number) / (r.standardError as number), 1.8136060882265226);
    expectClose(r.pValue, 0.07021959177911);
    expectClose(r.ci[0], -0.0390410724415432);
    expectClose(r.ci[1], 0.9820122974308362);
    expect(r.chanceToWin).toBeNull();
  });

  it("supports one-sided alternatives like scipy's alternative='greater'/'less'", () => {
    // python3 -c "...; x=stats.ttest_ind(b,a,equal_var=False,alternative='greater'); print(x.pvalue, x.confidence_interval(0.95))" (same data as above; 'less' likewise)
    const effect = okEffect(effectMoments(meanMoments(meanA), meanMoments(meanB), "absolute"));
    const greater = frequentistTest(effect, 0.95, "greater");
    expectClose(greater.pValue, 0.035109795889555);
    expectClose(greater.ci[0], 0.04323374468456265);
    expect(greater.ci[1]).toBeNull();
    const less = frequentistTest(effect, 0.95, "less");
    expectClose(less.pValue, 0.964890204110445);
    expect(less.ci[0]).toBeNull();
    expectClose(less.ci[1], 0.8997374803047303);
  });

  it("proportions use p(1-p) variance: the issue's 14/28 vs 16/30 example", () => {
    // python3 -c "import numpy as np; from scipy import stats; from scipy.stats import t; pa,pb,na,nb=14/28,16/30,28,30; r=stats.ttest_ind_from_stats(pb,np.sqrt(pb*(1-pb)),nb,pa,np.sqrt(pa*(1-pa)),na,equal_var=False); va,vb=pa*(1-pa)/na,pb*(1-pb)/nb; df=(va+vb)**2/(va**2/(na-1)+vb**2/(nb-1)); se=np.sqrt(va+vb); print(r.pvalue, df, se, pb-pa-t.ppf(.975,df)*se, pb-pa+t.ppf(.975,df)*se)"
    const a = proportionMoments({ n: 28, sum: 14 });
    const b = proportionMoments({ n: 30, sum: 16 });
    const abs = frequentistTest(okEffect(effectMoments(a, b, "absolute")));
    expectClose(abs.estimate, 0.033333333333333326);
    expectClose(abs.standardError, 0.13124354355497922);
    expectClose(abs.pValue, 0.8004455444388893);
    expectClose(abs.ci[0], -0.2296095491043773);
    expectClose(abs.ci[1], 0.29627621577104396);
    // Relative, delta method: python3 -c "...; vr=vb/pa**2+va*pb**2/pa**4; se=np.sqrt(vr); e=(pb-pa)/pa; print(e, se, 2*t.sf(abs(e/se),df), e-t.ppf(.975,df)*se, e+t.ppf(.975,df)*se)"
    const rel = frequentistTest(okEffect(effectMoments(a, b, "relative")));
    expectClose(rel.estimate, 0.06666666666666665);
    expectClose(rel.standardError, 0.27169855689735606);
    expectClose(rel.pValue, 0.8070716832021888);
    expectClose(rel.ci[0], -0.4776740282706786);
    expectClose(rel.ci[1], 0.6110073616040119);
  });

  it("relative lift at a 90% level on a large sample", () => {
    // python3 -c "import numpy as np; from scipy.stats import t; pa,pb,n=0.1,0.11,10000; va,vb=pa*(1-pa)/n,pb*(1-pb)/n; df=(va+vb)**2/(va**2/(n-1)+vb**2/(n-1)); se=np.sqrt(vb/pa**2+va*pb**2/pa**4); e=(pb-pa)/pa; print(se, df, 2*t.sf(e/se,df), e-t.ppf(.95,df)*se, e+t.ppf(.95,df)*se)"
    const effect = okEffect(
      effectMoments(proportionMoments({ n: 10000, sum: 1000 }), proportionMoments({ n: 10000, sum: 1100 }), "relative"),
    );
    expectClose(effect.dof, 19962.712558123232);
    const r = frequentistTest(effect, 0.9);
    expectClose(r.standardError, 0.045475268003608287);
    expectClose(r.pValue, 0.02788952876460059);
    expectClose(r.ci[0], 0.025196369163549226);
    expectClose(r.ci[1], 0.17480363083645067);
  });
});

describe("degenerate input says why and never yields NaN", () => {
  const cases = [
    ["insufficient-data", { n: 1, sum: 1 }, { n: 30, sum: 3 }],
    ["zero-control", { n: 100, sum: 0 }, { n: 100, sum: 4 }],
    ["zero-variance", { n: 100, sum: 100 }, { n: 100, sum: 100 }],
  ] as const;
  it.each(cases)("%s", (status, control, treatment) => {
    for (const engine of ["frequentist", "bayesian", "sequential"] as const) {
      const result = analyzeMetric({ kind: "proportion", variations: [control, treatment], engine });
      const c = result.comparisons[0]!;
      expect(c.status).toBe(status);
      expect(c.message).toMatch(/\w+/);
      expect(c.pValue).toBeNull();
      expect(c.ci).toEqual([null, null]);
      expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
    }
  });

  it("zero variance in the absolute scale still reports the estimate", () => {
    const r = analyzeMetric({
      kind: "proportion",
      difference: "absolute",
      variations: [
        { n: 50, sum: 0 },
        { n: 50, sum: 0 },
      ],
    });
    expect(r.comparisons[0]).toMatchObject({ status: "zero-variance", estimate: 0 });
  });

  it("an empty variation has value null", () => {
    const r = analyzeMetric({ kind: "mean", variations: [{ n: 0, sum: 0, sumSquares: 0 }, meanB] });
    expect(r.variations[0]).toEqual({ n: 0, value: null, ci: [null, null] });
    expect(r.comparisons[0]!.status).toBe("insufficient-data");
  });
});

describe("Bayesian engine", () => {
  const effect = okEffect(
    effectMoments(proportionMoments({ n: 10000, sum: 1000 }), proportionMoments({ n: 10000, sum: 1100 }), "relative"),
  );
  // Effect: mean 0.1, sd 0.045475268003608287 (see the Welch test above).
  it("flat prior: chance to win, credible interval and risk from the Gaussian posterior", () => {
    // python3 -c "from scipy.stats import norm, truncnorm; import numpy as np; mu,sd=0.09999999999999995,0.045475268003608287; pc=norm.cdf(0,mu,sd); tm=lambda lo,hi: truncnorm.mean((lo-mu)/sd,(hi-mu)/sd,loc=mu,scale=sd); print(norm.sf(0,mu,sd), norm.interval(0.95,mu,sd), (1-pc)*tm(0,np.inf), -pc*tm(-np.inf,0))"
    const r = bayesianTest(effect, 0.95);
    expectClose(r.chanceToWin, 0.9860609494573318);
    expectClose(r.ci[0], 0.01087011252562102);
    expectClose(r.ci[1], 0.18912988747437887);
    expectClose(r.risk![0], 0.10022287267691717);
    expectClose(r.risk![1], 0.00022287267691721734, 1e-5);
    expect(r.pValue).toBeNull();
  });

  it("proper prior N(0, 0.05²) shrinks the effect", () => {
    // python3 -c "from scipy.stats import norm, truncnorm; import numpy as np; mu,sd=0.09999999999999995,0.045475268003608287; pp=1/0.05**2; dp=1/sd**2; m=mu*dp/(dp+pp); s=np.sqrt(1/(dp+pp)); pc=norm.cdf(0,m,s); tm=lambda lo,hi: truncnorm.mean((lo-m)/s,(hi-m)/s,loc=m,scale=s); print(m, s, norm.sf(0,m,s), norm.interval(0.95,m,s), (1-pc)*tm(0,np.inf), -pc*tm(-np.inf,0))"
    const r = bayesianTest(effect, 0.95, { mean: 0, variance: 0.05 ** 2 });
    expectClose(r.estimate, 0.05472854640980734);
    expectClose(r.standardError, 0.03364203233686716);
    expectClose(r.chanceToWin, 0.9481092246521803);
    expectClose(r.ci[0], -0.011208625337184176);
    expectClose(r.ci[1], 0.12066571815679886);
    expectClose(r.risk![0], 0.05546238329494731);
    expectClose(r.risk![1], 0.0007338368851399687, 1e-5);
  });

  it("risk of a losing treatment", () => {
    // python3 -c "from scipy.stats import norm, truncnorm; import numpy as np; mu,sd=-0.02,0.015; pc=norm.cdf(0,mu,sd); tm=lambda lo,hi: truncnorm.mean((lo-mu)/sd,(hi-mu)/sd,loc=mu,scale=sd); print((1-pc)*tm(0,np.inf), -pc*tm(-np.inf,0))"
    const [control, treatment] = gaussianRisk(-0.02, 0.015);
    expectClose(control, 0.0006359267256225486, 1e-5);
    expectClose(treatment, 0.020635926725622547);
  });
});

describe("sequential engine (asymptotic confidence sequences, N* = 5000)", () => {
  it("matches gbstats' formulas (Waudby-Smith et al. eq. 9, 155, 161)", () => {
    // python3 -c "import numpy as np; a=0.05; N=20000; e=0.09999999999999995; vr=0.045475268003608287**2; rho=np.sqrt((-2*np.log(a)+np.log(-2*np.log(a)+1))/5000); hw=np.sqrt(vr*N)*np.sqrt(2*(N*rho**2+1)*np.log(np.sqrt(N*rho**2+1)/a)/(N*rho)**2); tr=N*rho**2+1; ev=np.exp(rho**2*(e**2*N/vr)/(2*tr))/np.sqrt(tr); print(e-hw, e+hw, min(1/ev,1))"
    const effect = okEffect(
      effectMoments(proportionMoments({ n: 10000, sum: 1000 }), proportionMoments({ n: 10000, sum: 1100 }), "relative"),
    );
    const r = sequentialTest(effect, 0.95, "two-sided", 5000);
    expectClose(r.ci[0], -0.04220635376208545);
    expectClose(r.ci[1], 0.24220635376208535);
    expectClose(r.pValue, 0.5490379443452079);
    // Always-valid inference costs width: the fixed-horizon p-value (0.0279) is smaller.
    expect(r.pValue!).toBeGreaterThan(frequentistTest(effect).pValue!);
  });

  it("one-sided use keeps the valid bound on the tested side", () => {
    const effect = okEffect(effectMoments(meanMoments(meanA), meanMoments(meanB), "absolute"));
    const two = sequentialTest(effect, 0.95, "two-sided");
    expect(sequentialTest(effect, 0.95, "greater").ci).toEqual([two.ci[0], null]);
    expect(sequentialTest(effect, 0.95, "less").pValue).toBe(1);
  });
});
