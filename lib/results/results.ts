// Results of one experiment, served from a ResultSnapshot while it is current enough.
import crypto from "node:crypto";
import type { Database, SqlExecutor } from "@/lib/db";
import { aggregateExperiment, type AggregateScope } from "./aggregate";
import { computeResults } from "./compute";
import { loadExperimentDefinition, type ExperimentDefinition } from "./definition";
import type { ExperimentResults, ResultSettings } from "./model";
import { readStateAggregation, refreshResultState, stateServes } from "./state";
import { dataWatermark } from "./watermark";

export const BREAKDOWN_TOP_VALUES = 10;
const DAY_MS = 86_400_000;

/** SIGNAKIT_RESULTS_TTL_MINUTES (default 5): how long a snapshot may be served after newer events arrive. */
export function resultsTtlMinutes(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SIGNAKIT_RESULTS_TTL_MINUTES ?? 5);
  return Number.isFinite(value) && value >= 0 ? value : 5;
}

/** The date range as [from 00:00 UTC, day after `to` 00:00 UTC). */
export function settingsScope(definition: ExperimentDefinition, settings: ResultSettings): AggregateScope {
  return {
    environmentId: definition.header.environmentId,
    flagKey: definition.header.flagKey,
    ruleKey: definition.header.key,
    variationKeys: definition.header.variations.map((v) => v.key),
    from: settings.from ? new Date(`${settings.from}T00:00:00Z`) : null,
    to: settings.to ? new Date(Date.parse(`${settings.to}T00:00:00Z`) + DAY_MS) : null,
  };
}

async function botsDropped(sql: SqlExecutor, scope: AggregateScope): Promise<number> {
  const [row] = await sql.query<{ bots: number }>(
    `select coalesce(sum(bots), 0)::float8 as bots from "IngestDrop"
     where "environmentId" = $1 and day >= coalesce($2::timestamptz, '-infinity')::date and day < coalesce($3::timestamptz, 'infinity')::date`,
    [scope.environmentId, scope.from, scope.to],
  );
  return row?.bots ?? 0;
}

/** The daily aggregation: from the incrementally maintained state (refreshed first) when it can serve the settings. */
export async function aggregateByDay(
  db: Database,
  definition: ExperimentDefinition,
  settings: ResultSettings,
  scope: AggregateScope = settingsScope(definition, settings),
  now = new Date(),
) {
  if (!stateServes(settings)) return aggregateExperiment(db.sql, scope, definition.metrics, { by: "day" });
  await refreshResultState(db, definition, now);
  return readStateAggregation(db.sql, definition, scope);
}

/** Computes the results now, without looking at or writing snapshots. */
export async function computeExperimentResults(
  db: Database,
  definition: ExperimentDefinition,
  settings: ResultSettings,
  watermark: number,
  now = new Date(),
): Promise<ExperimentResults> {
  const scope = settingsScope(definition, settings);
  const [byDay, bySegment, bots] = await Promise.all([
    aggregateByDay(db, definition, settings, scope, now),
    settings.breakdown
      ? aggregateExperiment(db.sql, scope, definition.metrics, {
          by: "segment",
          dimension: settings.breakdown,
          top: BREAKDOWN_TOP_VALUES,
        })
      : null,
    botsDropped(db.sql, scope),
  ]);
  return computeResults({ definition, settings, byDay, bySegment, watermark, botsDropped: bots, computedAt: now });
}

/**
 * Snapshot key: the settings plus everything of the definition that changes the numbers, so editing
 * a metric or the weights never serves results computed under the old definition.
 */
export function snapshotKey(definition: ExperimentDefinition, settings: ResultSettings): string {
  const identity = JSON.stringify({ settings, metrics: definition.metrics, weights: definition.weights, header: definition.header });
  return crypto.createHash("sha256").update(identity).digest("hex");
}

export interface ResultsOptions {
  /** Recompute even when a snapshot could be served. */
  refresh?: boolean;
  ttlMinutes?: number;
  now?: Date;
}

/**
 * The experiment's results, or null when no experiment has this id. A snapshot is served when it was
 * computed at the current watermark, or is younger than the TTL (a busy environment's watermark moves
 * with every event; recomputing each time would not be worth it).
 */
export async function getExperimentResults(
  db: Database,
  ruleId: string,
  settings: ResultSettings,
  options: ResultsOptions = {},
): Promise<ExperimentResults | null> {
  const definition = await loadExperimentDefinition(db, ruleId);
  if (!definition) return null;
  const now = options.now ?? new Date();
  const ttlMs = (options.ttlMinutes ?? resultsTtlMinutes()) * 60_000;
  const settingsKey = snapshotKey(definition, settings);
  // Read before aggregating, so a snapshot never claims events newer than those it may include.
  const watermark = await dataWatermark(db.sql, definition.header.environmentId);
  if (!options.refresh) {
    const snapshot = await db.prisma.resultSnapshot.findUnique({ where: { ruleId_settingsKey: { ruleId, settingsKey } } });
    if (snapshot && (Number(snapshot.watermark) === watermark || now.getTime() - snapshot.computedAt.getTime() < ttlMs)) {
      return { ...(snapshot.result as unknown as ExperimentResults), cached: true };
    }
  }
  const results = await computeExperimentResults(db, definition, settings, watermark, now);
  const data = { watermark: BigInt(watermark), result: results as object, computedAt: now };
  await db.prisma.resultSnapshot.upsert({
    where: { ruleId_settingsKey: { ruleId, settingsKey } },
    create: { ruleId, settingsKey, ...data },
    update: data,
  });
  return results;
}
