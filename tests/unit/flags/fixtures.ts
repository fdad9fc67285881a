import type { ConfigFlag, ProjectConfig } from "@/lib/flags/types";

/** A config shaped like the server's output: an experiment, a targeted rollout, an archived and a paused flag. */
export const realisticConfig: ProjectConfig = {
  projectId: "proj1",
  environmentKey: "production",
  sdkKey: "sk_prod_org1_proj1_abc123",
  version: 7,
  generatedAt: "2025-01-01T00:00:00.000Z",
  flags: [
    {
      id: "f1",
      key: "new-checkout",
      salt: "a1b2c3",
      status: "active",
      running: true,
      variations: [{ key: "off" }, { key: "control" }, { key: "treatment", variables: { color: "green", discount: 10 } }],
      variables: [
        { key: "color", type: "string", defaultValue: "blue" },
        { key: "discount", type: "number", defaultValue: 0 },
      ],
      allocation: { ranges: [{ variation: "control", start: 0, end: 9999 }] },
      rules: [
        {
          ruleKey: "internal",
          ruleType: "targeted",
          audienceMatchType: "any",
          audiences: [{ conditions: [{ attribute: "email", operator: "contains", value: "@signakit.dev" }] }],
          trafficPercentage: 100,
          variationAllocation: { ranges: [{ variation: "treatment", start: 0, end: 9999 }] },
        },
        {
          ruleKey: "checkout-exp",
          ruleType: "ab-test",
          audienceMatchType: "all",
          audiences: [
            {
              conditions: [
                { attribute: "country", operator: "in", value: ["US", "CA", "GB"] },
                { attribute: "age", operator: "greater_than_or_equals", value: 18 },
              ],
            },
          ],
          trafficPercentage: 60,
          variationAllocation: {
            ranges: [
              { variation: "control", start: 0, end: 4999 },
              { variation: "treatment", start: 5000, end: 9999 },
            ],
          },
          allowlist: [{ userId: "qa-1", variation: "treatment" }],
          eventKeys: ["purchase"],
          primaryEventKey: "purchase",
        },
      ],
    },
    {
      id: "f2",
      key: "pricing-bandit",
      salt: "zz99",
      status: "active",
      running: true,
      variations: [{ key: "off" }, { key: "a" }, { key: "b" }, { key: "c" }],
      allocation: { ranges: [] },
      rules: [
        {
          ruleKey: "bandit",
          ruleType: "multi-armed-bandit",
          audienceMatchType: "any",
          trafficPercentage: 33.33,
          variationAllocation: {
            ranges: [
              { variation: "a", start: 0, end: 1999 },
              { variation: "b", start: 2000, end: 5999 },
              { variation: "c", start: 6000, end: 9999 },
            ],
          },
        },
      ],
    },
    {
      id: "f3",
      key: "old-banner",
      salt: "old",
      status: "archived",
      running: true,
      variations: [{ key: "off" }, { key: "on" }],
      allocation: { ranges: [{ variation: "on", start: 0, end: 9999 }] },
    },
    {
      id: "f4",
      key: "paused",
      salt: "pp",
      status: "active",
      running: false,
      variations: [{ key: "off" }, { key: "on" }],
      allocation: { ranges: [{ variation: "on", start: 0, end: 9999 }] },
    },
  ],
};

export function flag(overrides: Partial<ConfigFlag> = {}): ConfigFlag {
  return {
    id: "id",
    key: "flag",
    salt: "salt",
    status: "active",
    running: true,
    variations: [{ key: "off" }, { key: "on" }],
    allocation: { ranges: [{ variation: "on", start: 0, end: 9999 }] },
    ...overrides,
  };
}
