import { z } from "zod";
import { ENVIRONMENT_KEYS } from "./environments";
import { coerceVariableValue, VARIABLE_TYPES } from "./variable-values";
import { booleanField, flagDuplicates, keySchema, numberField, optionalText } from "./validation";

const variableSchema = z
  .object({
    key: keySchema,
    type: z.enum(VARIABLE_TYPES, { error: "Pick a type" }),
    defaultValue: z.unknown(),
  })
  .transform((variable, ctx) => {
    // Text variables may default to "", every other type needs a value.
    const raw = variable.defaultValue === undefined && variable.type === "string" ? "" : variable.defaultValue;
    const coerced = coerceVariableValue(variable.type, raw);
    if ("error" in coerced) {
      ctx.addIssue({ code: "custom", message: coerced.error, path: ["defaultValue"] });
      return z.NEVER;
    }
    return { key: variable.key, type: variable.type, defaultValue: coerced.value };
  });

const variationSchema = z.object({
  key: keySchema,
  name: optionalText(100),
  // { [variableKey]: value }; a missing or "" value means "use the variable's default"
  variables: z.record(z.string(), z.unknown()).default({}),
});

const flagFields = z.object({
  name: optionalText(100),
  description: optionalText(1000),
  variations: z
    .array(variationSchema, { error: "Required" })
    .min(2, "Add at least two variations; the first one is the control")
    .max(20, "At most 20 variations"),
  variables: z.array(variableSchema).max(50, "At most 50 variables").default([]),
});

type FlagFields = z.output<typeof flagFields>;

/** Unique keys, and every per-variation value valid for its variable's type. */
function typedValues<T extends FlagFields>(flag: T, ctx: z.RefinementCtx<T>) {
  flagDuplicates(ctx, "variations", flag.variations.map((v) => v.key), "key", "Another variation has this key");
  flagDuplicates(ctx, "variables", flag.variables.map((v) => v.key), "key", "Another variable has this key");
  const types = new Map(flag.variables.map((v) => [v.key, v.type]));
  const variations = flag.variations.map((variation, index) => {
    const overrides: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(variation.variables)) {
      if (raw === undefined || raw === "" || raw === null) continue;
      const path = ["variations", index, "variables", key];
      const type = types.get(key);
      if (!type) {
        ctx.addIssue({ code: "custom", message: `No variable "${key}"`, path });
        continue;
      }
      const coerced = coerceVariableValue(type, raw);
      if ("error" in coerced) ctx.addIssue({ code: "custom", message: coerced.error, path });
      else overrides[key] = coerced.value;
    }
    return { key: variation.key, name: variation.name, variables: overrides };
  });
  return { ...flag, variations };
}

export const flagCreateSchema = flagFields.extend({ key: keySchema }).transform(typedValues);
/** The key is what SDK code asks for; it never changes after creation. */
export const flagUpdateSchema = flagFields.transform(typedValues);

export type FlagCreateInput = z.output<typeof flagCreateSchema>;
export type FlagUpdateInput = z.output<typeof flagUpdateSchema>;

/** Whether a flag is served in one environment, and its allocation for users no rule catches. */
export const flagEnvironmentSchema = z.object({
  running: booleanField,
  weights: z
    .record(z.string(), numberField((n) => n.min(0, "Cannot be negative").max(10000, "At most 10000")), { error: "Required" })
    .refine((weights) => Object.values(weights).some((w) => w > 0), "Give at least one variation a share"),
});

export type FlagEnvironmentInput = z.output<typeof flagEnvironmentSchema>;

export const environmentKeySchema = z.enum(ENVIRONMENT_KEYS, { error: "Pick development or production" });
