// Sufficient statistics -> result model: lib/stats per metric, corrections, verdicts, series, breakdown.
import {
  adjustFamily,
  analyzeMetric,
  meanMoments,
  powerSampleSize,
  ratioMoments,
  srmTest,
  type ComparisonResult,
  type MetricVariations,
  type PowerBaseline,
} from "@/lib/stats";
import { addSums, emptySums, OTHER_SEGMENT, type Aggregation, type MetricSums } from "./aggregate";
import type { ExperimentDefinition, MetricDefinition } from "./definition";
import type {
  BreakdownResult,
  Comparison,
  ExperimentResults,
  MetricResult,
  MetricSeries,
  ResultSettings,
  SeriesPoint,
  SrmHealth,
  VariationValue,
} from "./model";

/** Users and metric sums per variation (aligned with the experiment's variations). */
interface Totals {
  users: number[];
  sums: MetricSums[][]; // [metric][variation]
}

function emptyTotals(variations: number, metrics: number): Totals {
  return {
    users: new Array<number>(variations).fill(0),
    sums: Array.from({ length: metrics }, () => Array.from({ length: variations }, emptySums)),
  };
}

function addBucket(totals: Totals, index: number, bucket: Aggregation["buckets"][number]) {
  totals.users[index] = (totals.users[index] ?? 0) + bucket.users;
  bucket.metrics.forEach((sums, m) => addSums(totals.sums[m]![index]!, sums));
}

function statsInput(kind: MetricDefinition["kind"], users: readonly number[], sums: readonly MetricSums[]): MetricVariations {
  const n = (i: number) => users[i] ?? 0;
  switch (kind) {
    case "conversion":
      return { kind: "proportion", variations: sums.map((s, i) => ({ n: n(i), sum: s.sum })) };
    case "ratio":
      return {
        kind: "ratio",
        variations: sums.map((s, i) => ({
          n: n(i),
          numeratorSum: s.sum,
          numeratorSumSquares: s.sumSquares,
          denominatorSum: s.denominatorSum,
          denominatorSumSquares: s.denominatorSumSquares,
          crossProductSum: s.crossProductSum,
        })),
      };
    default:
      return { kind: "mean", variations: sums.map((s, i) => ({ n: n(i), sum: s.sum, sumSquares: s.sumSquares })) };
  }
}

/** Baseline of the control for the sample-size estimate. */
function powerBaseline(kind: MetricDefinition["kind"], users: number, control: MetricSums): PowerBaseline | null {
  if (users < 2) return null;
  if (kind === "conversion") return { kind: "proportion", rate: control.sum / users };
  const moments =
    kind === "ratio"
      ? ratioMoments({
          n: users,
          numeratorSum: control.sum,
          numeratorSumSquares: control.sumSquares,
          denominatorSum: control.denominatorSum,
          denominatorSumSquares: control.denominatorSumSquares,
          crossProductSum: control.crossProductSum,
        })
      : meanMoments({ n: users, sum: control.sum, sumSquares: control.sumSquares });
  return { kind: "mean", mean: moments.mean, standardDeviation: Math.sqrt(moments.variance) };
}

/** lib/stats reports P(lift > 0) and risk for "higher is better"; flip both for "lower is better". */
function orient(result: ComparisonResult, direction: MetricDefinition["direction"]): ComparisonResult {
  if (direction === "higher") return result;
  return {
    ...result,
    chanceToWin: result.chanceToWin === null ? null : 1 - result.chanceToWin,
    risk: result.risk ? [result.risk[1], result.risk[0]] : null,
  };
}

interface Analysed {
  variations: VariationValue[];
  comparisons: Comparison[];
}

function analyse(
  metric: MetricDefinition,
  keys: readonly string[],
  users: readonly number[],
  sums: readonly MetricSums[],
  settings: ResultSettings,
): Analysed {
  const analysis = analyzeMetric({ ...statsInput(metric.kind, users, sums), engine: settings.engine, confidence: settings.confidence });
  return {
    variations: analysis.variations.map((v, i) => ({
      key: keys[i]!,
      users: v.n,
      total: sums[i]!.sum,
      denominator: metric.kind === "ratio" ? sums[i]!.denominatorSum : null,
      value: v.value,
      ci: v.ci,
    })),
    comparisons: analysis.comparisons.map((raw, i) => {
      const c = orient(raw, metric.direction);
      return {
        key: keys[i + 1]!,
        status: c.status,
        message: c.message,
        estimate: c.estimate,
        ci: c.ci,
        standardError: c.standardError,
        pValue: c.pValue,
        adjustedPValue: c.pValue,
        chanceToWin: c.chanceToWin,
        risk: c.risk,
        significant: false,
        verdict: "not-enough-data",
      };
    }),
  };
}

