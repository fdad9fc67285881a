import { afterAll, beforeAll, expect, it } from "vitest";
import * as latestConfig from "@/app/configs/[orgId]/[projectId]/[environment]/latest.json/route";
import type { Database } from "@/lib/db";
import type { ProjectConfig } from "@/lib/flags/types";
import { bumpConfigVersion } from "@/lib/projects/config-version";
import { createProject } from "@/lib/setup/projects";
import { describeOnDatabases } from "./helpers/databases";
import { startRouteServer, type Route } from "./helpers/route-server";

async function seedFlags(db: Database, projectId: string, developmentId: string, productionId: string) {
  const conversion = await db.prisma.metric.create({ data: { projectId, name: "Purchases", eventKey: "purchase", kind: "conversion" } });
  const revenue = await db.prisma.metric.create({ data: { projectId, name: "Revenue", eventKey: "revenue", kind: "value" } });
  const checkout = await db.prisma.flag.create({
    data: {
      projectId,
      key: "checkout",
      salt: "salt-checkout",
      variables: [{ key: "color", type: "string", defaultValue: "blue" }],
      variations: {
        create: [
          { key: "treatment", position: 1, variables: { color: "green" } },
          { key: "control", position: 0 },
        ],
      },
      settings: {
        create: [
          { environmentId: developmentId, running: true, allocation: [{ variation: "control", start: 0, end: 9999 }] },
          { environmentId: productionId, running: false },
        ],
      },
    },
  });
  const halves = [
    { variation: "control", start: 0, end: 4999 },
    { variation: "treatment", start: 5000, end: 9999 },
  ];
  const experiment = await db.prisma.rule.create({
    data: {
      flagId: checkout.id,
      environmentId: developmentId,
      key: "exp",
      type: "ab_test",
      position: 2,
      status: "running",
      trafficPercentage: 50,
      audienceMatchType: "any",
      audiences: [{ conditions: [{ attribute: "country", operator: "in", value: ["DE", "FR"] }] }],
      allowlist: [{ userId: "qa", variation: "treatment" }],
      allocation: halves,
    },
  });
  await db.prisma.ruleMetric.createMany({
    data: [
      { ruleId: experiment.id, metricId: revenue.id, role: "secondary" },
      { ruleId: experiment.id, metricId: conversion.id, role: "primary" },
    ],
  });
  await db.prisma.rule.createMany({
    data: [
      { flagId: checkout.id, environmentId: developmentId, key: "beta", type: "targeted", position: 1, status: "running", allocation: halves },
      { flagId: checkout.id, environmentId: developmentId, key: "bandit", type: "multi_armed_bandit", position: 3, status: "running", allocation: halves },
      { flagId: checkout.id, environmentId: developmentId, key: "draft", type: "ab_test", position: 0, status: "draft" },
      { flagId: checkout.id, environmentId: developmentId, key: "stopped", type: "ab_test", position: 0, status: "stopped" },
      { flagId: checkout.id, environmentId: productionId, key: "prod-only", type: "ab_test", status: "running" },
    ],
  });
  const bandit = await db.prisma.rule.findFirstOrThrow({ where: { key: "bandit" } });
  await db.prisma.banditRun.create({
    data: { ruleId: bandit.id, arms: [], allocation: [{ variation: "treatment", start: 0, end: 9999 }] },
  });
  await db.prisma.flag.create({
    data: { projectId, key: "old", salt: "salt-old", status: "archived", variations: { create: [{ key: "on", position: 0 }] } },
  });
  return { checkout };
}

