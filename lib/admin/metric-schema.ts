import { z } from "zod";
import { FILTER_OPERATORS } from "@/lib/results/model";
import { conditionValue, optionalNumberField, optionalText, requiredText } from "./validation";

export const METRIC_KINDS = ["conversion", "count", "value", "ratio"] as const;
export const METRIC_DIRECTIONS = ["higher", "lower"] as const;
export { FILTER_OPERATORS };

/** Exposures are recorded by the SDKs themselves; metrics measure what users do after them. */
export const EXPOSURE_EVENT_KEY = "$exposure";

const filterSchema = z
  .object({
    property: requiredText(100),
    operator: z.enum(FILTER_OPERATORS, { error: "Pick an operator" }),
    value: z.unknown(),
  })
  .transform((filter, ctx) => {
    const parsed = conditionValue(filter.operator, filter.value);
    if ("error" in parsed) {
      ctx.addIssue({ code: "custom", message: parsed.error, path: ["value"] });
      return z.NEVER;
    }
    return { property: filter.property, operator: filter.operator, value: parsed.value };
  });

export const metricInputSchema = z
  .object({
    name: requiredText(100),
    description: optionalText(1000),
    eventKey: requiredText(200).refine((key) => !key.startsWith("$"), "Keys starting with $ are reserved for SDK events"),
    kind: z.enum(METRIC_KINDS, { error: "Pick what to measure" }),
    filters: z.array(filterSchema).max(20, "At most 20 filters").default([]),
    windowHours: optionalNumberField((n) => n.int("Whole hours only").min(1, "At least 1 hour").max(8760, "At most 8760 hours (a year)")),
    direction: z.enum(METRIC_DIRECTIONS, { error: "Pick higher or lower" }).default("higher"),
    winsorizePercentile: optionalNumberField((n) => n.min(0.5, "Between 0.5 and 0.9999").max(0.9999, "Between 0.5 and 0.9999")),
  })
  .superRefine((metric, ctx) => {
    // A conversion is 0 or 1 per user: there is no tail to cap.
    if (metric.kind === "conversion" && metric.winsorizePercentile !== undefined) {
      ctx.addIssue({ code: "custom", message: "Only count, value and ratio metrics can be capped", path: ["winsorizePercentile"] });
    }
  });

export type MetricInput = z.output<typeof metricInputSchema>;
export type MetricFilter = MetricInput["filters"][number];
