// Bandit re-weighting on real databases: 5% vs 15% conversion must move traffic to the better arm,
// record the run, and publish the ranges in the config (allocation + config version) exactly once.
import { beforeAll, expect, it, vi } from "vitest";
import * as banditRoute from "@/app/api/v1/experiments/[id]/bandit/route";
import { runBandit, runDueBandits, startBanditScheduler } from "@/lib/bandit";
import { createProject } from "@/lib/setup/projects";
import { describeOnDatabases } from "./helpers/databases";
import { startRouteServer, type Route } from "./helpers/route-server";
import { sessionCookie } from "./helpers/session";

describeOnDatabases("bandits", (db) => {
  let ruleId = "";
  let abRuleId = "";
  let environmentId = "";

  const configVersion = async () => (await db().prisma.environment.findUniqueOrThrow({ where: { id: environmentId } })).configVersion;

  beforeAll(async () => {
    const project = await createProject(db(), { organizationId: "acme", projectId: "bandits", name: "Bandits" });
    environmentId = project.environments.find((e) => e.key === "production")!.id;
    const signup = await db().prisma.metric.create({ data: { projectId: project.id, name: "Signup", kind: "conversion", eventKey: "signup" } });
    const flag = await db().prisma.flag.create({
      data: {
        projectId: project.id,
        key: "pricing",
        salt: "pricing",
        variations: { create: [{ key: "control", position: 0 }, { key: "treatment", position: 1 }] },
      },
    });
    const rule = await db().prisma.rule.create({
      data: {
        flagId: flag.id,
        environmentId,
        key: "pricing-bandit",
        type: "multi_armed_bandit",
        status: "running",
        allocation: [{ variation: "control", start: 0, end: 4999 }, { variation: "treatment", start: 5000, end: 9999 }],
        metrics: { create: [{ metricId: signup.id, role: "primary" }] },
      },
    });
    ruleId = rule.id;
    const ab = await db().prisma.rule.create({ data: { flagId: flag.id, environmentId, key: "pricing-ab", type: "ab_test" } });
    abRuleId = ab.id;
    // 1,000 users per arm; control (even i) converts 5%, treatment (odd i) 15%.
    await db().sql.query(
      `insert into "Assignment" ("environmentId", "flagKey", "userId", "variationKey", "ruleKey", "firstSeenAt", "lastSeenAt")
       select $1, 'pricing', 'p' || i, case when i % 2 = 0 then 'control' else 'treatment' end, 'pricing-bandit',
              timestamptz '2025-01-01', timestamptz '2025-01-01'
       from generate_series(0, 1999) i`,
      [environmentId],
    );
    await db().sql.query(
      `insert into "Event" ("projectId", "environmentId", "userId", "eventKey", "timestamp", "receivedAt")
       select $1, $2, 'p' || i, 'signup', timestamptz '2025-01-02', now()
       from generate_series(0, 1999) i where (i % 2 = 0 and i % 40 = 0) or (i % 2 = 1 and i % 40 in (1, 3, 5))`,
      [project.id, environmentId],
    );
  });

  it("moves weight to the better arm, records the run and publishes the ranges with a config bump", async () => {
    const before = await configVersion();
    const run = await runBandit(db(), ruleId, { seed: 7 });
    expect(run.arms.map((a) => [a.variation, a.users, a.conversions])).toEqual([
      ["control", 1000, 50],
      ["treatment", 1000, 150],
    ]);
    expect(run.arms[1]!.probabilityBest).toBeGreaterThan(0.99);
    expect(run.arms[1]!.weight).toBeGreaterThan(0.95);
    expect(run.arms[0]!.weight).toBeCloseTo(0.01, 6); // the floor keeps exploring
    expect(run.published).toBe(true);
    const treatment = run.allocation.find((r) => r.variation === "treatment")!;
    expect(treatment.end - treatment.start + 1).toBeGreaterThan(9500);
    const rule = await db().prisma.rule.findUniqueOrThrow({ where: { id: ruleId } });
    expect(rule.allocation).toEqual(run.allocation);
    expect(await configVersion()).toBe(before + 1);

    // Same data, same seed: same ranges, so the config is left alone.
    const again = await runBandit(db(), ruleId, { seed: 7 });
    expect(again.published).toBe(false);
    expect(await configVersion()).toBe(before + 1);
    expect(await db().prisma.banditRun.count({ where: { ruleId } })).toBe(2);
  });

  it("re-weights on the scheduler's timer until stopped", async () => {
    const count = () => db().prisma.banditRun.count({ where: { ruleId } });
    const before = await count();
    // Runs are due after 0.001 minutes; the timer checks every 60 ms.
    const stop = startBanditScheduler(async () => db(), { intervalMinutes: 0.001 });
    try {
      await vi.waitFor(async () => expect(await count()).toBeGreaterThan(before), { timeout: 10_000, interval: 50 });
    } finally {
      await stop();
    }
    const stopped = await count();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await count()).toBe(stopped);
  });

  it("runs due bandits only once their interval has passed", async () => {
    const now = new Date();
    expect(await runDueBandits(db(), { now, intervalMinutes: 60 })).toEqual([]);
    const later = new Date(now.getTime() + 61 * 60_000);
    const runs = await runDueBandits(db(), { now: later, intervalMinutes: 60 });
    expect(runs.map((r) => r.ruleId)).toEqual([ruleId]);
  });

  it("lets admins trigger a run over HTTP and anyone signed in read the history", async () => {
    // The helper types params loosely; the route declares { id }.
    const server = await startRouteServer([{ pattern: "/api/v1/experiments/:id/bandit", module: banditRoute as unknown as Route["module"] }]);
    try {
      const [viewer, admin] = [await sessionCookie(db(), "VIEWER"), await sessionCookie(db(), "ADMIN")];
      const post = (id: string, cookie = "") => fetch(`${server.url}/api/v1/experiments/${id}/bandit`, { method: "POST", headers: { cookie } });
      expect((await post(ruleId)).status).toBe(401);
      expect((await post(ruleId, viewer)).status).toBe(403);
      const history = await fetch(`${server.url}/api/v1/experiments/${ruleId}/bandit`, { headers: { cookie: viewer } });
      expect(history.status).toBe(200);
      const { runs } = (await history.json()) as { runs: Array<{ arms: Array<{ variation: string }> }> };
      expect(runs.length).toBeGreaterThanOrEqual(3);
      const response = await post(ruleId, admin);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { arms: unknown[] }).arms).toHaveLength(2);
      expect((await post(abRuleId, admin)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