/** Significance and verdict once p-values are final; "flat" needs the users the MDE asks for. */
function judge(c: Comparison, metric: MetricDefinition, settings: ResultSettings, enoughUsers: boolean): void {
  if (c.status !== "ok" || c.estimate === null) return;
  const alpha = 1 - settings.confidence;
  const better = metric.direction === "higher" ? c.estimate > 0 : c.estimate < 0;
  if (settings.engine === "bayesian") {
    const chance = c.chanceToWin ?? 0.5;
    c.significant = chance > settings.confidence || chance < alpha;
    c.verdict = c.significant ? (chance > 0.5 ? "win" : "loss") : enoughUsers ? "flat" : "not-enough-data";
    return;
  }
  c.significant = c.adjustedPValue !== null && c.adjustedPValue < alpha;
  c.verdict = c.significant ? (better ? "win" : "loss") : enoughUsers ? "flat" : "not-enough-data";
}

/**
 * Holm or BH across every testable comparison of every metric (the family is metrics × treatments).
 * Frequentist intervals are widened to match; sequential ones are already valid under peeking and
 * keep their shape, only their p-values are adjusted.
 */
function correct(metrics: MetricResult[], settings: ResultSettings): void {
  if (settings.correction === "none" || settings.engine === "bayesian") return;
  const members = metrics.flatMap((m) =>
    m.comparisons.filter((c) => c.status === "ok" && c.pValue !== null && c.standardError !== null && c.estimate !== null),
  );
  if (!members.length) return;
  const adjusted = adjustFamily(
    members.map((c) => ({ estimate: c.estimate!, standardError: c.standardError!, pValue: c.pValue! })),
    settings.correction,
    settings.confidence,
  );
  members.forEach((c, i) => {
    c.adjustedPValue = adjusted[i]!.pValue;
    if (settings.engine === "frequentist") c.ci = adjusted[i]!.ci;
  });
}

function srmHealth(definition: ExperimentDefinition, users: readonly number[]): SrmHealth | null {
  if (definition.header.type === "multi-armed-bandit") return null;
  const keys = definition.header.variations.map((v) => v.key);
  const srm = srmTest(users, definition.weights);
  const total = users.reduce((s, n) => s + n, 0);
  const weightTotal = definition.weights.reduce((s, w) => s + w, 0);
  return {
    chiSquare: srm.chiSquare,
    pValue: srm.pValue,
    warning: srm.warning,
    observed: Object.fromEntries(keys.map((k, i) => [k, users[i] ?? 0])),
    expected: Object.fromEntries(keys.map((k, i) => [k, ((definition.weights[i] ?? 0) / weightTotal) * total])),
  };
}

