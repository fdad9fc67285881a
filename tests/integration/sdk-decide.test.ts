import { afterAll, beforeAll, expect, it } from "vitest";
import { flagCreateSchema, flagEnvironmentSchema } from "@/lib/admin/flag-schema";
import { createFlag, setFlagArchived, setFlagEnvironment } from "@/lib/admin/flags";
import { metricInputSchema } from "@/lib/admin/metric-schema";
import { createMetric } from "@/lib/admin/metrics";
import { ruleCreateSchema } from "@/lib/admin/rule-schema";
import { applyRuleAction, createRule } from "@/lib/admin/rules";
import { parseInput } from "@/lib/admin/validation";
import { buildProjectConfig } from "@/lib/config/build";
import { evaluate } from "@/lib/flags/evaluate";
import type { Attributes, ConfigFlag, Decision, ProjectConfig } from "@/lib/flags/types";
import type { SignaKitClient } from "@/lib/sdk/core/client";
import { createInstance } from "@/lib/sdk/node";
import { describeOnDatabases } from "./helpers/databases";
import { createIngestProject } from "./helpers/ingest-fixtures";
import { memoryLogger, observingFetch, startSdkServer } from "./helpers/sdk-server";

const USERS = 100_000;
const COUNTRIES = ["DE", "FR", "US", "GB", undefined] as const;
const PLANS = ["free", "pro", "beta", undefined] as const;

/** Deterministic, varied targeting attributes; some users lack some attributes. */
function attributesOf(i: number): Attributes {
  const attributes: Attributes = { age: 15 + ((i * 7) % 60) };
  const country = COUNTRIES[i % COUNTRIES.length];
  const plan = PLANS[Math.floor(i / 5) % PLANS.length];
  if (country) attributes.country = country;
  if (plan) attributes.plan = plan;
  if (i % 11 === 0) delete attributes.age;
  return attributes;
}

const userId = (i: number) => `decide-user-${i}`;

