// Assignments × events -> per-variation sufficient statistics, in one SQL statement.
//
// Shape of the statement (one scan of the assignments, one join to the events of all metric keys):
//   assigned   one row per user of the flag: how many variations they saw, their first exposure;
//   exposed    users with exactly one variation of this experiment, first exposed in the date range,
//              with their bucket (day of first exposure, or breakdown segment);
//   hits       per user × bucket: one row with every metric as columns (matching events after first
//              exposure, inside the window, key and filters) -> numerator (1 per event, or value) and
//              denominator (events); metrics matching the same events share their columns;
//   caps       per metric: 1 for conversions, percentile_cont of user totals when winsorised;
//   stepped    per user × bucket: each metric's capped cumulative value now and before this bucket
//              (running sums per user, fed in user order by a merge join, so no full sort is needed).
// Summing the differences (x, x², d, d², x·d now minus before) per variation × bucket telescopes:
// the sum over buckets up to day D is exactly Σ over users of their capped cumulative value at D (and
// its square and cross product), so one pass yields both the daily cumulative series and the totals.
import type { Sql } from "@/lib/db";
import { metricFilterSql } from "./metric-filters";
import type { BreakdownDimension, MetricFilter, MetricKind } from "./model";
import { SqlParams } from "./sql-params";

export const EXPOSURE_EVENT_KEY = "$exposure";

export interface AggregateMetric {
  kind: MetricKind;
  eventKey: string;
  filters: readonly MetricFilter[];
  windowHours: number | null;
  /** Fraction in (0, 1), e.g. 0.99. */
  winsorizePercentile: number | null;
}

export interface AggregateScope {
  environmentId: string;
  flagKey: string;
  ruleKey: string;
  variationKeys: readonly string[];
  /** Exposures and events at or after `from` and before `to`. */
  from: Date | null;
  to: Date | null;
}

/** Buckets: UTC day of exposure/event (for series and totals), or the user's breakdown segment. */
export type AggregateGrouping = { by: "day" } | { by: "segment"; dimension: BreakdownDimension; top: number };

/** Per-unit sums of the numerator x and denominator d (matching events) over the users of a bucket. */
export interface MetricSums {
  sum: number;
  sumSquares: number;
  denominatorSum: number;
  denominatorSumSquares: number;
  crossProductSum: number;
}

export interface BucketRow {
  variation: string;
  bucket: string;
  /** Users first exposed in this bucket. */
  users: number;
  /** Increments of each metric's sums in this bucket, by metric index. */
  metrics: MetricSums[];
}

export interface Aggregation {
  buckets: BucketRow[];
  /** Cap per metric index (1 for conversions, the percentile for winsorised metrics). */
  caps: Array<number | null>;
  multipleExposureUsers: number;
}

export const OTHER_SEGMENT = "(other)";
export const NO_SEGMENT = "(none)";

export const emptySums = (): MetricSums => ({ sum: 0, sumSquares: 0, denominatorSum: 0, denominatorSumSquares: 0, crossProductSum: 0 });

export function addSums(into: MetricSums, add: MetricSums): void {
  into.sum += add.sum;
  into.sumSquares += add.sumSquares;
  into.denominatorSum += add.denominatorSum;
  into.denominatorSumSquares += add.denominatorSumSquares;
  into.crossProductSum += add.crossProductSum;
}