function eachDay(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

function buildSeries(definition: ExperimentDefinition, byDay: Aggregation, settings: ResultSettings): MetricSeries[] {
  const keys = definition.header.variations.map((v) => v.key);
  const index = new Map(keys.map((k, i) => [k, i]));
  const metrics = definition.metrics;
  const series: MetricSeries[] = metrics.map((m) => ({ metricId: m.metricId, points: [] }));
  const first = byDay.buckets[0];
  const last = byDay.buckets[byDay.buckets.length - 1];
  if (!first || !last) return series;
  const running = emptyTotals(keys.length, metrics.length);
  let next = 0;
  for (const date of eachDay(first.bucket, last.bucket)) {
    for (; next < byDay.buckets.length && byDay.buckets[next]!.bucket === date; next++) {
      const bucket = byDay.buckets[next]!;
      const i = index.get(bucket.variation);
      if (i !== undefined) addBucket(running, i, bucket);
    }
    metrics.forEach((metric, m) => {
      const { variations, comparisons } = analyse(metric, keys, running.users, running.sums[m]!, settings);
      const point: SeriesPoint = {
        date,
        variations: variations.map((v) => ({ key: v.key, users: v.users, total: v.total, value: v.value })),
        lifts: comparisons.map((c) => ({ key: c.key, estimate: c.estimate, ci: c.ci })),
      };
      series[m]!.points.push(point);
    });
  }
  return series;
}

function buildBreakdown(definition: ExperimentDefinition, bySegment: Aggregation, settings: ResultSettings): BreakdownResult {
  const keys = definition.header.variations.map((v) => v.key);
  const index = new Map(keys.map((k, i) => [k, i]));
  const segments = new Map<string, Totals>();
  for (const bucket of bySegment.buckets) {
    const i = index.get(bucket.variation);
    if (i === undefined) continue;
    let totals = segments.get(bucket.bucket);
    if (!totals) segments.set(bucket.bucket, (totals = emptyTotals(keys.length, definition.metrics.length)));
    addBucket(totals, i, bucket);
  }
  const rows = [...segments].map(([value, totals]) => ({
    value,
    users: totals.users.reduce((s, n) => s + n, 0),
    metrics: definition.metrics.map((metric, m) => {
      const analysed = analyse(metric, keys, totals.users, totals.sums[m]!, settings);
      for (const c of analysed.comparisons) judge(c, metric, settings, true);
      return { metricId: metric.metricId, ...analysed };
    }),
  }));
  rows.sort((a, b) => Number(a.value === OTHER_SEGMENT) - Number(b.value === OTHER_SEGMENT) || b.users - a.users || (a.value < b.value ? -1 : 1));
  return { dimension: settings.breakdown!, segments: rows };
}

export interface ComputeInput {
  definition: ExperimentDefinition;
  settings: ResultSettings;
  byDay: Aggregation;
  bySegment: Aggregation | null;
  watermark: number;
  botsDropped: number;
  computedAt: Date;
}

/** The result model from the aggregations; pure, so it is cheap to test and to re-run. */
export function computeResults(input: ComputeInput): ExperimentResults {
  const { definition, settings, byDay } = input;
  const keys = definition.header.variations.map((v) => v.key);
  const index = new Map(keys.map((k, i) => [k, i]));
  const totals = emptyTotals(keys.length, definition.metrics.length);
  for (const bucket of byDay.buckets) {
    const i = index.get(bucket.variation);
    if (i !== undefined) addBucket(totals, i, bucket);
  }
  const smallestArm = Math.min(...totals.users);
  const metrics: MetricResult[] = definition.metrics.map((metric, m) => {
    const sums = totals.sums[m]!;
    const { variations, comparisons } = analyse(metric, keys, totals.users, sums, settings);
    const baseline = powerBaseline(metric.kind, totals.users[0] ?? 0, sums[0]!);
    const needed = baseline ? powerSampleSize(baseline, settings.mde, { alpha: 1 - settings.confidence }) : null;
    return {
      metricId: metric.metricId,
      name: metric.name,
      kind: metric.kind,
      role: metric.role,
      direction: metric.direction,
      eventKey: metric.eventKey,
      filters: [...metric.filters],
      windowHours: metric.windowHours,
      winsorizePercentile: metric.winsorizePercentile,
      cap: metric.kind === "conversion" ? null : (byDay.caps[m] ?? null),
      variations,
      comparisons,
      usersNeededPerVariation: needed,
      usersStillNeeded: needed === null ? null : Math.max(0, needed - smallestArm),
      guardrailViolated: false,
    };
  });
  correct(metrics, settings);
  metrics.forEach((result, m) => {
    const metric = definition.metrics[m]!;
    const enoughUsers = result.usersNeededPerVariation === null || smallestArm >= result.usersNeededPerVariation;
    for (const c of result.comparisons) judge(c, metric, settings, enoughUsers);
    result.guardrailViolated = metric.role === "guardrail" && result.comparisons.some((c) => c.verdict === "loss");
  });
  return {
    experiment: definition.header,
    settings,
    computedAt: input.computedAt.toISOString(),
    watermark: input.watermark,
    cached: false,
    health: {
      srm: srmHealth(definition, totals.users),
      exposedUsers: totals.users.reduce((s, n) => s + n, 0),
      multipleExposureUsers: byDay.multipleExposureUsers,
      botsDropped: input.botsDropped,
      noEvents: totals.sums.every((perVariation) => perVariation.every((s) => s.denominatorSum === 0)),
    },
    metrics,
    series: buildSeries(definition, byDay, settings),
    breakdown: input.bySegment ? buildBreakdown(definition, input.bySegment, settings) : null,
  };
}
