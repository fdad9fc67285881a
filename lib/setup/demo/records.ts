import type { Database } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import type { AllocationRange } from "@/lib/flags";
import { bumpConfigVersion } from "@/lib/projects/config-version";
import { DEMO_EXPERIMENTS, DEMO_METRICS, type DemoExperiment } from "./definitions";
import { demoRanges } from "./config-flag";
import type { BanditArm } from "@/lib/bandit";

export interface DemoScope {
  projectId: string;
  environmentId: string;
}

export interface BanditRunRecord {
  computedAt: Date;
  arms: BanditArm[];
  ranges: AllocationRange[];
}

/**
 * Creates the demo metrics, flags and experiment rules, and the hero bandit's re-weighting history,
 * in one transaction. The history goes in before any traffic, so the bandit scheduler sees a recent
 * run and does not re-weight from a half-sent demo.
 */
export async function createDemoRecords(
  db: Database,
  scope: DemoScope,
  startedAt: Date,
  banditRuns: Record<string, BanditRunRecord[]>,
): Promise<void> {
  return db.prisma.$transaction(async (tx) => {
    const metricIds = new Map<string, string>();
    for (const metric of Object.values(DEMO_METRICS)) {
      const created = await tx.metric.create({
        data: {
          projectId: scope.projectId,
          name: metric.name,
          description: metric.description,
          eventKey: metric.eventKey,
          kind: metric.kind,
          direction: metric.direction,
          winsorizePercentile: "winsorizePercentile" in metric ? metric.winsorizePercentile : null,
        },
      });
      metricIds.set(metric.name, created.id);
    }

    for (const experiment of DEMO_EXPERIMENTS) {
      const runs = banditRuns[experiment.flagKey] ?? [];
      const latest = runs[runs.length - 1];
      const ranges: AllocationRange[] = latest?.ranges ?? demoRanges(experiment);
      const control = experiment.variations[0]!.key;
      const flag = await tx.flag.create({
        data: {
          projectId: scope.projectId,
          key: experiment.flagKey,
          name: experiment.flagName,
          description: experiment.flagDescription,
          salt: experiment.salt,
          variables: experiment.variables as Prisma.InputJsonValue,
          variations: {
            create: experiment.variations.map((v, position) => ({ key: v.key, name: v.name, position, variables: (v.variables ?? {}) as Prisma.InputJsonValue })),
          },
          settings: {
            create: {
              environmentId: scope.environmentId,
              running: experiment.rule.status === "running",
              allocation: [{ variation: control, start: 0, end: 9999 }],
            },
          },
        },
      });
      const rule = await tx.rule.create({
        data: {
          flagId: flag.id,
          environmentId: scope.environmentId,
          key: experiment.rule.key,
          name: experiment.rule.name,
          type: experiment.rule.type,
          status: experiment.rule.status,
          hypothesis: experiment.rule.hypothesis,
          trafficPercentage: 100,
          weights: latest ? Object.fromEntries(latest.arms.map((arm) => [arm.variation, arm.weight])) : normalisedWeights(experiment),
          allocation: ranges as unknown as Prisma.InputJsonValue,
          startedAt: experiment.rule.status === "running" ? startedAt : null,
          metrics: {
            create: experiment.metrics.map((m, position) => ({ metricId: metricIds.get(m.name)!, role: m.role, position })),
          },
        },
      });
      await tx.banditRun.createMany({
        data: runs.map((run) => ({
          ruleId: rule.id,
          computedAt: run.computedAt,
          arms: run.arms as unknown as Prisma.InputJsonValue,
          allocation: run.ranges as unknown as Prisma.InputJsonValue,
        })),
      });
    }
    await bumpConfigVersion(tx, scope.environmentId);
  });
}

/** Weights as shares summing to 1, the form the admin form and SRM read. */
function normalisedWeights(experiment: DemoExperiment): Record<string, number> {
  const total = Object.values(experiment.rule.weights).reduce((sum, w) => sum + w, 0);
  return Object.fromEntries(Object.entries(experiment.rule.weights).map(([key, w]) => [key, w / total]));
}

