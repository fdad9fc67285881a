import { describe, expect, it } from "vitest";
import { InvalidInputError, type FieldErrors } from "@/lib/admin/errors";
import { flagCreateSchema, flagEnvironmentSchema } from "@/lib/admin/flag-schema";
import { metricInputSchema } from "@/lib/admin/metric-schema";
import { projectCreateSchema } from "@/lib/admin/project-schema";
import { ruleCreateSchema } from "@/lib/admin/rule-schema";
import { sdkKeyCreateSchema } from "@/lib/admin/sdk-key-schema";
import { userCreateSchema, userUpdateSchema } from "@/lib/admin/user-schema";
import { parseInput } from "@/lib/admin/validation";
import type { z } from "zod";

/** The field errors parseInput reports (what forms show and the API returns as fieldErrors). */
function fieldErrors(schema: z.ZodType, raw: unknown): FieldErrors {
  try {
    parseInput(schema, raw);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.fieldErrors;
    throw error;
  }
  throw new Error("input was accepted");
}

const metric = { name: "Checkout", eventKey: "purchase_completed", kind: "conversion" };
const flag = { key: "new-checkout", variations: [{ key: "off" }, { key: "on" }] };
const rule = { key: "exp-1", environment: "production", type: "ab-test", trafficPercentage: 100, weights: { off: 1, on: 1 } };

describe("metric schema", () => {
  it("accepts form text and JSON alike and normalises filter values", () => {
    const fromForm = parseInput(metricInputSchema, {
      ...metric,
      kind: "value",
      windowHours: "72",
      winsorizePercentile: "0.99",
      filters: [
        { property: "plan", operator: "in", value: "pro, team" },
        { property: "amount", operator: "greater_than", value: "10.5" },
        { property: "beta", operator: "equals", value: "true" },
      ],
    });
    expect(fromForm).toMatchObject({
      windowHours: 72,
      winsorizePercentile: 0.99,
      direction: "higher",
      description: "",
      filters: [
        { property: "plan", operator: "in", value: ["pro", "team"] },
        { property: "amount", operator: "greater_than", value: 10.5 },
        { property: "beta", operator: "equals", value: true },
      ],
    });
    expect(parseInput(metricInputSchema, { ...metric, windowHours: "" }).windowHours).toBeUndefined();
  });

  it("rejects missing, malformed and inconsistent fields, each at its path", () => {
    expect(Object.keys(fieldErrors(metricInputSchema, {})).sort()).toEqual(["eventKey", "kind", "name"]);
    expect(fieldErrors(metricInputSchema, { ...metric, eventKey: "$exposure" })).toHaveProperty("eventKey");
    expect(fieldErrors(metricInputSchema, { ...metric, kind: "median" })).toHaveProperty("kind");
    expect(fieldErrors(metricInputSchema, { ...metric, windowHours: "1.5" })).toEqual({ windowHours: ["Whole hours only"] });
    expect(fieldErrors(metricInputSchema, { ...metric, windowHours: "soon" })).toEqual({ windowHours: ["Must be a number"] });
    expect(fieldErrors(metricInputSchema, { ...metric, kind: "count", winsorizePercentile: 0.3 })).toHaveProperty("winsorizePercentile");
    expect(fieldErrors(metricInputSchema, { ...metric, winsorizePercentile: 0.99 })).toEqual({
      winsorizePercentile: ["Only count, value and ratio metrics can be capped"],
    });
    expect(fieldErrors(metricInputSchema, { ...metric, direction: "sideways" })).toHaveProperty("direction");
    expect(
      fieldErrors(metricInputSchema, {
        ...metric,
        filters: [
          { property: "", operator: "equals", value: "x" },
          { property: "amount", operator: "less_than", value: "cheap" },
          { property: "plan", operator: "in", value: " , " },
          { property: "plan", operator: "regex", value: "x" },
        ],
      }),
    ).toEqual({
      "filters.0.property": ["Required"],
      "filters.1.value": ["Must be a number"],
      "filters.2.value": ["Enter one or more values, separated by commas"],
      "filters.3.operator": ["Pick an operator"],
    });
  });
});

