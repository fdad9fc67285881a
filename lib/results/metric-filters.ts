// Metric property filters on Event.metadata, parsed from Metric.filters and turned into SQL.
import { z } from "zod";
import { FILTER_OPERATORS, type MetricFilter } from "./model";
import type { SqlParams } from "./sql-params";

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const metricFilterSchema = z.object({
  property: z.string().min(1),
  operator: z.enum(FILTER_OPERATORS),
  value: z.union([scalar, z.array(scalar)]),
});

/** Metric.filters as stored; a malformed list is a configuration error worth surfacing. */
export function parseMetricFilters(json: unknown, metricName: string): MetricFilter[] {
  const parsed = z.array(metricFilterSchema).safeParse(json ?? []);
  if (!parsed.success) throw new Error(`metric "${metricName}" has invalid filters: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

const COMPARISONS = {
  greater_than: ">",
  less_than: "<",
  greater_than_or_equals: ">=",
  less_than_or_equals: "<=",
} as const;

/**
 * One SQL boolean per filter, ANDed. A missing property fails every operator (as audience
 * conditions do). Text operators compare the JSON value's text (numbers and booleans included);
 * numeric operators only match JSON numbers, so a stray string can never break the cast.
 */
export function metricFilterSql(filters: readonly MetricFilter[], metadata: string, params: SqlParams): string {
  const parts = filters.map((filter) => {
    const property = params.add(filter.property, "text");
    const text = `(${metadata} ->> ${property})`;
    const values = Array.isArray(filter.value) ? filter.value : [filter.value];
    switch (filter.operator) {
      case "equals":
        return `${text} = ${params.add(String(values[0]), "text")}`;
      case "not_equals":
        return `${text} <> ${params.add(String(values[0]), "text")}`;
      case "in":
        return `${text} = any(${params.add(values.map(String), "text[]")})`;
      case "contains":
        return `strpos(${text}, ${params.add(String(values[0]), "text")}) > 0`;
      default: {
        const json = `(${metadata} -> ${property})`;
        const number = `(case when jsonb_typeof(${json}) = 'number' then (${json} #>> '{}')::float8 end)`;
        return `${number} ${COMPARISONS[filter.operator]} ${params.add(Number(values[0]), "float8")}`;
      }
    }
  });
  return parts.length ? parts.join(" and ") : "true";
}