function exposedUsersSql(scope: AggregateScope, grouping: AggregateGrouping, p: SqlParams, env: string, flag: string) {
  const from = p.add(scope.from, "timestamptz");
  const to = p.add(scope.to, "timestamptz");
  const ruleKey = p.add(scope.ruleKey, "text");
  const keys = p.add(scope.variationKeys, "text[]");
  // Byte order ("C") makes the sorts and groups by user id several times cheaper than a locale collation.
  // The rule key is null for SDKs that do not report it; rows of other rules are not this experiment.
  const common = `
    assigned as (
      select "userId" collate "C" as user_id, count(*) as variations, min("variationKey") as variation, min("firstSeenAt") as first_seen,
             bool_and(("ruleKey" = ${ruleKey} or "ruleKey" is null) and "variationKey" = any(${keys})) as eligible
      from "Assignment" where "environmentId" = ${env} and "flagKey" = ${flag}
      group by "userId" collate "C"
    ),
    in_range as (
      select * from assigned
      where first_seen >= coalesce(${from}, '-infinity') and first_seen < coalesce(${to}, 'infinity')
    ),`;
  if (grouping.by === "day") {
    return {
      to,
      keys,
      sql: `${common}
    exposed as (
      select user_id, variation, first_seen, (first_seen at time zone 'UTC')::date as bucket
      from in_range where variations = 1 and eligible
    )`,
    };
  }
  const column = grouping.dimension.source === "attribute" ? "attributes" : "metadata";
  const dimensionKey = p.add(grouping.dimension.key, "text");
  const exposureKey = p.add(EXPOSURE_EVENT_KEY, "text");
  const top = p.add(grouping.top, "int");
  return {
    to,
    keys,
    sql: `${common}
    single as (select user_id, variation, first_seen from in_range where variations = 1 and eligible),
    first_exposure as (
      select distinct on (s.user_id) s.user_id, e.${column} ->> ${dimensionKey} as value
      from single s
      join "Event" e on e."environmentId" = ${env} and e."eventKey" = ${exposureKey} and e."userId" = s.user_id
      where e.metadata ->> 'flagKey' = ${flag} and e.metadata ->> 'variationKey' = s.variation
      order by s.user_id, e."timestamp", e.id
    ),
    valued as (
      select s.*, coalesce(f.value, '${NO_SEGMENT}') as value from single s left join first_exposure f using (user_id)
    ),
    ranked as (
      select value, row_number() over (order by count(*) desc, value) as rank from valued group by value
    ),
    exposed as (
      select v.user_id, v.variation, v.first_seen, case when r.rank <= ${top} then v.value else '${OTHER_SEGMENT}' end as bucket
      from valued v join ranked r using (value)
    )`,
  };
}

/**
 * Per metric: 1 for conversions, percentile_cont of the user totals when winsorised, else null (no
 * cap). The totals are read from a CTE `hits` (one row per user × bucket with the metric columns).
 */
export function capColumns(metrics: readonly AggregateMetric[], cols: ReadonlyArray<{ num: string; den: string }>, p: SqlParams): string[] {
  return metrics.map((m, i) => {
    if (m.kind === "conversion") return `1::float8`;
    if (m.winsorizePercentile === null) return `null::float8`;
    // Totals of the users with at least one matching event, as the percentile's population.
    return `(select percentile_cont(${p.add(m.winsorizePercentile, "float8")}) within group (order by t.total)
        from (select sum(${cols[i]!.num}) as total from hits group by user_id having sum(${cols[i]!.den}) > 0) t)`;
  });
}

/** The metric columns of a join of exposed users `x` (with first_seen) and their events `e`. */
export interface MetricColumns {
  /** Event keys of all metrics, as a text[] parameter. */
  eventKeys: string;
  /** Aggregate expressions "… as name" for the select list of a group by user × bucket. */
  select: string[];
  /** The column names, in select order. */
  names: string[];
  /** An event matching any metric (key, window, filters). */
  anyMatch: string;
  /** Per metric: its numerator and denominator columns. */
  perMetric: Array<{ num: string; den: string }>;
}

/**
 * Metrics are columns: one row per user × bucket. Metrics matching the same events share their
 * denominator column (matching events); conversions and counts (1 per event) use it as numerator.
 */
