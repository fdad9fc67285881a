// One metric across variations: per-variation values with CIs and every treatment against the control.
import { bayesianTest } from "./bayesian";
import { degenerateComparison, effectMoments, frequentistTest, type ComparisonResult } from "./compare";
import { tQuantile } from "./distributions";
import { meanMoments, tInterval } from "./mean";
import { proportionMoments, wilsonInterval } from "./proportion";
import { deltaInterval, ratioMoments } from "./ratio";
import { sequentialTest } from "./sequential";
import { srmTest, type SrmResult } from "./srm";
import type {
  Alternative,
  Difference,
  Engine,
  GaussianPrior,
  Interval,
  MeanStats,
  Moments,
  ProportionStats,
  RatioStats,
} from "./types";

/** Variations of one metric; the first is the control. "moments" takes precomputed (e.g. CUPED) moments. */
export type MetricVariations =
  | { kind: "proportion"; variations: readonly ProportionStats[] }
  | { kind: "mean"; variations: readonly MeanStats[] }
  | { kind: "ratio"; variations: readonly RatioStats[] }
  | { kind: "moments"; variations: readonly Moments[] };

export interface AnalysisSettings {
  engine?: Engine;
  /** CI / credible level, default 0.95. */
  confidence?: number;
  difference?: Difference;
  alternative?: Alternative;
  /** N* of the sequential confidence sequence, default 5000. */
  sequentialTuning?: number;
  /** Proper Gaussian prior on the effect for the Bayesian engine; flat when absent. */
  prior?: GaussianPrior;
  /** Configured traffic weights; when given, an SRM check of the variation sizes is included. */
  weights?: readonly number[];
}

export type AnalyzeMetricOptions = MetricVariations & AnalysisSettings;

export interface VariationSummary {
  n: number;
  /** Rate, mean or ratio; null when the variation has no units (or a zero denominator). */
  value: number | null;
  ci: Interval;
}

export interface MetricAnalysis {
  variations: VariationSummary[];
  /** comparisons[i] compares variations[i + 1] with the control. */
  comparisons: ComparisonResult[];
  srm: SrmResult | null;
}

function summarize(input: MetricVariations, index: number, confidence: number): { moments: Moments; summary: VariationSummary } {
  switch (input.kind) {
    case "proportion": {
      const s = input.variations[index] as ProportionStats;
      const moments = proportionMoments(s);
      return { moments, summary: { n: s.n, value: s.n > 0 ? moments.mean : null, ci: wilsonInterval(s, confidence) } };
    }
    case "mean": {
      const s = input.variations[index] as MeanStats;
      const moments = meanMoments(s);
      return { moments, summary: { n: s.n, value: s.n > 0 ? moments.mean : null, ci: tInterval(s, confidence) } };
    }
    case "ratio": {
      const s = input.variations[index] as RatioStats;
      const moments = ratioMoments(s);
      const defined = s.n > 0 && s.denominatorSum !== 0;
      return { moments, summary: { n: s.n, value: defined ? moments.mean : null, ci: deltaInterval(s, confidence) } };
    }
    case "moments": {
      const moments = input.variations[index] as Moments;
      let ci: Interval = [null, null];
      if (moments.n >= 2) {
        const half = tQuantile(1 - (1 - confidence) / 2, moments.n - 1) * Math.sqrt(moments.variance / moments.n);
        ci = [moments.mean - half, moments.mean + half];
      }
      return { moments, summary: { n: moments.n, value: moments.n > 0 ? moments.mean : null, ci } };
    }
  }
}

/** Runs the chosen engine for each treatment against variations[0]. */
export function analyzeMetric(options: AnalyzeMetricOptions): MetricAnalysis {
  const confidence = options.confidence ?? 0.95;
  const engine = options.engine ?? "frequentist";
  const difference = options.difference ?? "relative";
  const alternative = options.alternative ?? "two-sided";
  const count = options.variations.length;
  const variations: VariationSummary[] = new Array(count);
  const comparisons: ComparisonResult[] = new Array(Math.max(0, count - 1));
  let control: Moments | undefined;
  for (let i = 0; i < count; i++) {
    const { moments, summary } = summarize(options, i, confidence);
    variations[i] = summary;
    if (i === 0) {
      control = moments;
      continue;
    }
    const outcome = effectMoments(control as Moments, moments, difference);
    if (outcome.status !== "ok") comparisons[i - 1] = degenerateComparison(outcome);
    else if (engine === "bayesian") comparisons[i - 1] = bayesianTest(outcome.effect, confidence, options.prior);
    else if (engine === "sequential")
      comparisons[i - 1] = sequentialTest(outcome.effect, confidence, alternative, options.sequentialTuning ?? 5000);
    else comparisons[i - 1] = frequentistTest(outcome.effect, confidence, alternative);
  }
  const srm = options.weights ? srmTest(variations.map((v) => v.n), options.weights) : null;
  return { variations, comparisons, srm };
}
