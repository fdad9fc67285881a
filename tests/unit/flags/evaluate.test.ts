import { describe, expect, it } from "vitest";
import { evaluate, evaluateAll } from "@/lib/flags/evaluate";
import { bucket } from "@/lib/flags/hash";
import type { ConfigRule } from "@/lib/flags/types";
import { flag, realisticConfig } from "./fixtures";

const everyone = (overrides: Partial<ConfigRule> = {}): ConfigRule => ({
  ruleKey: "rule",
  ruleType: "ab-test",
  trafficPercentage: 100,
  variationAllocation: { ranges: [{ variation: "treatment", start: 0, end: 9999 }] },
  ...overrides,
});

/** First user-N satisfying a bucket predicate, so tests pin behaviour at exact boundaries. */
function findUser(predicate: (userId: string) => boolean): string {
  for (let i = 0; i < 1_000_000; i++) if (predicate(`user-${i}`)) return `user-${i}`;
  throw new Error("no such user");
}

describe("evaluate", () => {
  it("returns null for an archived flag", () => {
    expect(evaluate(flag({ status: "archived" }), "u")).toBeNull();
  });

  it("returns off for a flag that is not running, ignoring rules", () => {
    const d = evaluate(flag({ running: false, rules: [everyone({ allowlist: [{ userId: "u", variation: "on" }] })] }), "u");
    expect(d).toEqual({ flagKey: "flag", variationKey: "off", enabled: false, ruleKey: null, ruleType: null, variables: {} });
  });

  it("an allowlist entry wins over audiences and traffic", () => {
    const rule = everyone({
      trafficPercentage: 0,
      audiences: [{ conditions: [{ attribute: "plan", operator: "equals", value: "pro" }] }],
      allowlist: [{ userId: "qa", variation: "control" }],
    });
    expect(evaluate(flag({ rules: [rule] }), "qa")).toMatchObject({ variationKey: "control", ruleKey: "rule", ruleType: "ab-test" });
  });

  it("a rule with no audiences matches everyone", () => {
    expect(evaluate(flag({ rules: [everyone()] }), "anyone")).toMatchObject({ variationKey: "treatment", ruleKey: "rule", enabled: true });
  });

  it("a user outside the audience falls through to the next rule", () => {
    const rules = [
      everyone({ ruleKey: "pro-only", audiences: [{ conditions: [{ attribute: "plan", operator: "equals", value: "pro" }] }] }),
      everyone({ ruleKey: "rest", ruleType: "targeted", variationAllocation: { ranges: [{ variation: "on", start: 0, end: 9999 }] } }),
    ];
    expect(evaluate(flag({ rules }), "u", { plan: "free" })).toMatchObject({ ruleKey: "rest", ruleType: "targeted", variationKey: "on" });
    expect(evaluate(flag({ rules }), "u", { plan: "pro" })).toMatchObject({ ruleKey: "pro-only", variationKey: "treatment" });
    expect(evaluate(flag({ rules }), "u")).toMatchObject({ ruleKey: "rest" });
  });

  it("admits a user to traffic iff bucket(traffic) < floor(pct/100 * 10000)", () => {
    const pct = 12.345; // threshold 1234
    const inside = findUser((u) => bucket("salt", "traffic", u) === 1233);
    const outside = findUser((u) => bucket("salt", "traffic", u) === 1234);
    const f = flag({ rules: [everyone({ trafficPercentage: pct })] });
    expect(evaluate(f, inside)).toMatchObject({ ruleKey: "rule", variationKey: "treatment" });
    expect(evaluate(f, outside)).toMatchObject({ ruleKey: null, variationKey: "on" });
  });

  it("0% traffic admits nobody and 100% admits everybody", () => {
    const top = findUser((u) => bucket("salt", "traffic", u) === 9999);
    expect(evaluate(flag({ rules: [everyone({ trafficPercentage: 100 })] }), top)).toMatchObject({ ruleKey: "rule" });
    const bottom = findUser((u) => bucket("salt", "traffic", u) === 0);
    expect(evaluate(flag({ rules: [everyone({ trafficPercentage: 0 })] }), bottom)).toMatchObject({ ruleKey: null });
  });

  it("picks the variation whose inclusive range covers bucket(variation)", () => {
    const ranges = [
      { variation: "control", start: 0, end: 4999 },
      { variation: "treatment", start: 5000, end: 9999 },
    ];
    const f = flag({ rules: [everyone({ variationAllocation: { ranges } })] });
    expect(evaluate(f, findUser((u) => bucket("salt", "variation", u) === 4999))).toMatchObject({ variationKey: "control" });
    expect(evaluate(f, findUser((u) => bucket("salt", "variation", u) === 5000))).toMatchObject({ variationKey: "treatment" });
  });

  it("falls through when no range covers the variation bucket", () => {
    const f = flag({ rules: [everyone({ variationAllocation: { ranges: [{ variation: "treatment", start: 0, end: 99 }] } })] });
    expect(evaluate(f, findUser((u) => bucket("salt", "variation", u) === 100))).toMatchObject({ ruleKey: null, variationKey: "on" });
  });

  it("uses the default allocation with bucket(default) after the rules", () => {
    const f = flag({
      allocation: {
        ranges: [
          { variation: "off", start: 0, end: 2999 },
          { variation: "on", start: 3000, end: 9999 },
        ],
      },
    });
    expect(evaluate(f, findUser((u) => bucket("salt", "default", u) === 2999))).toMatchObject({ variationKey: "off", enabled: false, ruleKey: null });
    expect(evaluate(f, findUser((u) => bucket("salt", "default", u) === 3000))).toMatchObject({ variationKey: "on", enabled: true, ruleKey: null });
  });

  it("returns off when nothing covers the default bucket", () => {
    expect(evaluate(flag({ allocation: { ranges: [] } }), "u")).toMatchObject({ variationKey: "off", enabled: false, ruleKey: null, ruleType: null });
  });

  it("enabled is false exactly for the off variation, even when a rule assigns it", () => {
    const f = flag({ rules: [everyone({ ruleType: "targeted", variationAllocation: { ranges: [{ variation: "off", start: 0, end: 9999 }] } })] });
    expect(evaluate(f, "u")).toMatchObject({ variationKey: "off", enabled: false, ruleKey: "rule", ruleType: "targeted" });
  });

  it("matches audiences with any/all and ANDed conditions", () => {
    const audiences = [
      { conditions: [{ attribute: "plan", operator: "equals" as const, value: "pro" }, { attribute: "seats", operator: "greater_than" as const, value: 5 }] },
      { conditions: [{ attribute: "country", operator: "equals" as const, value: "US" }] },
    ];
    const any = flag({ rules: [everyone({ audienceMatchType: "any", audiences })] });
    const all = flag({ rules: [everyone({ audienceMatchType: "all", audiences })] });
    expect(evaluate(any, "u", { country: "US" })).toMatchObject({ ruleKey: "rule" });
    expect(evaluate(any, "u", { plan: "pro", seats: 3 })).toMatchObject({ ruleKey: null });
    expect(evaluate(all, "u", { country: "US" })).toMatchObject({ ruleKey: null });
    expect(evaluate(all, "u", { country: "US", plan: "pro", seats: "10" })).toMatchObject({ ruleKey: "rule" });
  });

  it("resolves variables: flag defaults overridden by the variation's values", () => {
    const [checkout] = realisticConfig.flags;
    expect(evaluate(checkout!, "qa-1")?.variables).toEqual({ color: "green", discount: 10 });
    const control = evaluate({ ...checkout!, rules: [] }, "u");
    expect(control).toMatchObject({ variationKey: "control", variables: { color: "blue", discount: 0 } });
    expect(evaluate({ ...checkout!, running: false }, "u")?.variables).toEqual({ color: "blue", discount: 0 });
  });

  it("decides the realistic config as expected", () => {
    const [checkout] = realisticConfig.flags;
    expect(evaluate(checkout!, "x", { email: "a@signakit.dev" })).toMatchObject({ ruleKey: "internal", ruleType: "targeted", variationKey: "treatment" });
    expect(evaluate(checkout!, "x", { country: "DE", age: 30 })).toMatchObject({ ruleKey: null, variationKey: "control" });
  });
});

describe("evaluateAll", () => {
  it("decides every flag except archived ones", () => {
    const decisions = evaluateAll(realisticConfig, "user-1", { country: "US", age: 30 });
    expect(Object.keys(decisions).sort()).toEqual(["new-checkout", "paused", "pricing-bandit"]);
    expect(decisions.paused).toMatchObject({ variationKey: "off", enabled: false });
    for (const [key, d] of Object.entries(decisions)) expect(d.flagKey).toBe(key);
  });
});