describeOnDatabases("SDK decide() against the served config", (db, kind) => {
  let server: { url: string; close: () => Promise<void> };
  let fixture: Awaited<ReturnType<typeof createIngestProject>>;
  let client: SignaKitClient;
  let built: ProjectConfig;
  const FLAG_KEYS = ["checkout", "pricing", "banner", "legacy", "missing"];

  beforeAll(async () => {
    server = await startSdkServer();
    fixture = await createIngestProject(db(), `decide${kind}`);
    const projectId = fixture.project.id;
    const purchase = await createMetric(db(), projectId, parseInput(metricInputSchema, { name: "Purchase", eventKey: "purchase", kind: "conversion" }));
    const flag = (input: object) => createFlag(db(), projectId, parseInput(flagCreateSchema, input));
    const environment = (flagId: string, running: boolean, weights: Record<string, number>) =>
      setFlagEnvironment(db(), projectId, flagId, "development", parseInput(flagEnvironmentSchema, { running, weights }));
    const rule = async (flagId: string, input: object, started = true) => {
      const created = await createRule(db(), projectId, flagId, parseInput(ruleCreateSchema, { environment: "development", ...input }));
      if (started) await applyRuleAction(db(), projectId, { flagId, ruleId: created.id }, "start");
      return created;
    };

    const checkout = await flag({
      key: "checkout",
      variables: [{ key: "color", type: "string", defaultValue: "blue" }],
      variations: [{ key: "control" }, { key: "treatment", variables: { color: "green" } }, { key: "bold", variables: { color: "red" } }],
    });
    await environment(checkout.id, true, { control: 2, treatment: 1, bold: 1 });
    await rule(checkout.id, {
      key: "beta",
      type: "targeted",
      trafficPercentage: 100,
      audiences: [{ conditions: [{ attribute: "plan", operator: "equals", value: "beta" }] }],
      weights: { bold: 1 },
    });
    await rule(checkout.id, {
      key: "exp",
      type: "ab-test",
      trafficPercentage: 50,
      audienceMatchType: "any",
      audiences: [
        { conditions: [{ attribute: "country", operator: "in", value: ["DE", "FR"] }] },
        {
          conditions: [
            { attribute: "age", operator: "greater_than_or_equals", value: 30 },
            { attribute: "plan", operator: "equals", value: "pro" },
          ],
        },
      ],
      allowlist: [{ userId: "qa-1", variation: "bold" }],
      weights: { control: 1, treatment: 1 },
      metrics: { primary: purchase.id },
    });
    await rule(checkout.id, { key: "draft", type: "ab-test", trafficPercentage: 100, weights: { bold: 1 }, metrics: { primary: purchase.id } }, false);

    const pricing = await flag({
      key: "pricing",
      variables: [{ key: "price", type: "number", defaultValue: 10 }],
      variations: [{ key: "low", variables: { price: 8 } }, { key: "high", variables: { price: 12 } }],
    });
    await environment(pricing.id, true, { low: 1 });
    await rule(pricing.id, {
      key: "bandit",
      type: "multi-armed-bandit",
      trafficPercentage: 30,
      audiences: [{ conditions: [{ attribute: "country", operator: "not_in", value: ["US"] }] }],
      weights: { low: 1, high: 3 },
      metrics: { primary: purchase.id },
    });

    const banner = await flag({ key: "banner", variations: [{ key: "hidden" }, { key: "shown" }] });
    await environment(banner.id, false, { shown: 1 });
    const legacy = await flag({ key: "legacy", variations: [{ key: "a" }, { key: "b" }] });
    await environment(legacy.id, true, { a: 1 });
    await setFlagArchived(db(), projectId, legacy.id, true);

    built = (await buildProjectConfig(db(), fixture.development.id))!;
    const wire = observingFetch();
    client = createInstance({ sdkKey: fixture.developmentKey, baseUrl: server.url, pollingInterval: 0, flushAt: 500, fetch: wire.fetch, logger: memoryLogger() });
    expect(await client.onReady()).toEqual({ success: true });
    expect(wire.requests.map((r) => [r.method, r.status])).toEqual([["GET", 200]]);
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it("receives over HTTP exactly the config built from the database", () => {
    expect(client.getConfig()).toEqual(built);
    expect(built.flags.map((f) => [f.key, f.status, f.running, (f.rules ?? []).map((r) => r.ruleKey)])).toEqual([
      ["checkout", "active", true, ["beta", "exp"]],
      ["pricing", "active", true, ["bandit"]],
      ["banner", "active", false, []],
      ["legacy", "archived", true, []],
    ]);
  });

  it(`agrees with lib/flags evaluate() for ${USERS.toLocaleString("en")} users`, () => {
    const flags = new Map<string, ConfigFlag>(built.flags.map((f) => [f.key, f]));
    const expected = (key: string, id: string, attributes: Attributes) => {
      const flag = flags.get(key);
      return flag ? evaluate(flag, id, attributes) : null;
    };
    const mismatches: unknown[] = [];
    const tally = new Map<string, number>();
    const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);
    let eligible = 0;
    const same = (a: Decision | null | undefined, b: Decision | null) => JSON.stringify(a ?? null) === JSON.stringify(b);

    for (let i = 0; i < USERS; i++) {
      const id = userId(i);
      const attributes = attributesOf(i);
      const ctx = client.createUserContext(id, attributes)!;
      const all = ctx.decideAll({ exposure: false });
      for (const key of FLAG_KEYS) {
        const want = expected(key, id, attributes);
        const got = ctx.decide(key, { exposure: false });
        if (!same(got, want) || !same(all[key], want)) mismatches.push({ id, key, got, all: all[key], want });
        if (got) count(`${key}/${got.ruleKey ?? "default"}/${got.variationKey}`);
      }
      // Independent of evaluate(): the targeting the admin configured, computed here from the attributes.
      const { country, age, plan } = attributes as { country?: string; age?: number; plan?: string };
      const checkout = all.checkout!;
      if (plan === "beta") {
        if (checkout.ruleKey !== "beta" || checkout.variationKey !== "bold") mismatches.push({ id, beta: checkout });
      } else if (country === "DE" || country === "FR" || (age !== undefined && age >= 30 && plan === "pro")) {
        eligible++;
      } else if (checkout.ruleKey !== null) {
        mismatches.push({ id, notEligible: checkout });
      }
      const colors: Record<string, string> = { control: "blue", treatment: "green", bold: "red" };
      if (checkout.variables.color !== colors[checkout.variationKey]) mismatches.push({ id, variables: checkout.variables });
      if (country === "US" && all.pricing!.ruleKey !== null) mismatches.push({ id, usInBandit: all.pricing });
      if (mismatches.length > 20) break;
    }
    expect(mismatches).toEqual([]);
    expect(Object.keys(client.createUserContext("x")!.decideAll({ exposure: false })).sort()).toEqual(["banner", "checkout", "pricing"]);

    // The splits the admin asked for, within sampling error: the config is not trivially "off".
    const share = (part: number, whole: number) => part / whole;
    const inExp = (tally.get("checkout/exp/control") ?? 0) + (tally.get("checkout/exp/treatment") ?? 0);
    expect(share(inExp, eligible)).toBeCloseTo(0.5, 1);
    expect(Math.abs(share(tally.get("checkout/exp/control") ?? 0, inExp) - 0.5)).toBeLessThan(0.02);
    const fallthrough = ["control", "treatment", "bold"].map((v) => tally.get(`checkout/default/${v}`) ?? 0);
    const total = fallthrough.reduce((a, b) => a + b, 0);
    expect(Math.abs(share(fallthrough[0]!, total) - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(share(fallthrough[1]!, total) - 0.25)).toBeLessThan(0.02);
    const bandit = (tally.get("pricing/bandit/low") ?? 0) + (tally.get("pricing/bandit/high") ?? 0);
    expect(Math.abs(share(tally.get("pricing/bandit/high") ?? 0, bandit) - 0.75)).toBeLessThan(0.02);
    expect(tally.get("banner/default/off")).toBe(USERS);
    expect([...tally.keys()].filter((k) => k.startsWith("legacy") || k.startsWith("missing"))).toEqual([]);
    // The allowlist wins over audiences and traffic.
    expect(client.createUserContext("qa-1")!.decide("checkout", { exposure: false })).toMatchObject({ ruleKey: "exp", variationKey: "bold" });
  });

  it("stores each exposed user's assignment as evaluate() decided it", async () => {
    const exposed = 1_000;
    for (let i = 0; i < exposed; i++) client.createUserContext(userId(i), attributesOf(i))!.decideAll();
    await client.flush();
    expect(client.stats()).toMatchObject({ failed: 0, dropped: 0, rejected: 0, queued: 0 });

    const rows = await db().sql.query<{ userId: string; flagKey: string; variationKey: string; ruleKey: string | null }>(
      `select "userId", "flagKey", "variationKey", "ruleKey" from "Assignment" where "environmentId" = $1`,
      [fixture.development.id],
    );
    const stored = new Map(rows.map((r) => [`${r.userId}/${r.flagKey}`, `${r.variationKey}/${r.ruleKey}`]));
    const want = new Map<string, string>();
    for (let i = 0; i < exposed; i++) {
      for (const flag of built.flags) {
        const decision = evaluate(flag, userId(i), attributesOf(i));
        // Targeted rules are not experiments: they record no exposure.
        if (decision && decision.ruleType !== "targeted") want.set(`${userId(i)}/${flag.key}`, `${decision.variationKey}/${decision.ruleKey}`);
      }
    }
    expect(rows.length).toBe(stored.size);
    expect(stored).toEqual(want);
  });
});