describe("flag schema", () => {
  it("types variable defaults and per-variation values", () => {
    const parsed = parseInput(flagCreateSchema, {
      ...flag,
      variables: [
        { key: "color", type: "string", defaultValue: "blue" },
        { key: "limit", type: "number", defaultValue: "3" },
        { key: "fast", type: "boolean", defaultValue: "false" },
        { key: "layout", type: "json", defaultValue: '{"columns":2}' },
      ],
      variations: [
        { key: "off", variables: { color: "", limit: "" } },
        { key: "on", variables: { limit: 10, fast: "true", layout: [1, 2] } },
      ],
    });
    expect(parsed.variables.map((v) => v.defaultValue)).toEqual(["blue", 3, false, { columns: 2 }]);
    expect(parsed.variations.map((v) => v.variables)).toEqual([{}, { limit: 10, fast: true, layout: [1, 2] }]);
  });

  it("rejects bad keys, too few or duplicate variations and values of the wrong type", () => {
    expect(fieldErrors(flagCreateSchema, { ...flag, key: "new checkout!" })).toEqual({ key: ["Use only letters, digits, - and _"] });
    expect(fieldErrors(flagCreateSchema, { ...flag, key: "" })).toEqual({ key: ["Required"] });
    expect(fieldErrors(flagCreateSchema, { ...flag, variations: [{ key: "on" }] })).toHaveProperty("variations");
    expect(fieldErrors(flagCreateSchema, { ...flag, variations: [{ key: "on" }, { key: "on" }] })).toEqual({
      "variations.1.key": ["Another variation has this key"],
    });
    expect(
      fieldErrors(flagCreateSchema, {
        ...flag,
        variables: [
          { key: "limit", type: "number", defaultValue: "many" },
          { key: "layout", type: "json", defaultValue: "{oops" },
          { key: "fast", type: "boolean", defaultValue: "yes" },
          { key: "kind", type: "date", defaultValue: "x" },
        ],
        variations: [{ key: "off", variables: { limit: "x", nope: "1" } }, { key: "on" }],
      }),
    ).toEqual({
      "variables.0.defaultValue": ["Must be a number"],
      "variables.1.defaultValue": ["Must be valid JSON"],
      "variables.2.defaultValue": ["Must be true or false"],
      "variables.3.type": ["Pick a type"],
    });
    // Values are checked once the variable definitions are valid.
    expect(
      fieldErrors(flagCreateSchema, {
        ...flag,
        variables: [{ key: "limit", type: "number", defaultValue: 1 }],
        variations: [{ key: "off", variables: { limit: "x", nope: "1" } }, { key: "on" }],
      }),
    ).toEqual({ "variations.0.variables.limit": ["Must be a number"], "variations.0.variables.nope": ['No variable "nope"'] });
  });

  it("requires a share for some variation in an environment", () => {
    expect(parseInput(flagEnvironmentSchema, { running: "on", weights: { off: "0", on: "100" } })).toEqual({
      running: true,
      weights: { off: 0, on: 100 },
    });
    expect(fieldErrors(flagEnvironmentSchema, { running: true, weights: { off: 0 } })).toEqual({ weights: ["Give at least one variation a share"] });
    expect(fieldErrors(flagEnvironmentSchema, { weights: { off: -1, on: "x" } })).toEqual({
      "weights.off": ["Cannot be negative"],
      "weights.on": ["Must be a number"],
    });
  });
});

