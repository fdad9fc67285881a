import { expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import type { Database } from "@/lib/db";
import { ConflictError, InvalidInputError } from "@/lib/admin/errors";
import { listEventKeys } from "@/lib/admin/event-keys";
import { flagCreateSchema, flagEnvironmentSchema, flagUpdateSchema } from "@/lib/admin/flag-schema";
import { createFlag, setFlagArchived, setFlagEnvironment, setFlagRunning, updateFlag } from "@/lib/admin/flags";
import { metricInputSchema } from "@/lib/admin/metric-schema";
import { createMetric, deleteMetric, setMetricArchived, updateMetric } from "@/lib/admin/metrics";
import { projectCreateSchema } from "@/lib/admin/project-schema";
import { createProjectFromInput } from "@/lib/admin/projects";
import { ruleCreateSchema, ruleUpdateSchema } from "@/lib/admin/rule-schema";
import { applyRuleAction, createRule, updateRule } from "@/lib/admin/rules";
import { sdkKeyCreateSchema } from "@/lib/admin/sdk-key-schema";
import { createProjectSdkKey, revokeProjectSdkKey } from "@/lib/admin/sdk-keys";
import { userCreateSchema } from "@/lib/admin/user-schema";
import { createUser, updateUser } from "@/lib/admin/users";
import { parseInput } from "@/lib/admin/validation";
import { describeOnDatabases } from "./helpers/databases";

const PROJECT = "shop";

async function versions(db: Database) {
  const environments = await db.prisma.environment.findMany({ where: { projectId: PROJECT } });
  return Object.fromEntries(environments.map((e) => [e.key, e.configVersion])) as Record<"development" | "production", number>;
}

/** Runs `change` and returns how much each environment's config version moved. */
async function bumps(db: Database, change: () => Promise<unknown>) {
  const before = await versions(db);
  await change();
  const after = await versions(db);
  return { development: after.development - before.development, production: after.production - before.production };
}

async function fieldErrorsOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as InvalidInputError).fieldErrors;
}

const metricInput = (overrides: object = {}) =>
  parseInput(metricInputSchema, { name: "Purchase", eventKey: "purchase_completed", kind: "conversion", ...overrides });
const flagInput = (overrides: object = {}) =>
  parseInput(flagCreateSchema, { key: "checkout", name: "Checkout", variations: [{ key: "control" }, { key: "treatment" }], ...overrides });
const ruleInput = (overrides: object = {}) =>
  parseInput(ruleCreateSchema, {
    key: "checkout-test",
    environment: "production",
    type: "ab-test",
    trafficPercentage: 100,
    weights: { control: 1, treatment: 1 },
    ...overrides,
  });

