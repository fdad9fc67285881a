// Full results of one experiment (3 metrics, daily series, SRM) on generated data: 1,000,000 users
// and 10,000,000 events on PostgreSQL (BENCH_SCALE scales it), 100,000 users on PGlite. The floor
// is one hand-written query computing the same per-variation sums (lib/results floorTotals).
import { performance } from "node:perf_hooks";
import {
  aggregateExperiment,
  DEFAULT_SETTINGS,
  floorTotals,
  getExperimentResults,
  loadExperimentDefinition,
  type ExperimentResults,
} from "@/lib/results";
import { settingsScope } from "@/lib/results/results";
import { median, type BenchReport, type Measurement } from "./harness";
import { appendEvents, benchScale, FLAG_KEY, pgliteDataset, releaseSharedDataset, sharedPostgresDataset, type Dataset } from "./helpers/dataset";
import { describeLoad, gc, sampleLoad } from "./helpers/system";

const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 3));

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Heap in use after a full GC, and a sampler of the peak while something runs. */
function heapUsed() {
  gc();
  return process.memoryUsage().heapUsed;
}
function peakHeap() {
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().heapUsed);
  };
}

export interface ResultsTimings {
  coldMs: number;
  warmMs: number;
  /** Recomputed after NEW_EVENTS_SHARE × the events arrived. */
  warmNewDataMs: number;
  newEvents: number;
  /** Recomputed with a winsorised metric. */
  winsorisedMs: number;
  /** The full aggregation without the state (what breakdowns use). */
  fullMs: number;
  cachedMs: number;
  floorMs: number;
  heapPeakMiB: number;
  heapRetainedMiB: number;
  results: ExperimentResults;
}

/** New events between the warm recomputations "after new data", as a share of the dataset's events. */
const NEW_EVENTS_SHARE = 0.001;

/**
 * Cold (first compute: builds the result state), warm (median of recomputations, snapshot bypassed:
 * with no new data, and after NEW_EVENTS_SHARE new events each), the full aggregation the state
 * replaces, cached (snapshot served), floor.
 */
export async function timeResults(dataset: Dataset): Promise<ResultsTimings> {
  const { db, ruleId } = dataset;
  const compute = () => getExperimentResults(db, ruleId, DEFAULT_SETTINGS, { refresh: true });
  const baseline = heapUsed();
  const stopPeak = peakHeap();
  const cold = await timed(compute);
  if (!cold.value) throw new Error("the experiment was not found");
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push((await timed(compute)).ms);
  const newEvents = Math.max(100, Math.round(dataset.events * NEW_EVENTS_SHARE));
  const warmNewData: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await appendEvents(dataset, newEvents, String(i));
    const run = await timed(compute);
    if (run.value!.health.exposedUsers <= cold.value.health.exposedUsers) throw new Error("the new exposures were not counted");
    warmNewData.push(run.ms);
  }
  const definition = (await loadExperimentDefinition(db, ruleId))!;
  const full: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    full.push((await timed(() => aggregateExperiment(db.sql, settingsScope(definition, DEFAULT_SETTINGS), definition.metrics, { by: "day" }))).ms);
  }
  // The same experiment with its value metric winsorised at the 99th percentile: a cap that moves
  // with every user, so the metric sums are recomputed from the stored per-user rows.
  const winsorise = (winsorizePercentile: number | null) =>
    db.prisma.metric.updateMany({ where: { projectId: dataset.projectId, kind: "value" }, data: { winsorizePercentile } });
  await winsorise(0.99);
  const winsorised: number[] = [];
  for (let i = 0; i < RUNS; i++) winsorised.push((await timed(compute)).ms);
  await winsorise(null);
  const peak = stopPeak();
  const retained = heapUsed();
  const cached: number[] = [];
  for (let i = 0; i < RUNS * 3; i++) {
    const r = await timed(() => getExperimentResults(db, ruleId, DEFAULT_SETTINGS));
    if (!r.value?.cached) throw new Error("expected the snapshot to be served");
    cached.push(r.ms);
  }
  const floor: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // With the planner settings lib/results uses for its own statement (hash joins, no JIT), so the
    // floor gets the plan that suits a join of whole populations too.
    const floorQuery = () =>
      db.sql.transaction(async (tx) => {
        await tx.query("set local enable_nestloop = off");
        await tx.query("set local jit = off");
        return floorTotals(tx, dataset.environmentId, FLAG_KEY, dataset.metricEventKeys);
      });
    floor.push((await timed(floorQuery)).ms);
  }
  return {
    coldMs: cold.ms,
    warmMs: median(warm),
    warmNewDataMs: median(warmNewData),
    newEvents,
    winsorisedMs: median(winsorised),
    fullMs: median(full),
    cachedMs: median(cached),
    floorMs: median(floor),
    heapPeakMiB: (peak - baseline) / 2 ** 20,
    heapRetainedMiB: (retained - baseline) / 2 ** 20,
    results: cold.value,
  };
}