describeOnDatabases("GET /configs/{orgId}/{projectId}/{environment}/latest.json", (db, kind) => {
  let server: { url: string; close: () => Promise<void> };
  const projectId = `cfg${kind}`;
  let developmentId = "";
  let checkoutId = "";
  const url = (env = "development", project = projectId, org = "cfgorg") => `${server.url}/configs/${org}/${project}/${env}/latest.json`;

  beforeAll(async () => {
    // The route types its params exactly; the test server hands every route a plain record.
    server = await startRouteServer([{ pattern: "/configs/:orgId/:projectId/:environment/latest.json", module: latestConfig as unknown as Route["module"] }]);
    const project = await createProject(db(), { organizationId: "cfgorg", projectId, name: "Config" });
    developmentId = project.environments.find((e) => e.key === "development")!.id;
    const productionId = project.environments.find((e) => e.key === "production")!.id;
    checkoutId = (await seedFlags(db(), projectId, developmentId, productionId)).checkout.id;
  });
  afterAll(() => server.close());

  it("serves the environment's flags, running rules in order and archived flags", async () => {
    const response = await fetch(url());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-expose-headers")).toMatch(/ETag/);
    const config = (await response.json()) as ProjectConfig;
    expect(config).toMatchObject({ projectId, environmentKey: "development", version: 1 });
    expect(Date.parse(config.generatedAt)).not.toBeNaN();
    expect(config.flags.map((f) => [f.key, f.status, f.running])).toEqual([
      ["checkout", "active", true],
      ["old", "archived", false],
    ]);
    const checkout = config.flags[0]!;
    expect(checkout).toMatchObject({
      id: checkoutId,
      salt: "salt-checkout",
      variations: [{ key: "control" }, { key: "treatment", variables: { color: "green" } }],
      variables: [{ key: "color", type: "string", defaultValue: "blue" }],
      allocation: { ranges: [{ variation: "control", start: 0, end: 9999 }] },
    });
    expect(checkout.rules!.map((r) => [r.ruleKey, r.ruleType])).toEqual([
      ["beta", "targeted"],
      ["exp", "ab-test"],
      ["bandit", "multi-armed-bandit"],
    ]);
    expect(checkout.rules![1]).toEqual({
      ruleKey: "exp",
      ruleType: "ab-test",
      audienceMatchType: "any",
      audiences: [{ conditions: [{ attribute: "country", operator: "in", value: ["DE", "FR"] }] }],
      trafficPercentage: 50,
      variationAllocation: { ranges: [{ variation: "control", start: 0, end: 4999 }, { variation: "treatment", start: 5000, end: 9999 }] },
      allowlist: [{ userId: "qa", variation: "treatment" }],
      eventKeys: ["purchase", "revenue"],
      primaryEventKey: "purchase",
    });
    expect(checkout.rules![0]).not.toHaveProperty("audiences");
    expect(checkout.rules![2]!.variationAllocation).toEqual({ ranges: [{ variation: "treatment", start: 0, end: 9999 }] });
    expect(config.flags[1]).toEqual({ id: expect.any(String), key: "old", salt: "salt-old", status: "archived", running: false, variations: [{ key: "on" }], allocation: { ranges: [] } });

    const production = (await (await fetch(url("production"))).json()) as ProjectConfig;
    expect(production.environmentKey).toBe("production");
    expect(production.flags[0]!.running).toBe(false);
    expect(production.flags[0]!.rules!.map((r) => r.ruleKey)).toEqual(["prod-only"]);
  });

  it("answers 304 to If-None-Match with the current ETag", async () => {
    const first = await fetch(url());
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"1-[\w-]+"$/);
    const again = await fetch(url(), { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("access-control-allow-origin")).toBe("*");
    expect((await fetch(url(), { headers: { "If-None-Match": `"other", W/${etag}` } })).status).toBe(304);
    expect((await fetch(url(), { headers: { "If-None-Match": '"stale"' } })).status).toBe(200);
  });

  it("bumps the version and the ETag when a flag changes", async () => {
    const before = await fetch(url());
    const etag = before.headers.get("etag")!;
    await db().prisma.$transaction(async (tx) => {
      await tx.flagEnvironment.update({ where: { flagId_environmentId: { flagId: checkoutId, environmentId: developmentId } }, data: { running: false } });
      await bumpConfigVersion(tx, developmentId);
    });
    const after = await fetch(url(), { headers: { "If-None-Match": etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    const config = (await after.json()) as ProjectConfig;
    expect(config.version).toBe(2);
    expect(config.flags[0]!.running).toBe(false);
  });

  it("answers 404 JSON for unknown organizations, projects and environments", async () => {
    for (const target of [url("staging"), url("development", "nope"), url("development", projectId, "otherorg")]) {
      const response = await fetch(target);
      expect(response.status, target).toBe(404);
      expect(((await response.json()) as { error: string }).error).toMatch(/no config/);
    }
  });

  it("answers CORS preflights", async () => {
    const response = await fetch(url(), { method: "OPTIONS", headers: { Origin: "https://a.example", "Access-Control-Request-Headers": "if-none-match" } });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-headers")).toMatch(/If-None-Match/);
  });
});