describe("rule schema", () => {
  it("parses audiences, allowlist and metrics", () => {
    const parsed = parseInput(ruleCreateSchema, {
      ...rule,
      trafficPercentage: "50",
      audienceMatchType: "any",
      audiences: [{ conditions: [{ attribute: "country", operator: "in", value: "US, CA" }, { attribute: "age", operator: "greater_than", value: "17" }] }],
      allowlist: [{ userId: "qa-1", variation: "on" }],
      metrics: { primary: "m1", secondary: ["m2"], guardrail: [] },
    });
    expect(parsed.trafficPercentage).toBe(50);
    expect(parsed.audiences[0]!.conditions).toEqual([
      { attribute: "country", operator: "in", value: ["US", "CA"] },
      { attribute: "age", operator: "greater_than", value: 17 },
    ]);
    expect(parsed.metrics).toEqual({ primary: "m1", secondary: ["m2"], guardrail: [] });
  });

  it("rejects bad traffic, empty audiences, duplicate users and misplaced metrics", () => {
    expect(fieldErrors(ruleCreateSchema, { ...rule, trafficPercentage: 120 })).toEqual({ trafficPercentage: ["Between 0 and 100"] });
    expect(fieldErrors(ruleCreateSchema, { ...rule, environment: "staging" })).toHaveProperty("environment");
    expect(fieldErrors(ruleCreateSchema, { ...rule, type: "split" })).toHaveProperty("type");
    expect(fieldErrors(ruleCreateSchema, { ...rule, key: "a b" })).toHaveProperty("key");
    expect(fieldErrors(ruleCreateSchema, { ...rule, audiences: [{ conditions: [] }] })).toEqual({
      "audiences.0.conditions": ["Add a condition or remove this audience"],
    });
    expect(
      fieldErrors(ruleCreateSchema, { ...rule, allowlist: [{ userId: "u1", variation: "on" }, { userId: "u1", variation: "off" }] }),
    ).toEqual({ "allowlist.1.userId": ["This user is listed twice"] });
    expect(fieldErrors(ruleCreateSchema, { ...rule, type: "multi-armed-bandit" })).toHaveProperty(["metrics.primary"]);
    expect(fieldErrors(ruleCreateSchema, { ...rule, type: "targeted", metrics: { primary: "m1" } })).toHaveProperty("metrics");
    expect(fieldErrors(ruleCreateSchema, { ...rule, metrics: { primary: "m1", guardrail: ["m1"] } })).toHaveProperty("metrics");
    expect(fieldErrors(ruleCreateSchema, { ...rule, weights: { off: 0, on: 0 } })).toEqual({ weights: ["Give at least one variation a share"] });
  });
});

describe("settings schemas", () => {
  it("validates new users", () => {
    expect(parseInput(userCreateSchema, { email: " Ann@Example.COM ", password: "long enough" })).toEqual({
      email: "ann@example.com",
      name: "",
      password: "long enough",
      role: "VIEWER",
    });
    expect(fieldErrors(userCreateSchema, { email: "ann", password: "short", role: "OWNER" })).toEqual({
      email: ["Enter a valid email address"],
      password: ["At least 8 characters"],
      role: ["Pick admin or viewer"],
    });
    expect(fieldErrors(userCreateSchema, {})).toEqual({ email: ["Required"], password: ["Required"] });
    expect(fieldErrors(userUpdateSchema, {})).toEqual({ role: ["Nothing to change"] });
    expect(parseInput(userUpdateSchema, { disabled: "true" })).toEqual({ disabled: true });
  });

  it("validates SDK keys and projects", () => {
    expect(fieldErrors(sdkKeyCreateSchema, { environment: "test", name: " " })).toEqual({
      environment: ["Pick development or production"],
      name: ["Required"],
    });
    expect(fieldErrors(projectCreateSchema, { organizationId: "acme_corp", projectId: "Web Shop", name: "" })).toEqual({
      organizationId: ["Use lowercase letters, digits and - (no _ or spaces)"],
      projectId: ["Use lowercase letters, digits and - (no _ or spaces)"],
      name: ["Required"],
    });
  });
});
