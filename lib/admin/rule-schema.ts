import { z } from "zod";
import type { Operator, RuleType } from "@/lib/flags";
import { environmentKeySchema } from "./flag-schema";
import {
  conditionValue,
  flagDuplicates,
  keySchema,
  numberField,
  optionalId,
  optionalText,
  requiredText,
} from "./validation";

export const RULE_TYPES = ["ab-test", "multi-armed-bandit", "targeted"] as const satisfies readonly RuleType[];
export const OPERATORS = [
  "equals",
  "not_equals",
  "in",
  "not_in",
  "contains",
  "not_contains",
  "greater_than",
  "less_than",
  "greater_than_or_equals",
  "less_than_or_equals",
] as const satisfies readonly Operator[];

/** ab-test and multi-armed-bandit rules are experiments: they have metrics and results. */
export const isExperimentType = (type: RuleType) => type !== "targeted";

const conditionSchema = z
  .object({
    attribute: requiredText(100),
    operator: z.enum(OPERATORS, { error: "Pick an operator" }),
    value: z.unknown(),
  })
  .transform((condition, ctx) => {
    const parsed = conditionValue(condition.operator, condition.value);
    if ("error" in parsed) {
      ctx.addIssue({ code: "custom", message: parsed.error, path: ["value"] });
      return z.NEVER;
    }
    return { attribute: condition.attribute, operator: condition.operator, value: parsed.value };
  });

const audienceSchema = z.object({
  conditions: z.array(conditionSchema).min(1, "Add a condition or remove this audience").max(20, "At most 20 conditions"),
});

const allowlistEntrySchema = z.object({ userId: requiredText(200), variation: requiredText(64) });

const metricsSchema = z
  .object({
    primary: optionalId,
    secondary: z.array(z.string().min(1)).max(20).default([]),
    guardrail: z.array(z.string().min(1)).max(20).default([]),
  })
  .default({ secondary: [], guardrail: [] });

const ruleFields = z.object({
  name: optionalText(100),
  type: z.enum(RULE_TYPES, { error: "Pick a rule type" }),
  hypothesis: optionalText(2000),
  trafficPercentage: numberField((n) => n.min(0, "Between 0 and 100").max(100, "Between 0 and 100")),
  audienceMatchType: z.enum(["any", "all"], { error: "Pick any or all" }).default("all"),
  audiences: z.array(audienceSchema).max(20, "At most 20 audiences").default([]),
  allowlist: z.array(allowlistEntrySchema).max(1000, "At most 1000 users").default([]),
  // { [variationKey]: relative weight }; turned into allocation ranges over the flag's variations
  weights: z
    .record(z.string(), numberField((n) => n.min(0, "Cannot be negative").max(10000, "At most 10000")), { error: "Required" })
    .refine((weights) => Object.values(weights).some((w) => w > 0), "Give at least one variation a share"),
  metrics: metricsSchema,
});

type RuleFields = z.output<typeof ruleFields>;

function experimentChecks<T extends RuleFields>(rule: T, ctx: z.RefinementCtx<T>) {
  flagDuplicates(ctx, "allowlist", rule.allowlist.map((entry) => entry.userId), "userId", "This user is listed twice");
  const { primary, secondary, guardrail } = rule.metrics;
  if (!isExperimentType(rule.type)) {
    if (primary || secondary.length || guardrail.length) {
      ctx.addIssue({ code: "custom", message: "Targeted rules are not experiments and have no metrics", path: ["metrics"] });
    }
    return;
  }
  if (rule.type === "multi-armed-bandit" && !primary) {
    ctx.addIssue({ code: "custom", message: "A bandit optimises its primary metric: pick a conversion metric", path: ["metrics", "primary"] });
  }
  const all = [primary, ...secondary, ...guardrail].filter((id): id is string => Boolean(id));
  if (new Set(all).size !== all.length) {
    ctx.addIssue({ code: "custom", message: "Each metric can have only one role", path: ["metrics"] });
  }
}

export const ruleCreateSchema = ruleFields
  .extend({ key: keySchema, environment: environmentKeySchema })
  .superRefine(experimentChecks);
/** The environment never changes; the key only while the rule is a draft (exposures record it). */
export const ruleUpdateSchema = ruleFields.extend({ key: keySchema }).superRefine(experimentChecks);

export type RuleCreateInput = z.output<typeof ruleCreateSchema>;
export type RuleUpdateInput = z.output<typeof ruleUpdateSchema>;

const RULE_ACTIONS = ["start", "stop", "archive", "move-up", "move-down"] as const;
export const ruleActionSchema = z.enum(RULE_ACTIONS, { error: "Unknown action" });
export type RuleAction = z.output<typeof ruleActionSchema>;
