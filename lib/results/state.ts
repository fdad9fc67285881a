// Incrementally maintained aggregation of one experiment, so results of big experiments read a few
// hundred rows instead of joining every exposed user to their events.
//
// Per experiment (tables in prisma/schema.prisma):
//   ResultStateUser   one row per exposed user: variation index (-1: saw several), first exposure;
//   ResultStateHit    one row per user × UTC day with matching events: the metric columns of aggregate.ts;
//   ResultStateTotal  per variation × exposure day × event day: users first exposed that day and the
//                     telescoped increments of Σx, Σx², Σd, Σd², Σxd (see aggregate.ts), so any
//                     day-aligned date range and the daily series are sums over a subset of rows.
// A refresh recomputes only the users with events or exposures since the last one: their old
// contributions are subtracted from the totals, their rows rebuilt from "Event" and "Assignment",
// and the new contributions added. A user's contributions depend on that user's rows alone (caps are
// per user: 1 for conversions), which is what makes this exact. A winsorised metric's cap is a
// percentile over all users, so when an experiment has one, its metric sums are recomputed from the
// stored per-user rows instead (still without joining the events). Breakdowns group users by an
// attribute of their exposure and are served by the full aggregation.
import crypto from "node:crypto";
import type { Database, Sql, SqlExecutor } from "@/lib/db";
import {
  capColumns,
  emptySums,
  EXPOSURE_EVENT_KEY,
  metricColumns,
  telescopedTotalsSql,
  BucketTable,
  totalsColumns,
  type AggregateScope,
  type Aggregation,
  type MetricColumns,
} from "./aggregate";
import type { ExperimentDefinition } from "./definition";
import type { ResultSettings } from "./model";
import { SqlParams } from "./sql-params";
import { dataWatermark } from "./watermark";

/**
 * Ingest writes are single short statements, but an event id is allocated before its statement
 * commits, so a refresh may see id N+1 before id N. Each refresh therefore rescans the events
 * since the watermark it recorded at least this long ago (re-reading a user is harmless). An ingest
 * statement committing later than this after its request arrived is counted by the next rebuild.
 */
export const SETTLE_MS = 60_000;
/** Rebuilt from scratch this often anyway, so anything a refresh could miss is healed. */
export const REBUILD_AFTER_MS = 24 * 3_600_000;
/** Bump when the stored rows change meaning. */
const STATE_VERSION = 1;
const SUMS_PER_METRIC = 5;
/** Refreshes of more than this share of the users are bulk work: planned for whole populations, with more sort memory. */
const BULK_SHARE = 0.05;
const BULK_WORK_MEM = "128MB";

/** The results the state can serve: every date range, without a breakdown. */
export function stateServes(settings: ResultSettings): boolean {
  return settings.breakdown === null;
}

/** Everything the stored rows depend on; a state built for another key is rebuilt. */
function stateDefinitionKey(definition: ExperimentDefinition): string {
  const { environmentId, flagKey, key, variations } = definition.header;
  const metrics = definition.metrics.map(({ kind, eventKey, filters, windowHours }) => ({ kind, eventKey, filters, windowHours }));
  const identity = JSON.stringify({ STATE_VERSION, environmentId, flagKey, key, variations: variations.map((v) => v.key), metrics });
  return crypto.createHash("sha256").update(identity).digest("hex");
}

interface Checkpoint {
  watermark: number;
  at: number;
}

interface StateRow {
  definitionKey: string;
  watermark: number;
  checkpoints: Checkpoint[];
  builtAt: Date;
}

export interface RefreshOutcome {
  rebuilt: boolean;
  /** Users whose rows were recomputed. */
  users: number;
}

/**
 * Brings the experiment's state up to date with the events visible now: a full build when there is
 * none, the definition changed or it is older than REBUILD_AFTER_MS, else the changed users only.
 * Refreshes of one experiment are serialised by an advisory lock.
 */
