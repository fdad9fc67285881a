// Public API of lib/results: experiment results from SQL sufficient statistics and lib/stats.
export type * from "./model";
export { DEFAULT_SETTINGS, parseResultSettings } from "./model";
export {
  getExperimentResults,
  computeExperimentResults,
  resultsTtlMinutes,
  snapshotKey,
  type ResultsOptions,
} from "./results";
export { dataWatermark } from "./watermark";
export { loadExperimentDefinition, configuredWeights, type ExperimentDefinition, type MetricDefinition } from "./definition";
export {
  aggregateExperiment,
  buildAggregateSql,
  type AggregateMetric,
  type AggregateScope,
  type AggregateGrouping,
  type Aggregation,
  type MetricSums,
} from "./aggregate";
export { computeResults } from "./compute";
export { listExperiments, discoverExperiments } from "./list";
export { refreshRunningExperiments, startSnapshotRefresher } from "./refresher";
export { floorTotals, type FloorRow } from "./floor-sql";
