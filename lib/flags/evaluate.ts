import { matchesAudiences } from "./conditions";
import { BUCKET_COUNT, bucket } from "./hash";
import { variationForBucket } from "./ranges";
import type { Attributes, ConfigFlag, ConfigRule, Decision, ProjectConfig } from "./types";

export const OFF = "off";

/** The flag's variable defaults overridden by the chosen variation's values. */
function resolveVariables(flag: ConfigFlag, variationKey: string): Record<string, unknown> {
  const overrides = flag.variations.find((v) => v.key === variationKey)?.variables ?? {};
  const variables: Record<string, unknown> = {};
  for (const variable of flag.variables ?? []) {
    variables[variable.key] = Object.prototype.hasOwnProperty.call(overrides, variable.key) ? overrides[variable.key] : variable.defaultValue;
  }
  return variables;
}

function decision(flag: ConfigFlag, variationKey: string, rule: ConfigRule | null): Decision {
  return {
    flagKey: flag.key,
    variationKey,
    enabled: variationKey !== OFF,
    ruleKey: rule?.ruleKey ?? null,
    ruleType: rule?.ruleType ?? null,
    variables: resolveVariables(flag, variationKey),
  };
}

/** The variation a rule assigns, or null to fall through to the next rule. */
function evaluateRule(flag: ConfigFlag, rule: ConfigRule, userId: string, attributes: Attributes | undefined): string | null {
  const listed = rule.allowlist?.find((entry) => entry.userId === userId);
  if (listed) return listed.variation;
  if (!matchesAudiences(rule.audiences, rule.audienceMatchType, attributes)) return null;
  const threshold = Math.floor((rule.trafficPercentage / 100) * BUCKET_COUNT);
  if (bucket(flag.salt, "traffic", userId) >= threshold) return null;
  return variationForBucket(rule.variationAllocation.ranges, bucket(flag.salt, "variation", userId));
}

/**
 * Decides one flag for one user (DESIGN.md "Evaluation"). Null for archived flags, which
 * produce no decision at all.
 */
export function evaluate(flag: ConfigFlag, userId: string, attributes?: Attributes): Decision | null {
  if (flag.status === "archived") return null;
  if (!flag.running) return decision(flag, OFF, null);
  for (const rule of flag.rules ?? []) {
    const variation = evaluateRule(flag, rule, userId, attributes);
    if (variation !== null) return decision(flag, variation, rule);
  }
  const fallback = variationForBucket(flag.allocation.ranges, bucket(flag.salt, "default", userId));
  return decision(flag, fallback ?? OFF, null);
}

/** Decisions for every non-archived flag of the config, keyed by flag key. */
export function evaluateAll(config: ProjectConfig, userId: string, attributes?: Attributes): Record<string, Decision> {
  const decisions: Record<string, Decision> = {};
  for (const flag of config.flags) {
    const result = evaluate(flag, userId, attributes);
    if (result) decisions[flag.key] = result;
  }
  return decisions;
}