export async function refreshResultState(db: Database, definition: ExperimentDefinition, now = new Date()): Promise<RefreshOutcome> {
  const ruleId = definition.header.id;
  const definitionKey = stateDefinitionKey(definition);
  return db.sql.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(8317, hashtext($1))`, [ruleId]);
    await tx.query("set local jit = off");
    const state = await readState(tx, ruleId);
    const rebuild = !state || state.definitionKey !== definitionKey || now.getTime() - state.builtAt.getTime() >= REBUILD_AFTER_MS;
    const watermark = await dataWatermark(tx, definition.header.environmentId);
    if (!rebuild && watermark === state.watermark && settledWatermark(state.checkpoints, now) >= watermark) {
      return { rebuilt: false, users: 0 };
    }
    if (rebuild) {
      const checkpoints = [await settledAtBuild(tx, definition.header.environmentId, now)];
      const users = await rebuildAll(tx, { rule: ruleId, definition, onlyChanged: false });
      await saveState(tx, ruleId, definitionKey, watermark, checkpoints, now, now);
      return { rebuilt: true, users };
    }
    const ctx: Ctx = { rule: ruleId, definition, onlyChanged: true };
    const users = await refreshChangedUsers(tx, ctx, settledWatermark(state.checkpoints, now));
    await saveState(tx, ruleId, definitionKey, watermark, state.checkpoints, state.builtAt, now);
    return { rebuilt: false, users };
  });
}

/**
 * A build sees no earlier checkpoint to rescan from: it starts from the newest event received at
 * least SETTLE_MS ago, found by walking the (environmentId, id) index back over the last SETTLE_MS
 * of events, since later ones may still have been committing while it ran.
 */
async function settledAtBuild(tx: SqlExecutor, environmentId: string, now: Date): Promise<Checkpoint> {
  const at = now.getTime() - SETTLE_MS;
  const [row] = await tx.query<{ id: number }>(
    `select id from "Event" where "environmentId" = $1 and "receivedAt" < $2 order by id desc limit 1`,
    [environmentId, new Date(at)],
  );
  return { watermark: row?.id ?? 0, at };
}

/** Recomputes every user of the experiment. Returns how many there are. */
async function rebuildAll(tx: SqlExecutor, ctx: Ctx): Promise<number> {
  for (const table of ["ResultStateUser", "ResultStateHit", "ResultStateTotal"]) {
    await tx.query(`delete from "${table}" where "ruleId" = $1`, [ctx.rule]);
  }
  await bulkPlanning(tx);
  await run(tx, ctx, insertUsersSql);
  // Fresh statistics, so the next statements are planned for the rows just written.
  await tx.query(`analyze "ResultStateUser"`);
  if (ctx.definition.metrics.length) await run(tx, ctx, insertHitsSql);
  await tx.query(`analyze "ResultStateHit"`);
  await run(tx, ctx, (p) => addContributionsSql(p, ctx, 1));
  const [count] = await tx.query<{ n: number }>(`select count(*)::int as n from "ResultStateUser" where "ruleId" = $1`, [ctx.rule]);
  return count?.n ?? 0;
}

/**
 * Recomputes the users with events or exposures after the watermark `since`: their old contributions
 * leave the totals, their rows are rebuilt, their new contributions enter. Returns how many there were.
 */
async function refreshChangedUsers(tx: SqlExecutor, ctx: Ctx, since: number): Promise<number> {
  await tx.query(`create temp table changed_users (user_id text collate "C" primary key) on commit drop`);
  await run(tx, ctx, (p) => usersWithNewDataSql(p, ctx, since));
  const [count] = await tx.query<{ n: number }>(`select count(*)::int as n from changed_users`);
  const users = count?.n ?? 0;
  if (users === 0) return 0;
  await tx.query(`analyze changed_users`);
  const [exposed] = await tx.query<{ n: number }>(
    `select coalesce(sum(users), 0)::float8 as n from "ResultStateTotal" where "ruleId" = $1`,
    [ctx.rule],
  );
  if (users > BULK_SHARE * (exposed?.n ?? 0)) await bulkPlanning(tx);
  else await lookupPlanning(tx);
  await run(tx, ctx, (p) => addContributionsSql(p, ctx, -1));
  await tx.query(`delete from "ResultStateHit" h using changed_users c where h."ruleId" = $1 and h."userId" = c.user_id`, [ctx.rule]);
  await tx.query(`delete from "ResultStateUser" u using changed_users c where u."ruleId" = $1 and u."userId" = c.user_id`, [ctx.rule]);
  await run(tx, ctx, insertUsersSql);
  if (ctx.definition.metrics.length) await run(tx, ctx, insertHitsSql);
  await run(tx, ctx, (p) => addContributionsSql(p, ctx, 1));
  return users;
}

/** Runs the statement `build` writes, with its own parameter list. */
async function run(tx: SqlExecutor, ctx: Ctx, build: (p: SqlParams, ctx: Ctx) => string) {
  const p = new SqlParams();
  await tx.query(build(p, ctx), p.values);
}

interface Ctx {
  rule: string;
  definition: ExperimentDefinition;
  /** Restrict statements to the users in the temporary table changed_users (else: everyone). */
  onlyChanged: boolean;
}

/** Whole populations join best by hash and sort in memory; a handful of users by index lookups. */
async function bulkPlanning(tx: SqlExecutor) {
  await tx.query("set local enable_nestloop = off");
  await tx.query(`set local work_mem = '${BULK_WORK_MEM}'`);
}

/** A few changed users among many: each one's rows are found through the primary keys and the events index. */
async function lookupPlanning(tx: SqlExecutor) {
  await tx.query("set local enable_hashjoin = off");
  await tx.query("set local enable_mergejoin = off");
}

/** A join to changed_users on `column`, when the statement is restricted to them. */
const changedJoin = (ctx: Ctx, column: string) => (ctx.onlyChanged ? `join changed_users c on c.user_id = ${column}` : "");

// The state's user ids compare byte-wise ("C"); against "Event" and "Assignment" they must compare in
// the database's collation, or those tables' indexes cannot serve the join.
const inDefaultCollation = (column: string) => `${column} collate "default"`;

async function readState(tx: SqlExecutor, ruleId: string): Promise<StateRow | null> {
  const [row] = await tx.query<StateRow>(
    `select "definitionKey", watermark, checkpoints, "builtAt" from "ResultState" where "ruleId" = $1`,
    [ruleId],
  );
  return row ?? null;
}

/** The newest watermark recorded at least SETTLE_MS ago (the oldest one while none is that old). */
function settledWatermark(checkpoints: readonly Checkpoint[], now: Date): number {
  const settled = checkpoints.filter((c) => c.at <= now.getTime() - SETTLE_MS);
  return (settled.length ? settled[settled.length - 1] : checkpoints[0])?.watermark ?? 0;
}

async function saveState(
  tx: SqlExecutor,
  ruleId: string,
  definitionKey: string,
  watermark: number,
  previous: readonly Checkpoint[],
  builtAt: Date,
  now: Date,
) {
  // Keep the newest settled checkpoint and the ones after it.
  const cutoff = now.getTime() - SETTLE_MS;
  const settled = previous.filter((c) => c.at <= cutoff);
  const checkpoints = [...settled.slice(-1), ...previous.filter((c) => c.at > cutoff), { watermark, at: now.getTime() }];
  await tx.query(
    `insert into "ResultState" ("ruleId", "definitionKey", watermark, checkpoints, "builtAt", "refreshedAt")
     values ($1, $2, $3, $4::jsonb, $5, $6)
     on conflict ("ruleId") do update set "definitionKey" = excluded."definitionKey", watermark = excluded.watermark,
       checkpoints = excluded.checkpoints, "builtAt" = excluded."builtAt", "refreshedAt" = excluded."refreshedAt"`,
    [ruleId, definitionKey, watermark, JSON.stringify(checkpoints), builtAt, now],
  );
}

/** The experiment's parameters, each added to p when a statement first uses it (unused ones would be untyped). */
function scopeParams(p: SqlParams, ctx: Ctx) {
  const { environmentId, flagKey, key, variations } = ctx.definition.header;
  const lazy = (value: unknown, type: "text" | "text[]") => {
    let placeholder: string | undefined;
    return () => (placeholder ??= p.add(value, type));
  };
  return {
    rule: lazy(ctx.rule, "text"),
    env: lazy(environmentId, "text"),
    flag: lazy(flagKey, "text"),
    ruleKey: lazy(key, "text"),
    keys: lazy(variations.map((v) => v.key), "text[]"),
  };
}

/** Users with an exposure to this flag or an event of a metric's key since the watermark. */
function usersWithNewDataSql(p: SqlParams, ctx: Ctx, since: number) {
  const { env, flag } = scopeParams(p, ctx);
  const eventKeys = p.add([...new Set(ctx.definition.metrics.map((m) => m.eventKey))], "text[]");
  return `insert into changed_users
    select distinct "userId" from "Event"
    where "environmentId" = ${env()} and id > ${p.add(since, "float8")}::bigint
      and ("eventKey" = any(${eventKeys}) or ("eventKey" = ${p.add(EXPOSURE_EVENT_KEY, "text")} and metadata ->> 'flagKey' = ${flag()}))`;
}

/**
 * The variation of each changed user, as aggregate.ts decides it: users who saw several variations
 * are kept as -1 (counted in health); users of other rules or unknown variations are left out.
 */
function insertUsersSql(p: SqlParams, ctx: Ctx) {
  const { rule, env, flag, ruleKey, keys } = scopeParams(p, ctx);
  return `insert into "ResultStateUser" ("ruleId", "userId", variation, "firstSeenAt")
    select ${rule()}, a."userId", case when count(*) > 1 then -1 else array_position(${keys()}, min(a."variationKey")) - 1 end, min(a."firstSeenAt")
    from "Assignment" a ${ctx.onlyChanged ? `join changed_users c on a."userId" = ${inDefaultCollation("c.user_id")}` : ""}
    where a."environmentId" = ${env()} and a."flagKey" = ${flag()}
    group by a."userId"
    having count(*) > 1 or bool_and((a."ruleKey" = ${ruleKey()} or a."ruleKey" is null) and a."variationKey" = any(${keys()}))
    order by a."userId" collate "C"`;
}

/** Matching events of the changed single-variation users, per user × UTC day, as metric columns. */
function insertHitsSql(p: SqlParams, ctx: Ctx) {
  const { rule, env } = scopeParams(p, ctx);
  const columns = metricColumns(ctx.definition.metrics, p);
  const day = `(e."timestamp" at time zone 'UTC')::date`;
  return `insert into "ResultStateHit" ("ruleId", "userId", day, columns)
    select ${rule()}, user_id, day, array[${columns.names.join(", ")}]
    from (
      select x.user_id, ${day} as day, ${columns.select.join(", ")}
      from (select u."userId" as user_id, u."firstSeenAt" as first_seen
            from "ResultStateUser" u ${changedJoin(ctx, 'u."userId"')}
            where u."ruleId" = ${rule()} and u.variation >= 0) x
      join "Event" e on e."environmentId" = ${env()} and e."eventKey" = any(${columns.eventKeys}) and e."userId" = ${inDefaultCollation("x.user_id")}
        and e."timestamp" >= x.first_seen
      where ${columns.anyMatch}
      group by x.user_id, ${day}
    ) hits
    -- In key order, the primary key index grows at its right edge instead of splitting pages all over.
    order by user_id, day`;
}

/** The metric columns of aggregate.ts read back from a stored array (one value per column, in order). */
const storedColumns = (columns: MetricColumns, array: string) => columns.names.map((name, i) => `${array}[${i + 1}] as ${name}`).join(", ");

/**
 * Adds sign × the contributions of the changed users' stored rows to the totals: their count on their
 * exposure day, and the telescoped increments of their capped running sums on each event day.
 */
function addContributionsSql(p: SqlParams, ctx: Ctx, sign: 1 | -1) {
  const { rule } = scopeParams(p, ctx);
  const metrics = ctx.definition.metrics;
  // Only the column names are used here: their match expressions' parameters go to a throwaway list.
  const columns = metricColumns(metrics, new SqlParams());
  const exposureDay = `(u."firstSeenAt" at time zone 'UTC')::date`;
  const users = `
    users as (
      select u.variation as vi, ${exposureDay} as exposure_day, count(*)::float8 as n
      from "ResultStateUser" u ${changedJoin(ctx, 'u."userId"')}
      where u."ruleId" = ${rule()}
      group by u.variation, ${exposureDay}
    )`;
  const increments = metrics.length
    ? `
    source as (
      select h."userId" as user_id, u.variation as vi, ${exposureDay} as exposure_day, h.day as bucket,
             ${storedColumns(columns, "h.columns")}
      from "ResultStateHit" h
      join "ResultStateUser" u on u."ruleId" = h."ruleId" and u."userId" = h."userId"
      ${changedJoin(ctx, 'h."userId"')}
      where h."ruleId" = ${rule()}
    ),
    caps as (select ${metrics.map((m, i) => `${m.kind === "conversion" ? "1" : "null"}::float8 as cap${i}`).join(", ")}),${telescopedTotalsSql("source", ["exposure_day"], columns)},${users},
    increments as (
      select coalesce(t.vi, s.vi) as vi, coalesce(t.exposure_day, s.exposure_day) as exposure_day, coalesce(t.bucket, s.exposure_day) as day,
             ${sign} * coalesce(s.n, 0) as users,
             case when t.vi is null then '{}'::float8[]
                  else array[${metrics
                    .flatMap((_, i) => totalsColumns(i).map((c) => `${sign} * t.${c}`))
                    .join(", ")}]::float8[] end as sums
      from totals t full join users s on s.vi = t.vi and s.exposure_day = t.exposure_day and s.exposure_day = t.bucket
    )`
    : `${users},
    increments as (select vi, exposure_day, exposure_day as day, ${sign} * n as users, '{}'::float8[] as sums from users)`;
  return `with ${increments}
    insert into "ResultStateTotal" as r ("ruleId", variation, "exposureDay", day, users, sums)
    select ${rule()}, vi, exposure_day, day, users, sums from increments
    on conflict ("ruleId", variation, "exposureDay", day) do update
      set users = r.users + excluded.users,
          sums = (select array_agg(coalesce(a, 0) + coalesce(b, 0) order by i) from unnest(r.sums, excluded.sums) with ordinality as s(a, b, i))`;
}

/**
 * The aggregation of a day-aligned date range from the totals, in aggregate.ts's shape. Buckets
 * whose users and event counts net out to zero (left by users who moved) are dropped; both are
 * integers, so the test is exact.
 */
export async function readStateAggregation(sql: Sql, definition: ExperimentDefinition, scope: AggregateScope): Promise<Aggregation> {
  const rows = await sql.query<{ variation: number; bucket: string; i: number; v: number }>(
    `with t as (
       select * from "ResultStateTotal"
       where "ruleId" = $1
         and "exposureDay" >= coalesce(($2::timestamptz at time zone 'UTC')::date, '-infinity')
         and "exposureDay" < coalesce(($3::timestamptz at time zone 'UTC')::date, 'infinity')
         and day < coalesce(($3::timestamptz at time zone 'UTC')::date, 'infinity')
     )
     select variation, day::text as bucket, 0 as i, sum(users)::float8 as v from t group by variation, day
     union all
     select variation, day::text, s.i::int, sum(s.v)::float8 from t cross join lateral unnest(t.sums) with ordinality as s(v, i)
     group by variation, day, s.i`,
    [definition.header.id, scope.from, scope.to],
  );
  const keys = definition.header.variations.map((v) => v.key);
  const metrics = definition.metrics;
  const buckets = new BucketTable(metrics.length);
  let multipleExposureUsers = 0;
  for (const r of rows) {
    if (r.variation < 0) {
      if (r.i === 0) multipleExposureUsers += r.v;
      continue;
    }
    const bucket = buckets.get(keys[r.variation]!, r.bucket);
    if (r.i === 0) {
      bucket.users = r.v;
      continue;
    }
    const sums = bucket.metrics[Math.floor((r.i - 1) / SUMS_PER_METRIC)];
    if (!sums) continue;
    const field = SUM_FIELDS[(r.i - 1) % SUMS_PER_METRIC]!;
    sums[field] = r.v;
  }
  const caps = metrics.some((m) => m.winsorizePercentile !== null)
    ? await recomputeSumsFromStoredRows(sql, definition, scope, buckets)
    : metrics.map((m) => (m.kind === "conversion" ? 1 : null));
  const kept = buckets.sorted((b) => b.users !== 0 || b.metrics.some((m) => m.denominatorSum !== 0));
  return { buckets: kept, caps, multipleExposureUsers };
}

/**
 * Replaces every bucket's metric sums by those recomputed from the stored per-user rows with the
 * caps of aggregate.ts, and returns the caps: for winsorised metrics, whose cap moves with every user.
 */
async function recomputeSumsFromStoredRows(
  sql: Sql,
  definition: ExperimentDefinition,
  scope: AggregateScope,
  buckets: BucketTable,
): Promise<Array<number | null>> {
  const metrics = definition.metrics;
  const p = new SqlParams();
  const rule = p.add(definition.header.id, "text");
  const from = p.add(scope.from, "timestamptz");
  const to = p.add(scope.to, "timestamptz");
  const columns = metricColumns(metrics, new SqlParams());
  const capExpressions = capColumns(metrics, columns.perMetric, p);
  const sums = metrics.flatMap((_, i) => totalsColumns(i));
  const text = `
    with hits as (
      select h."userId" as user_id, u.variation as vi, h.day as bucket,
             ${storedColumns(columns, "h.columns")}
      from "ResultStateHit" h join "ResultStateUser" u on u."ruleId" = h."ruleId" and u."userId" = h."userId"
      where h."ruleId" = ${rule} and u.variation >= 0
        and u."firstSeenAt" >= coalesce(${from}, '-infinity') and u."firstSeenAt" < coalesce(${to}, 'infinity')
        and h.day < coalesce((${to} at time zone 'UTC')::date, 'infinity')
    ),
    caps as (select ${capExpressions.map((cap, i) => `${cap} as cap${i}`).join(", ")}),${telescopedTotalsSql("hits", [], columns)}
    select vi, bucket::text as bucket, array[${sums.join(", ")}]::float8[] as sums from totals
    union all
    select -1, null, array[${metrics.map((_, i) => `cap${i}`).join(", ")}]::float8[] from caps`;
  const rows = await sql.transaction(async (tx) => {
    await tx.query("set local jit = off");
    await tx.query(`set local work_mem = '${BULK_WORK_MEM}'`);
    return tx.query<{ vi: number; bucket: string | null; sums: Array<number | null> }>(text, p.values);
  });
  const keys = definition.header.variations.map((v) => v.key);
  for (const bucket of buckets.sorted()) bucket.metrics = metrics.map(emptySums);
  let caps: Array<number | null> = [];
  for (const row of rows) {
    if (row.vi < 0) {
      caps = row.sums;
      continue;
    }
    buckets.get(keys[row.vi]!, row.bucket!).metrics = metrics.map((_, m) => {
      const sums = emptySums();
      SUM_FIELDS.forEach((field, k) => (sums[field] = row.sums[m * SUMS_PER_METRIC + k] ?? 0));
      return sums;
    });
  }
  return caps;
}

const SUM_FIELDS = ["sum", "sumSquares", "denominatorSum", "denominatorSumSquares", "crossProductSum"] as const;
