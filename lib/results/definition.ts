// What an experiment is made of, read once per request: the rule, its flag's variations, its metrics.
import type { Database } from "@/lib/db";
import type { AggregateMetric } from "./aggregate";
import { parseMetricFilters } from "./metric-filters";
import type { ExperimentHeader, ExperimentType, MetricDirection, MetricRole } from "./model";

export interface MetricDefinition extends AggregateMetric {
  metricId: string;
  name: string;
  role: MetricRole;
  direction: MetricDirection;
}

export interface ExperimentDefinition {
  header: ExperimentHeader;
  /** Configured weights aligned with header.variations (unnormalised). */
  weights: number[];
  metrics: MetricDefinition[];
}

const EXPERIMENT_TYPES = { ab_test: "ab-test", multi_armed_bandit: "multi-armed-bandit" } as const;
const ROLE_ORDER: Record<MetricRole, number> = { primary: 0, secondary: 1, guardrail: 2 };

/** Rule.weights {variationKey: weight}; equal weights when none are configured. */
export function configuredWeights(json: unknown, keys: readonly string[]): number[] {
  const record = json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const weights = keys.map((key) => {
    const w = Number(record[key]);
    return Number.isFinite(w) && w > 0 ? w : 0;
  });
  return weights.some((w) => w > 0) ? weights : keys.map(() => 1);
}

/** Stored as a fraction (0.99); anything outside (0, 1) means no cap. */
const winsorFraction = (value: number | null) => (value !== null && value > 0 && value < 1 ? value : null);

/** The experiment (an ab-test or bandit rule), or null when the id names none. */
export async function loadExperimentDefinition(db: Database, ruleId: string): Promise<ExperimentDefinition | null> {
  const rule = await db.prisma.rule.findUnique({
    where: { id: ruleId },
    include: {
      flag: { include: { variations: { orderBy: { position: "asc" } } } },
      environment: true,
      metrics: { include: { metric: true } },
    },
  });
  if (!rule || rule.type === "targeted") return null;
  const keys = rule.flag.variations.map((v) => v.key);
  const weights = configuredWeights(rule.weights, keys);
  const total = weights.reduce((s, w) => s + w, 0);
  const metrics = [...rule.metrics]
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.position - b.position)
    .map(({ role, metric }) => ({
      metricId: metric.id,
      name: metric.name,
      role,
      direction: metric.direction,
      kind: metric.kind,
      eventKey: metric.eventKey,
      filters: parseMetricFilters(metric.filters, metric.name),
      windowHours: metric.windowHours,
      winsorizePercentile: winsorFraction(metric.winsorizePercentile),
    }));
  return {
    header: {
      id: rule.id,
      name: rule.name || rule.key,
      key: rule.key,
      flagKey: rule.flag.key,
      flagName: rule.flag.name || rule.flag.key,
      projectId: rule.flag.projectId,
      environmentId: rule.environmentId,
      environment: rule.environment.key,
      type: EXPERIMENT_TYPES[rule.type] as ExperimentType,
      status: rule.status,
      hypothesis: rule.hypothesis,
      startedAt: rule.startedAt?.toISOString() ?? null,
      stoppedAt: rule.stoppedAt?.toISOString() ?? null,
      variations: rule.flag.variations.map((v, i) => ({ key: v.key, name: v.name || v.key, weight: (weights[i] ?? 0) / total })),
    },
    weights,
    metrics,
  };
}
