import { describe, expect, it } from "vitest";
import { matchesAudience, matchesAudiences, matchesCondition } from "@/lib/flags/conditions";
import type { Audience, Condition, Operator } from "@/lib/flags/types";

const cond = (attribute: string, operator: Operator, value: Condition["value"]): Condition => ({ attribute, operator, value });
const check = (c: Condition, attributes: Record<string, unknown> | undefined) => matchesCondition(c, attributes);

describe("operators", () => {
  it("equals compares strings, numbers and booleans strictly", () => {
    expect(check(cond("plan", "equals", "pro"), { plan: "pro" })).toBe(true);
    expect(check(cond("plan", "equals", "pro"), { plan: "free" })).toBe(false);
    expect(check(cond("age", "equals", 42), { age: 42 })).toBe(true);
    expect(check(cond("age", "equals", 42), { age: "42" })).toBe(false);
    expect(check(cond("beta", "equals", true), { beta: true })).toBe(true);
    expect(check(cond("beta", "equals", true), { beta: false })).toBe(false);
  });

  it("not_equals is the negation of equals for present attributes", () => {
    expect(check(cond("plan", "not_equals", "pro"), { plan: "free" })).toBe(true);
    expect(check(cond("plan", "not_equals", "pro"), { plan: "pro" })).toBe(false);
  });

  it.each<[Operator, number, boolean, boolean, boolean]>([
    // operator, threshold, 17 -> , 18 ->, 19 ->
    ["greater_than", 18, false, false, true],
    ["less_than", 18, true, false, false],
    ["greater_than_or_equals", 18, false, true, true],
    ["less_than_or_equals", 18, true, true, false],
  ])("%s %i", (operator, threshold, below, equal, above) => {
    expect(check(cond("age", operator, threshold), { age: 17 })).toBe(below);
    expect(check(cond("age", operator, threshold), { age: 18 })).toBe(equal);
    expect(check(cond("age", operator, threshold), { age: 19 })).toBe(above);
  });

  it("numeric comparisons coerce numeric strings on either side", () => {
    expect(check(cond("age", "greater_than", 18), { age: "25" })).toBe(true);
    expect(check(cond("age", "less_than", "18"), { age: 10 })).toBe(true);
    expect(check(cond("price", "greater_than_or_equals", "9.5"), { price: " 9.50 " })).toBe(true);
  });

  it("numeric comparisons fail on non-numeric values", () => {
    expect(check(cond("age", "greater_than", 18), { age: "old" })).toBe(false);
    expect(check(cond("age", "less_than", 18), { age: "" })).toBe(false);
    expect(check(cond("age", "less_than", 18), { age: true })).toBe(false);
    expect(check(cond("age", "less_than", 18), { age: [1] })).toBe(false);
    expect(check(cond("age", "greater_than", "x"), { age: 5 })).toBe(false);
  });

  it("in / not_in take arrays", () => {
    const list = ["US", "CA"];
    expect(check(cond("country", "in", list), { country: "US" })).toBe(true);
    expect(check(cond("country", "in", list), { country: "DE" })).toBe(false);
    expect(check(cond("country", "not_in", list), { country: "DE" })).toBe(true);
    expect(check(cond("country", "not_in", list), { country: "US" })).toBe(false);
    expect(check(cond("tier", "in", [1, 2]), { tier: 2 })).toBe(true);
  });

  it("in / not_in with a malformed (non-array) list never match", () => {
    expect(check(cond("country", "in", "US"), { country: "US" })).toBe(false);
    expect(check(cond("country", "not_in", "US"), { country: "DE" })).toBe(false);
  });

  it("contains / not_contains: substring on strings, membership on arrays", () => {
    expect(check(cond("email", "contains", "@acme"), { email: "bob@acme.com" })).toBe(true);
    expect(check(cond("email", "contains", "@acme"), { email: "bob@mail.com" })).toBe(false);
    expect(check(cond("tags", "contains", "beta"), { tags: ["alpha", "beta"] })).toBe(true);
    expect(check(cond("tags", "contains", "beta"), { tags: ["alpha"] })).toBe(false);
    expect(check(cond("email", "not_contains", "@acme"), { email: "bob@mail.com" })).toBe(true);
    expect(check(cond("email", "not_contains", "@acme"), { email: "bob@acme.com" })).toBe(false);
    expect(check(cond("tags", "not_contains", "beta"), { tags: ["alpha"] })).toBe(true);
    expect(check(cond("tags", "not_contains", "beta"), { tags: ["beta"] })).toBe(false);
    expect(check(cond("score", "contains", "9"), { score: 99 })).toBe(false);
  });

  it.each<Operator>([
    "equals",
    "not_equals",
    "greater_than",
    "less_than",
    "greater_than_or_equals",
    "less_than_or_equals",
    "in",
    "not_in",
    "contains",
    "not_contains",
  ])("%s fails when the attribute is missing", (operator) => {
    const value = operator === "in" || operator === "not_in" ? ["x"] : "x";
    expect(check(cond("plan", operator, value), {})).toBe(false);
    expect(check(cond("plan", operator, value), { plan: null })).toBe(false);
    expect(check(cond("plan", operator, value), undefined)).toBe(false);
  });

  it("an unknown operator fails closed", () => {
    expect(check(cond("plan", "regex" as Operator, ".*"), { plan: "pro" })).toBe(false);
  });
});

describe("audiences", () => {
  const pro: Audience = { conditions: [cond("plan", "equals", "pro"), cond("age", "greater_than_or_equals", 18)] };
  const us: Audience = { conditions: [cond("country", "equals", "US")] };

  it("ANDs the conditions within an audience", () => {
    expect(matchesAudience(pro, { plan: "pro", age: 30 })).toBe(true);
    expect(matchesAudience(pro, { plan: "pro", age: 16 })).toBe(false);
    expect(matchesAudience({ conditions: [] }, {})).toBe(true);
  });

  it("no audiences match everyone", () => {
    expect(matchesAudiences(undefined, undefined, undefined)).toBe(true);
    expect(matchesAudiences([], "all", {})).toBe(true);
  });

  it("any: at least one audience", () => {
    expect(matchesAudiences([pro, us], "any", { country: "US" })).toBe(true);
    expect(matchesAudiences([pro, us], "any", { country: "DE" })).toBe(false);
  });

  it("all (and the default): every audience", () => {
    const both = { plan: "pro", age: 20, country: "US" };
    expect(matchesAudiences([pro, us], "all", both)).toBe(true);
    expect(matchesAudiences([pro, us], "all", { country: "US" })).toBe(false);
    expect(matchesAudiences([pro, us], undefined, both)).toBe(true);
    expect(matchesAudiences([pro, us], undefined, { country: "US" })).toBe(false);
  });
});