export function metricColumns(metrics: readonly AggregateMetric[], p: SqlParams): MetricColumns {
  const eventKeys = p.add([...new Set(metrics.map((m) => m.eventKey))], "text[]");
  const select: string[] = [];
  const matches: string[] = [];
  const denominators = new Map<string, string>();
  const values = new Map<string, string>();
  const perMetric = metrics.map((m) => {
    const signature = JSON.stringify([m.eventKey, m.windowHours, m.filters]);
    let den = denominators.get(signature);
    if (!den) {
      const window =
        m.windowHours === null ? "true" : `e."timestamp" < x.first_seen + make_interval(hours => ${p.add(m.windowHours, "int")})`;
      const match = `(e."eventKey" = ${p.add(m.eventKey, "text")} and ${window} and ${metricFilterSql(m.filters, "e.metadata", p)})`;
      den = `d${denominators.size}`;
      denominators.set(signature, den);
      matches.push(match);
      select.push(`(count(*) filter (where ${match}))::float8 as ${den}`);
      values.set(den, match);
    }
    if (m.kind !== "value" && m.kind !== "ratio") return { num: den, den };
    let num = values.get(`v:${signature}`);
    if (!num) {
      num = `v${denominators.size}_${values.size}`;
      values.set(`v:${signature}`, num);
      select.push(`coalesce(sum(coalesce(e.value, 0)) filter (where ${values.get(den)!}), 0) as ${num}`);
    }
    return { num, den };
  });
  const names = select.map((expression) => expression.slice(expression.lastIndexOf(" as ") + 4));
  return { eventKeys, select, names, anyMatch: matches.join(" or "), perMetric };
}

/** The five sums telescopedTotalsSql's totals hold for metric i: Σx, Σx², Σd, Σd², Σxd. */
export const totalsColumns = (i: number) => [`a${i}`, `b${i}`, `c${i}`, `dd${i}`, `e${i}`];

/**
 * CTEs cumulative, stepped and totals over `source` (one row per user × bucket: user_id, vi, bucket,
 * the `keys`, and the metric columns) with caps from the one-row CTE `caps` (cap0, cap1, …). totals
 * holds, per vi × bucket × keys, the increments a0..e0, a1..e1, … of Σx, Σx², Σd, Σd², Σxd.
 */
export function telescopedTotalsSql(source: string, keys: readonly string[], columns: MetricColumns): string {
  const extra = keys.map((k) => `${k}, `).join("");
  return `
    cumulative as (
      select vi, bucket, ${extra}${columns.names.map((c) => `${c}, sum(${c}) over w as r_${c}`).join(", ")}
      from ${source} window w as (partition by user_id order by bucket)
    ),
    stepped as (
      select c.vi, c.bucket, ${keys.map((k) => `c.${k}, `).join("")}${columns.perMetric
        .map(({ num, den }, i) => `least(c.r_${num}, caps.cap${i}) as x${i}, least(c.r_${num} - c.${num}, caps.cap${i}) as px${i}, c.r_${den} as d${i}, c.r_${den} - c.${den} as pd${i}`)
        .join(",\n             ")}
      from cumulative c cross join caps
    ),
    totals as (
      select vi, bucket, ${extra}${columns.perMetric
        .map((_, i) => `sum(x${i} - px${i}) as a${i}, sum(x${i} * x${i} - px${i} * px${i}) as b${i}, sum(d${i} - pd${i}) as c${i}, sum(d${i} * d${i} - pd${i} * pd${i}) as dd${i}, sum(x${i} * d${i} - px${i} * pd${i}) as e${i}`)
        .join(",\n             ")}
      from stepped group by vi, bucket${keys.map((k) => `, ${k}`).join("")}
    )`;
}