describeOnDatabases("admin domain", (db) => {
  it("creates a project whose ids become part of SDK keys", async () => {
    const project = await createProjectFromInput(db(), parseInput(projectCreateSchema, { organizationId: "acme", projectId: PROJECT, name: "Shop" }));
    expect(project.environments.map((e) => e.key).sort()).toEqual(["development", "production"]);
    const again = parseInput(projectCreateSchema, { organizationId: "acme", projectId: PROJECT, name: "Other" });
    expect(await fieldErrorsOf(createProjectFromInput(db(), again))).toEqual({ projectId: ["A project with this id exists"] });
  });

  it("stores metrics and keeps names unique", async () => {
    const metric = await createMetric(
      db(),
      PROJECT,
      metricInput({ kind: "value", windowHours: "48", winsorizePercentile: "0.99", filters: [{ property: "plan", operator: "equals", value: "pro" }] }),
    );
    expect(metric).toMatchObject({ kind: "value", windowHours: 48, winsorizePercentile: 0.99, direction: "higher", archivedAt: null });
    expect(metric.filters).toEqual([{ property: "plan", operator: "equals", value: "pro" }]);
    expect(await fieldErrorsOf(createMetric(db(), PROJECT, metricInput()))).toEqual({ name: ["Another metric has this name"] });
    const updated = await updateMetric(db(), PROJECT, metric.id, metricInput({ name: "Revenue", kind: "value", windowHours: "" }));
    expect(updated).toMatchObject({ name: "Revenue", windowHours: null, winsorizePercentile: null, filters: [] });
  });

  it("offers the event keys seen in the project, without exposures", async () => {
    const environments = await db().prisma.environment.findMany({ where: { projectId: PROJECT } });
    const now = new Date();
    await db().prisma.event.createMany({
      data: ["signup", "$exposure", "purchase_completed", "signup"].flatMap((eventKey, i) =>
        environments.map((e) => ({ projectId: PROJECT, environmentId: e.id, userId: `u${i}`, eventKey, timestamp: now, receivedAt: now })),
      ),
    });
    expect(await listEventKeys(db(), PROJECT)).toEqual(["purchase_completed", "signup"]);
  });

  it("creates flags with a random salt, ordered variations and a setting per environment, bumping both", async () => {
    let flag: Awaited<ReturnType<typeof createFlag>> | undefined;
    const moved = await bumps(db(), async () => {
      flag = await createFlag(
        db(),
        PROJECT,
        flagInput({
          variables: [{ key: "label", type: "string", defaultValue: "Buy" }],
          variations: [{ key: "control" }, { key: "treatment", variables: { label: "Buy now" } }],
        }),
      );
    });
    expect(moved).toEqual({ development: 1, production: 1 });
    const stored = await db().prisma.flag.findUniqueOrThrow({
      where: { id: flag!.id },
      include: { variations: { orderBy: { position: "asc" } }, settings: true },
    });
    expect(stored.salt).toMatch(/^[0-9a-f]{16}$/);
    expect(stored.variables).toEqual([{ key: "label", type: "string", defaultValue: "Buy" }]);
    expect(stored.variations.map((v) => [v.key, v.position, v.variables])).toEqual([
      ["control", 0, {}],
      ["treatment", 1, { label: "Buy now" }],
    ]);
    expect(stored.settings).toHaveLength(2);
    for (const setting of stored.settings) {
      expect(setting.running).toBe(false);
      expect(setting.allocation).toEqual([{ variation: "control", start: 0, end: 9999 }]);
    }
    const other = await createFlag(db(), PROJECT, flagInput({ key: "other" }));
    expect(other.salt).not.toBe(stored.salt);
    expect(await fieldErrorsOf(createFlag(db(), PROJECT, flagInput()))).toEqual({ key: ["Another flag has this key"] });
  });

  it("sets running state and default allocation per environment, bumping only that one", async () => {
    const flag = await db().prisma.flag.findFirstOrThrow({ where: { key: "checkout" } });
    const input = parseInput(flagEnvironmentSchema, { running: true, weights: { control: "25", treatment: "75" } });
    expect(await bumps(db(), () => setFlagEnvironment(db(), PROJECT, flag.id, "development", input))).toEqual({ development: 1, production: 0 });
    const setting = await db().prisma.flagEnvironment.findFirstOrThrow({ where: { flagId: flag.id, running: true } });
    expect(setting.allocation).toEqual([
      { variation: "control", start: 0, end: 2499 },
      { variation: "treatment", start: 2500, end: 9999 },
    ]);
    expect(await bumps(db(), () => setFlagRunning(db(), PROJECT, flag.id, "production", true))).toEqual({ development: 0, production: 1 });
    const unknown = parseInput(flagEnvironmentSchema, { running: true, weights: { beta: 1 } });
    expect(await fieldErrorsOf(setFlagEnvironment(db(), PROJECT, flag.id, "development", unknown))).toEqual({
      "weights.beta": ["This flag has no such variation"],
    });
  });

  it("creates experiments with metrics, checking variations and bandit metrics", async () => {
    const flag = await db().prisma.flag.findFirstOrThrow({ where: { key: "checkout" } });
    const revenue = await db().prisma.metric.findFirstOrThrow({ where: { name: "Revenue" } });
    const conversion = await createMetric(db(), PROJECT, metricInput({ name: "Converted" }));
    let ruleId = "";
    const moved = await bumps(db(), async () => {
      const rule = await createRule(
        db(),
        PROJECT,
        flag.id,
        ruleInput({
          hypothesis: "A shorter checkout sells more",
          trafficPercentage: "50",
          audiences: [{ conditions: [{ attribute: "country", operator: "equals", value: "US" }] }],
          allowlist: [{ userId: "qa-1", variation: "treatment" }],
          weights: { control: 1, treatment: 3 },
          metrics: { primary: conversion.id, secondary: [revenue.id] },
        }),
      );
      ruleId = rule.id;
    });
    expect(moved).toEqual({ development: 0, production: 1 });
    const rule = await db().prisma.rule.findUniqueOrThrow({ where: { id: ruleId }, include: { metrics: true } });
    expect(rule).toMatchObject({ type: "ab_test", status: "draft", trafficPercentage: 50, position: 0, weights: { control: 1, treatment: 3 } });
    expect(rule.allocation).toEqual([
      { variation: "control", start: 0, end: 2499 },
      { variation: "treatment", start: 2500, end: 9999 },
    ]);
    expect(rule.metrics.map((m) => [m.metricId, m.role]).sort()).toEqual(
      [
        [conversion.id, "primary"],
        [revenue.id, "secondary"],
      ].sort(),
    );

    expect(await fieldErrorsOf(createRule(db(), PROJECT, flag.id, ruleInput()))).toEqual({
      key: ["Another rule of this flag in this environment has this key"],
    });
    expect(
      await fieldErrorsOf(createRule(db(), PROJECT, flag.id, ruleInput({ key: "b", allowlist: [{ userId: "u", variation: "nope" }] }))),
    ).toEqual({ "allowlist.0.variation": ["This flag has no such variation"] });
    expect(
      await fieldErrorsOf(
        createRule(db(), PROJECT, flag.id, ruleInput({ key: "bandit", type: "multi-armed-bandit", metrics: { primary: revenue.id } })),
      ),
    ).toEqual({ "metrics.primary": ["A bandit optimises a conversion rate: pick a conversion metric"] });
    const bandit = await createRule(
      db(),
      PROJECT,
      flag.id,
      ruleInput({ key: "bandit", type: "multi-armed-bandit", metrics: { primary: conversion.id } }),
    );
    expect(bandit).toMatchObject({ type: "multi_armed_bandit", position: 1 });
  });

  it("starts, stops and archives rules, bumping the rule's environment each time", async () => {
    const flag = await db().prisma.flag.findFirstOrThrow({ where: { key: "checkout" } });
    const rule = await db().prisma.rule.findFirstOrThrow({ where: { key: "checkout-test" } });
    const ref = { flagId: flag.id, ruleId: rule.id };
    const noPrimary = await createRule(db(), PROJECT, flag.id, ruleInput({ key: "no-primary" }));
    await expect(applyRuleAction(db(), PROJECT, { flagId: flag.id, ruleId: noPrimary.id }, "start")).rejects.toThrow(
      "Pick a primary metric before starting the experiment",
    );

    expect(await bumps(db(), () => applyRuleAction(db(), PROJECT, ref, "start"))).toEqual({ development: 0, production: 1 });
    const started = await db().prisma.rule.findUniqueOrThrow({ where: { id: rule.id } });
    expect(started.status).toBe("running");
    expect(started.startedAt).toBeInstanceOf(Date);

    // Once users see the rule, its key and type are fixed; other settings may change.
    const update = parseInput(ruleUpdateSchema, { ...ruleInput(), key: "renamed", metrics: {} });
    expect(await fieldErrorsOf(updateRule(db(), PROJECT, ref, update))).toEqual({ key: ["The key cannot change once the rule has started"] });
    const conversion = await db().prisma.metric.findFirstOrThrow({ where: { name: "Converted" } });
    const traffic = parseInput(ruleUpdateSchema, { ...ruleInput(), trafficPercentage: 20, metrics: { primary: conversion.id } });
    expect(await bumps(db(), () => updateRule(db(), PROJECT, ref, traffic))).toEqual({ development: 0, production: 1 });
    expect((await db().prisma.rule.findUniqueOrThrow({ where: { id: rule.id } })).trafficPercentage).toBe(20);

    expect(await bumps(db(), () => applyRuleAction(db(), PROJECT, ref, "stop"))).toEqual({ development: 0, production: 1 });
    const stopped = await db().prisma.rule.findUniqueOrThrow({ where: { id: rule.id } });
    expect(stopped.status).toBe("stopped");
    expect(stopped.stoppedAt).toBeInstanceOf(Date);
    await expect(applyRuleAction(db(), PROJECT, ref, "start")).rejects.toBeInstanceOf(ConflictError);

    expect(await bumps(db(), () => applyRuleAction(db(), PROJECT, ref, "archive"))).toEqual({ development: 0, production: 1 });
    expect((await db().prisma.rule.findUniqueOrThrow({ where: { id: rule.id } })).archivedAt).toBeInstanceOf(Date);
    await expect(updateRule(db(), PROJECT, ref, traffic)).rejects.toBeInstanceOf(ConflictError);
  });

  it("reorders the active rules of an environment", async () => {
    const flag = await db().prisma.flag.findFirstOrThrow({ where: { key: "checkout" } });
    const order = async () =>
      (await db().prisma.rule.findMany({ where: { flagId: flag.id, archivedAt: null }, orderBy: { position: "asc" } })).map((r) => r.key);
    expect(await order()).toEqual(["bandit", "no-primary"]);
    const last = await db().prisma.rule.findFirstOrThrow({ where: { key: "no-primary" } });
    expect(await bumps(db(), () => applyRuleAction(db(), PROJECT, { flagId: flag.id, ruleId: last.id }, "move-up"))).toEqual({
      development: 0,
      production: 1,
    });
    expect(await order()).toEqual(["no-primary", "bandit"]);
  });

  it("updates flags' variations and variables, refusing to remove a variation still served", async () => {
    const flag = await db().prisma.flag.findFirstOrThrow({ where: { key: "checkout" } });
    const withBeta = parseInput(flagUpdateSchema, {
      name: "Checkout v2",
      variables: [{ key: "label", type: "string", defaultValue: "Buy" }],
      variations: [{ key: "control" }, { key: "treatment" }, { key: "beta", variables: { label: "Try" } }],
    });
    expect(await bumps(db(), () => updateFlag(db(), PROJECT, flag.id, withBeta))).toEqual({ development: 1, production: 1 });
    const withoutTreatment = parseInput(flagUpdateSchema, { variations: [{ key: "control" }, { key: "beta" }] });
    const errors = await fieldErrorsOf(updateFlag(db(), PROJECT, flag.id, withoutTreatment));
    expect(errors.variations?.[0]).toMatch(/^Variation "treatment" is still served by the development default allocation/);
    // beta has no share anywhere, so it can go again.
    const withoutBeta = parseInput(flagUpdateSchema, { variations: [{ key: "control" }, { key: "treatment" }] });
    await updateFlag(db(), PROJECT, flag.id, withoutBeta);
    expect((await db().prisma.variation.findMany({ where: { flagId: flag.id } })).map((v) => v.key).sort()).toEqual(["control", "treatment"]);
    expect(await bumps(db(), () => setFlagArchived(db(), PROJECT, flag.id, true))).toEqual({ development: 1, production: 1 });
  });

  it("archives used metrics instead of deleting them, and bumps the environments that use them", async () => {
    const used = await db().prisma.metric.findFirstOrThrow({ where: { name: "Converted" } });
    await expect(deleteMetric(db(), PROJECT, used.id)).rejects.toThrow(/used by 2 experiments; archive it instead/);
    // The bandit still uses it in production.
    expect(await bumps(db(), () => setMetricArchived(db(), PROJECT, used.id, true))).toEqual({ development: 0, production: 1 });
    expect((await db().prisma.metric.findUniqueOrThrow({ where: { id: used.id } })).archivedAt).toBeInstanceOf(Date);
    const unused = await createMetric(db(), PROJECT, metricInput({ name: "Unused" }));
    expect(await bumps(db(), () => updateMetric(db(), PROJECT, unused.id, metricInput({ name: "Unused", eventKey: "x" })))).toEqual({
      development: 0,
      production: 0,
    });
    await deleteMetric(db(), PROJECT, unused.id);
    expect(await db().prisma.metric.findUnique({ where: { id: unused.id } })).toBeNull();
  });

  it("creates and revokes SDK keys of the project's environments", async () => {
    const key = await createProjectSdkKey(db(), PROJECT, parseInput(sdkKeyCreateSchema, { environment: "production", name: "Web" }));
    expect(key.key).toMatch(/^sk_prod_acme_shop_[0-9a-f]{32}$/);
    expect((await revokeProjectSdkKey(db(), PROJECT, key.id)).revokedAt).toBeInstanceOf(Date);
    await expect(revokeProjectSdkKey(db(), PROJECT, key.id)).rejects.toBeInstanceOf(ConflictError);
  });

  it("creates users with hashed passwords and keeps at least one enabled admin", async () => {
    const admin = await createUser(db(), parseInput(userCreateSchema, { email: "Lead@Example.com", password: "secret-pass", role: "ADMIN" }));
    expect(admin).not.toHaveProperty("passwordHash");
    const stored = await db().prisma.user.findUniqueOrThrow({ where: { email: "lead@example.com" } });
    expect(await verifyPassword("secret-pass", stored.passwordHash)).toBe(true);
    expect(await fieldErrorsOf(createUser(db(), parseInput(userCreateSchema, { email: "lead@example.com", password: "12345678" })))).toEqual({
      email: ["A user with this email exists"],
    });

    await expect(updateUser(db(), admin.id, admin.id, { role: "VIEWER" })).rejects.toThrow("You are the last admin");
    await expect(updateUser(db(), admin.id, admin.id, { disabled: true })).rejects.toThrow("You are the last admin");

    const second = await createUser(db(), parseInput(userCreateSchema, { email: "second@example.com", password: "12345678", role: "ADMIN" }));
    expect((await updateUser(db(), admin.id, second.id, { disabled: true })).disabled).toBe(true);
    // A disabled admin does not count: the lead is the last enabled one again.
    await expect(updateUser(db(), second.id, admin.id, { role: "VIEWER" })).rejects.toThrow("This user is the last admin");
    await updateUser(db(), admin.id, second.id, { disabled: false });
    expect((await updateUser(db(), admin.id, admin.id, { role: "VIEWER" })).role).toBe("VIEWER");
  });
});
