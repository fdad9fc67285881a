import type { Audience, AllowlistEntry, FlagVariable, VariableType } from "@/lib/flags";
import type { Flag, Metric, Rule, RuleMetric, Variation } from "@/lib/db/generated/client";
import type { MetricFilter } from "@/lib/admin/metric-schema";
import { fromStoredRuleType } from "@/lib/admin/rule-types";
import { variableValueToText } from "@/lib/admin/variable-values";

// Plain, serialisable form values (all text, as the inputs hold them), built on the server from stored
// records and handed to the client forms as their initial state.

export interface ConditionData {
  subject: string;
  operator: string;
  value: string;
}

const valueToText = (value: unknown) => (Array.isArray(value) ? value.join(", ") : String(value));

export interface MetricFormData {
  name: string;
  description: string;
  eventKey: string;
  kind: string;
  direction: string;
  windowHours: string;
  winsorizePercentile: string;
  filters: ConditionData[];
}

export function metricFormData(metric: Metric): MetricFormData {
  return {
    name: metric.name,
    description: metric.description,
    eventKey: metric.eventKey,
    kind: metric.kind,
    direction: metric.direction,
    windowHours: metric.windowHours?.toString() ?? "",
    winsorizePercentile: metric.winsorizePercentile?.toString() ?? "",
    filters: (metric.filters as MetricFilter[]).map((f) => ({ subject: f.property, operator: f.operator, value: valueToText(f.value) })),
  };
}

export interface FlagFormData {
  key: string;
  name: string;
  description: string;
  variables: Array<{ key: string; type: string; defaultValue: string }>;
  variations: Array<{ key: string; name: string; values: Record<string, string> }>;
}

export function flagFormData(flag: Flag & { variations: Variation[] }): FlagFormData {
  const variables = flag.variables as unknown as FlagVariable[];
  const types = new Map(variables.map((v) => [v.key, v.type]));
  const asText = (key: string, value: unknown) => variableValueToText(types.get(key) ?? ("json" as VariableType), value);
  return {
    key: flag.key,
    name: flag.name,
    description: flag.description,
    variables: variables.map((v) => ({ key: v.key, type: v.type, defaultValue: asText(v.key, v.defaultValue) })),
    variations: flag.variations.map((variation) => ({
      key: variation.key,
      name: variation.name,
      values: Object.fromEntries(
        Object.entries(variation.variables as Record<string, unknown>).map(([key, value]) => [key, asText(key, value)]),
      ),
    })),
  };
}

export interface RuleFormData {
  key: string;
  name: string;
  type: string;
  hypothesis: string;
  trafficPercentage: string;
  audienceMatchType: string;
  audiences: ConditionData[][];
  allowlist: Array<{ userId: string; variation: string }>;
  weights: Record<string, string>;
  primaryMetric: string;
  secondaryMetrics: string[];
  guardrailMetrics: string[];
}

export function ruleFormData(rule: Rule & { metrics: RuleMetric[] }): RuleFormData {
  const byRole = (role: string) =>
    rule.metrics.filter((m) => m.role === role).sort((a, b) => a.position - b.position).map((m) => m.metricId);
  return {
    key: rule.key,
    name: rule.name,
    type: fromStoredRuleType(rule.type),
    hypothesis: rule.hypothesis,
    trafficPercentage: String(rule.trafficPercentage),
    audienceMatchType: rule.audienceMatchType,
    audiences: (rule.audiences as unknown as Audience[]).map((audience) =>
      audience.conditions.map((c) => ({ subject: c.attribute, operator: c.operator, value: valueToText(c.value) })),
    ),
    allowlist: rule.allowlist as unknown as AllowlistEntry[],
    weights: Object.fromEntries(Object.entries(rule.weights as Record<string, number>).map(([key, w]) => [key, String(w)])),
    primaryMetric: byRole("primary")[0] ?? "",
    secondaryMetrics: byRole("secondary"),
    guardrailMetrics: byRole("guardrail"),
  };
}
