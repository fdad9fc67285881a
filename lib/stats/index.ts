// Public API of lib/stats: pure functions from sufficient statistics to results.
export type * from "./types";
export { normalCdf, normalQuantile, tCdf, tQuantile, chiSquareSurvival } from "./distributions";
export { proportionMoments, wilsonInterval } from "./proportion";
export { meanMoments, tInterval } from "./mean";
export { ratioMoments, deltaInterval } from "./ratio";
export {
  effectMoments,
  frequentistTest,
  degenerateComparison,
  type EffectMoments,
  type EffectOutcome,
  type ComparisonResult,
} from "./compare";
export { bayesianTest, effectPosterior, gaussianRisk } from "./bayesian";
export { sequentialTest, sequentialRho, sequentialHalfWidth, sequentialPValue } from "./sequential";
export {
  adjustPValues,
  adjustFamily,
  type Adjustment,
  type FamilyMember,
  type AdjustedMember,
} from "./multiple-testing";
export { srmTest, type SrmResult } from "./srm";
export { cupedAdjust, type CupedStats, type CupedResult } from "./cuped";
export {
  powerSampleSize,
  minimumDetectableEffect,
  achievedPower,
  type PowerBaseline,
  type PowerOptions,
} from "./power";
export {
  thompsonWeights,
  applyFloor,
  weightsToRanges,
  BUCKETS,
  type ThompsonOptions,
  type ThompsonResult,
  type AllocationRange,
} from "./bandit";
export {
  analyzeMetric,
  type AnalyzeMetricOptions,
  type AnalysisSettings,
  type MetricVariations,
  type MetricAnalysis,
  type VariationSummary,
} from "./analyze";
export {
  runAnalysisRequest,
  type AnalysisRequestOutcome,
  type AnalysisResponse,
  type AdjustResponse,
} from "./request";
export { analysisRequestSchema, adjustRequestSchema, type AnalysisRequest, type AdjustRequest } from "./request-schema";
