// One bandit re-weighting: Thompson sampling on the primary conversion metric, recorded and published.
import type { Database } from "@/lib/db";
import { bumpConfigVersion } from "@/lib/projects/config-version";
import { DEFAULT_SETTINGS } from "@/lib/results/model";
import { loadExperimentDefinition } from "@/lib/results/definition";
import { aggregateByDay } from "@/lib/results/results";
import { thompsonWeights, weightsToRanges, type AllocationRange } from "@/lib/stats";

export interface BanditArm {
  variation: string;
  users: number;
  conversions: number;
  weight: number;
  probabilityBest: number;
}

export interface BanditRunResult {
  id: string;
  ruleId: string;
  computedAt: string;
  arms: BanditArm[];
  allocation: AllocationRange[];
  /** False when the new ranges equal the published ones (the config is left alone). */
  published: boolean;
}

/** A request that cannot be served: the rule is not a bandit, or lacks a primary conversion metric. */
export class BanditError extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409,
  ) {
    super(message);
  }
}

export interface RunBanditOptions {
  now?: Date;
  /** Seed of the Thompson draws (tests); random otherwise. */
  seed?: number;
}

/** Compared field by field: jsonb does not keep the key order the ranges were written with. */
function sameRanges(stored: unknown, ranges: readonly AllocationRange[]): boolean {
  if (!Array.isArray(stored) || stored.length !== ranges.length) return false;
  return ranges.every((r, i) => {
    const s = stored[i] as Partial<AllocationRange> | null;
    return s?.variation === r.variation && s.start === r.start && s.end === r.end;
  });
}

/**
 * Recomputes the weights from all users of the rule so far (same exposure and conversion rules as the
 * results), stores a BanditRun, and publishes the ranges as the rule's allocation with a config bump.
 */
export async function runBandit(db: Database, ruleId: string, options: RunBanditOptions = {}): Promise<BanditRunResult> {
  const definition = await loadExperimentDefinition(db, ruleId);
  if (!definition || definition.header.type !== "multi-armed-bandit") throw new BanditError("no bandit with this id", 404);
  const primary = definition.metrics.find((m) => m.role === "primary" && m.kind === "conversion");
  if (!primary) throw new BanditError("the bandit needs a primary conversion metric", 409);
  const keys = definition.header.variations.map((v) => v.key);
  if (keys.length < 2) throw new BanditError("the bandit's flag needs at least two variations", 409);

  const { header } = definition;
  // The same aggregation as the results page (served by the result state when it can be).
  const aggregation = await aggregateByDay(db, definition, DEFAULT_SETTINGS);
  const metric = definition.metrics.indexOf(primary);
  const stats = keys.map(() => ({ n: 0, sum: 0 }));
  for (const bucket of aggregation.buckets) {
    const arm = stats[keys.indexOf(bucket.variation)];
    if (!arm) continue;
    arm.n += bucket.users;
    arm.sum += bucket.metrics[metric]?.sum ?? 0;
  }
  const thompson = thompsonWeights(stats, options.seed === undefined ? {} : { seed: options.seed });
  const allocation = weightsToRanges(thompson.weights, keys);
  const arms: BanditArm[] = keys.map((variation, i) => ({
    variation,
    users: stats[i]!.n,
    conversions: stats[i]!.sum,
    weight: thompson.weights[i]!,
    probabilityBest: thompson.probabilityBest[i]!,
  }));

  const computedAt = options.now ?? new Date();
  return db.prisma.$transaction(async (tx) => {
    const run = await tx.banditRun.create({ data: { ruleId, computedAt, arms: arms as object[], allocation: allocation as object[] } });
    const rule = await tx.rule.findUniqueOrThrow({ where: { id: ruleId }, select: { allocation: true } });
    const published = !sameRanges(rule.allocation, allocation);
    if (published) {
      await tx.rule.update({ where: { id: ruleId }, data: { allocation: allocation as object[] } });
      await bumpConfigVersion(tx, header.environmentId);
    }
    return { id: run.id, ruleId, computedAt: computedAt.toISOString(), arms, allocation, published };
  });
}

/** The bandit's runs, newest first. */
export async function listBanditRuns(db: Database, ruleId: string, limit = 100) {
  const runs = await db.prisma.banditRun.findMany({ where: { ruleId }, orderBy: { computedAt: "desc" }, take: limit });
  return runs.map((run) => ({
    id: run.id,
    computedAt: run.computedAt.toISOString(),
    arms: run.arms as unknown as BanditArm[],
    allocation: run.allocation as unknown as AllocationRange[],
  }));
}
