/** The project config JSON served at /configs/{orgId}/{projectId}/{env}/latest.json (see DESIGN.md). */

export type Environment = "development" | "production";
export type FlagStatus = "active" | "archived";
export type RuleType = "ab-test" | "multi-armed-bandit" | "targeted";
export type AudienceMatchType = "any" | "all";
export type VariableType = "string" | "number" | "boolean" | "json";

export type Operator =
  | "equals"
  | "not_equals"
  | "greater_than"
  | "less_than"
  | "greater_than_or_equals"
  | "less_than_or_equals"
  | "in"
  | "not_in"
  | "contains"
  | "not_contains";

/** Inclusive bucket range [start, end] within 0..9999. */
export interface AllocationRange {
  variation: string;
  start: number;
  end: number;
}

export interface Allocation {
  ranges: AllocationRange[];
}

export interface Condition {
  attribute: string;
  operator: Operator;
  value: string | number | boolean | Array<string | number | boolean>;
}

export interface Audience {
  conditions: Condition[];
}

export interface AllowlistEntry {
  userId: string;
  variation: string;
}

export interface ConfigRule {
  ruleKey: string;
  ruleType: RuleType;
  /** Omitted when the rule has no audiences; defaults to "all". */
  audienceMatchType?: AudienceMatchType;
  audiences?: Audience[];
  /** 0..100 */
  trafficPercentage: number;
  variationAllocation: Allocation;
  allowlist?: AllowlistEntry[];
  eventKeys?: string[];
  primaryEventKey?: string;
}

export interface FlagVariable {
  key: string;
  type: VariableType;
  defaultValue: unknown;
}

export interface ConfigVariation {
  key: string;
  variables?: Record<string, unknown>;
}

export interface ConfigFlag {
  id: string;
  key: string;
  salt: string;
  status: FlagStatus;
  running: boolean;
  variations: ConfigVariation[];
  variables?: FlagVariable[];
  allocation: Allocation;
  rules?: ConfigRule[];
}

export interface ProjectConfig {
  projectId: string;
  environmentKey: Environment;
  sdkKey: string;
  version: number;
  generatedAt: string;
  flags: ConfigFlag[];
}

/** User attributes used for audience targeting. */
export type Attributes = Record<string, unknown>;

export interface Decision {
  flagKey: string;
  variationKey: string;
  enabled: boolean;
  ruleKey: string | null;
  ruleType: RuleType | null;
  variables: Record<string, unknown>;
}