function describe(dataset: Dataset, r: ExperimentResults) {
  const srm = r.health.srm;
  return (
    `${dataset.kind}: ${dataset.users.toLocaleString("en")} users, ${dataset.events.toLocaleString("en")} events (generated in ${dataset.generateSeconds.toFixed(0)} s); ` +
    `results: ${r.health.exposedUsers.toLocaleString("en")} exposed users, ${r.health.multipleExposureUsers} with several variations, ` +
    `${r.metrics.length} metrics, ${r.series[0]?.points.length ?? 0} days of series, SRM p=${srm ? srm.pValue.toPrecision(3) : "n/a"}; ` +
    r.metrics.map((m) => `${m.name}: ${m.variations.map((v) => `${v.key} ${v.value?.toPrecision(4)}`).join(", ")}`).join("; ")
  );
}

function measurementsOf(name: string, t: ResultsTimings, warmTarget: number | null): Measurement[] {
  const floor = { label: "one hand-written query of the per-variation sums", value: t.floorMs };
  const warmTargetOf = warmTarget ? { target: { op: "<=" as const, value: warmTarget } } : {};
  return [
    { label: `${name}: results warm (recomputed, snapshot bypassed, no new data)`, value: t.warmMs, unit: "ms", floor, ...warmTargetOf },
    {
      label: `${name}: results warm after ${t.newEvents.toLocaleString("en")} new events`,
      value: t.warmNewDataMs,
      unit: "ms",
      floor,
      ...warmTargetOf,
    },
    { label: `${name}: results warm vs floor`, value: t.warmNewDataMs, unit: "ms", floor, target: { op: "<=", value: 1.5, of: "floor" } },
    { label: `${name}: results warm with a winsorised metric (sums from the stored per-user rows)`, value: t.winsorisedMs, unit: "ms", floor, target: { op: "<=", value: 1.5, of: "floor" } },
    { label: `${name}: full aggregation (breakdowns) vs floor`, value: t.fullMs, unit: "ms", floor, target: { op: "<=", value: 1.5, of: "floor" } },
    { label: `${name}: results cold (first call: builds the result state)`, value: t.coldMs, unit: "ms", floor },
    { label: `${name}: results cached (snapshot served)`, value: t.cachedMs, unit: "ms" },
    { label: `${name}: Node heap peak growth while computing`, value: t.heapPeakMiB, unit: "MiB", target: { op: "<=", value: 50 } },
    { label: `${name}: Node heap retained after computing`, value: t.heapRetainedMiB, unit: "MiB" },
  ];
}

export async function run(): Promise<BenchReport> {
  try {
    return await measureAll();
  } finally {
    await releaseSharedDataset("results");
  }
}

async function measureAll(): Promise<BenchReport> {
  const scale = benchScale();
  const measurements: Measurement[] = [];
  const notes: string[] = [`BENCH_SCALE ${scale}: PostgreSQL ${Math.round(1_000_000 * scale).toLocaleString("en")} users; PGlite a tenth of that`];
  // BENCH_RESULTS_DB=postgres|pglite measures one database only.
  const only = process.env.BENCH_RESULTS_DB;
  let loadAvg: ReturnType<ReturnType<typeof sampleLoad>["stop"]> | null = null;

  if (only !== "pglite") {
    const dataset = await sharedPostgresDataset();
    const load = sampleLoad();
    const t = await timeResults(dataset);
    loadAvg = load.stop();
    measurements.push(...measurementsOf(`PostgreSQL ${dataset.users.toLocaleString("en")} users`, t, 2000));
    notes.push(describe(dataset, t.results));
  }
  // The page benchmark may still need the PostgreSQL data; the last user drops it.
  await releaseSharedDataset("results");
  if (only !== "postgres") {
    const dataset = await pgliteDataset(scale / 10);
    try {
      const load = sampleLoad();
      const t = await timeResults(dataset);
      const pgliteLoad = load.stop();
      loadAvg = loadAvg
        ? { min: Math.min(loadAvg.min, pgliteLoad.min), median: (loadAvg.median + pgliteLoad.median) / 2, max: Math.max(loadAvg.max, pgliteLoad.max) }
        : pgliteLoad;
      measurements.push(...measurementsOf(`PGlite ${dataset.users.toLocaleString("en")} users`, t, null));
      notes.push(describe(dataset, t.results));
    } finally {
      await dataset.destroy();
    }
  }
  notes.push(`warm: median of ${RUNS} recomputations after the first, and of ${RUNS} each after ${NEW_EVENTS_SHARE * 100}% new events (a tenth of them new users' exposures); winsorised and full aggregation: median of ${RUNS}; cached: median of ${RUNS * 3}; floor: median of ${RUNS}, run with the planner settings of lib/results (enable_nestloop off, jit off)`);
  if (loadAvg) notes.push(describeLoad(loadAvg));
  return { name: "results", measurements, notes };
}
