import { rangesFromWeights, type AllocationRange, type ConfigFlag } from "@/lib/flags";
import type { DemoExperiment } from "./definitions";

/** The experiment rule's ranges from its configured weights. */
export function demoRanges(experiment: DemoExperiment, weights: Record<string, number> = experiment.rule.weights): AllocationRange[] {
  const keys = experiment.variations.map((v) => v.key);
  return rangesFromWeights(keys, keys.map((key) => weights[key] ?? 0));
}

/**
 * The flag as the config JSON would publish it, so demo users are bucketed exactly as an SDK
 * would bucket them. `ranges` overrides the rule's allocation (a bandit re-weights over time).
 */
export function demoConfigFlag(experiment: DemoExperiment, ranges: AllocationRange[] = demoRanges(experiment)): ConfigFlag {
  const control = experiment.variations[0]!.key;
  return {
    id: experiment.flagKey,
    key: experiment.flagKey,
    salt: experiment.salt,
    status: "active",
    running: true,
    variations: experiment.variations.map((v) => ({ key: v.key, variables: v.variables ?? {} })),
    variables: experiment.variables,
    allocation: { ranges: [{ variation: control, start: 0, end: 9999 }] },
    rules:
      experiment.rule.status === "running"
        ? [
            {
              ruleKey: experiment.rule.key,
              ruleType: experiment.rule.type === "ab_test" ? "ab-test" : "multi-armed-bandit",
              trafficPercentage: 100,
              variationAllocation: { ranges },
            },
          ]
        : [],
  };
}