/** The statement and its parameters (exported for inspection with EXPLAIN). */
export function buildAggregateSql(scope: AggregateScope, metrics: readonly AggregateMetric[], grouping: AggregateGrouping) {
  const p = new SqlParams();
  const env = p.add(scope.environmentId, "text");
  const flag = p.add(scope.flagKey, "text");
  const exposed = exposedUsersSql(scope, grouping, p, env, flag);
  const columns = metricColumns(metrics, p);
  const eventBucket = grouping.by === "day" ? `(e."timestamp" at time zone 'UTC')::date` : "x.bucket";
  const caps = capColumns(metrics, columns.perMetric, p);
  const idx = metrics.map((_, i) => i);
  const metricCtes = metrics.length
    ? `,
    hits as (
      select x.user_id, ${eventBucket} as bucket, array_position(${exposed.keys}, x.variation) as vi, ${columns.select.join(", ")}
      from exposed x
      join "Event" e on e."environmentId" = ${env} and e."eventKey" = any(${columns.eventKeys}) and e."userId" = x.user_id
        and e."timestamp" >= x.first_seen and e."timestamp" < coalesce(${exposed.to}, 'infinity')
      where ${columns.anyMatch}
      group by x.user_id, ${eventBucket}, array_position(${exposed.keys}, x.variation)
    ),
    caps as (select ${idx.map((i) => `${caps[i]} as cap${i}`).join(", ")}),${telescopedTotalsSql("hits", [], columns)}`
    : "";
  const metricRows = metrics.length
    ? `
    union all
    select 'metric', (${exposed.keys})[t.vi], t.bucket::text, m.*
    from totals t cross join lateral (values ${idx.map((i) => `(${[i, ...totalsColumns(i)].join(", ")})`).join(", ")}) as m(metric, a, b, c, d, e)
    union all
    select 'cap', null, null, k.metric, k.cap, 0, 0, 0, 0
    from caps cross join lateral (values ${idx.map((i) => `(${i}, cap${i})`).join(", ")}) as k(metric, cap) where k.cap is not null`
    : "";
  const text = `
    with ${exposed.sql}${metricCtes}
    select 'users' as row, variation, bucket::text as bucket, -1 as metric, count(*)::float8 as a, 0::float8 as b, 0::float8 as c, 0::float8 as d, 0::float8 as e
    from exposed group by variation, bucket
    union all
    select 'multiple', null, null, -1, count(*) filter (where variations > 1)::float8, 0, 0, 0, 0 from in_range${metricRows}`;
  return { text, values: p.values };
}

interface AggregateRow {
  row: "users" | "metric" | "multiple" | "cap";
  variation: string | null;
  bucket: string | null;
  metric: number;
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
}

/** Runs the aggregation; rows come back sorted by bucket, then variation. */
export async function aggregateExperiment(
  sql: Sql,
  scope: AggregateScope,
  metrics: readonly AggregateMetric[],
  grouping: AggregateGrouping,
): Promise<Aggregation> {
  const { text, values } = buildAggregateSql(scope, metrics, grouping);
  const rows = await sql.transaction(async (tx) => {
    // Hash joins always suit this join of whole populations; without this, stale statistics (PGlite
    // never auto-analyzes) can make the planner pick a nested loop that rescans the events per user.
    // The penalty that disables them would also trip the JIT threshold, whose compile time dwarfs the query.
    await tx.query("set local enable_nestloop = off");
    await tx.query("set local jit = off");
    // A merge join leaves the joined rows ordered by user, so grouping them by user × bucket and the
    // running sums per user need only small per-user sorts instead of sorting (or hashing) everything.
    await tx.query("set local enable_hashjoin = off");
    return tx.query<AggregateRow>(text, values);
  });
  const buckets = new BucketTable(metrics.length);
  const caps: Array<number | null> = metrics.map(() => null);
  let multipleExposureUsers = 0;
  for (const r of rows) {
    if (r.row === "multiple") multipleExposureUsers = r.a;
    else if (r.row === "cap") caps[r.metric] = r.a;
    else if (r.row === "users") buckets.get(r.variation!, r.bucket!).users = r.a;
    else {
      buckets.get(r.variation!, r.bucket!).metrics[r.metric] = {
        sum: r.a,
        sumSquares: r.b,
        denominatorSum: r.c,
        denominatorSumSquares: r.d,
        crossProductSum: r.e,
      };
    }
  }
  return { buckets: buckets.sorted(), caps, multipleExposureUsers };
}

/** Bucket rows by bucket × variation, created empty on first use. */
export class BucketTable {
  private readonly rows = new Map<string, BucketRow>();
  constructor(private readonly metricCount: number) {}

  get(variation: string, bucket: string): BucketRow {
    const id = `${bucket}\u0000${variation}`;
    let row = this.rows.get(id);
    if (!row) this.rows.set(id, (row = { variation, bucket, users: 0, metrics: Array.from({ length: this.metricCount }, emptySums) }));
    return row;
  }

  /** The rows kept by `keep`, ordered by bucket, then variation. */
  sorted(keep: (row: BucketRow) => boolean = () => true): BucketRow[] {
    return [...this.rows.values()]
      .filter(keep)
      .sort((x, y) => (x.bucket === y.bucket ? (x.variation < y.variation ? -1 : 1) : x.bucket < y.bucket ? -1 : 1));
  }
}
