import type { RuleType } from "@/lib/flags";
import type { RuleType as StoredRuleType } from "@/lib/db/generated/enums";

// The database enum names cannot contain "-"; the wire names (config JSON, API, forms) do.
const TO_STORED = { "ab-test": "ab_test", "multi-armed-bandit": "multi_armed_bandit", targeted: "targeted" } as const satisfies Record<
  RuleType,
  StoredRuleType
>;
const FROM_STORED = { ab_test: "ab-test", multi_armed_bandit: "multi-armed-bandit", targeted: "targeted" } as const satisfies Record<
  StoredRuleType,
  RuleType
>;

export const toStoredRuleType = (type: RuleType): StoredRuleType => TO_STORED[type];
export const fromStoredRuleType = (type: StoredRuleType): RuleType => FROM_STORED[type];

export const RULE_TYPE_LABELS: Record<RuleType, string> = {
  "ab-test": "A/B test",
  "multi-armed-bandit": "Multi-armed bandit",
  targeted: "Targeted rollout",
};
