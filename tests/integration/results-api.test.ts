// The results endpoints over real HTTP: list, results JSON, parameter errors, sessions.
import { beforeAll, expect, it } from "vitest";
import * as listRoute from "@/app/api/v1/experiments/route";
import * as resultsRoute from "@/app/api/v1/experiments/[id]/results/route";
import type { ExperimentResults } from "@/lib/results";
import { createProject } from "@/lib/setup/projects";
import { describeOnDatabases } from "./helpers/databases";
import { startRouteServer, type Route } from "./helpers/route-server";
import { sessionCookie } from "./helpers/session";

describeOnDatabases("results API", (db) => {
  let ruleId = "";
  let url = "";
  let close = async () => {};
  let viewer = "";
  // Every request is a signed-in viewer's unless it says otherwise.
  const fetch = (input: string, init: RequestInit = {}) =>
    globalThis.fetch(input, { ...init, headers: { cookie: viewer, ...(init.headers as Record<string, string>) } });

  beforeAll(async () => {
    const project = await createProject(db(), { organizationId: "acme", projectId: "api", name: "API" });
    const environmentId = project.environments.find((e) => e.key === "development")!.id;
    const metric = await db().prisma.metric.create({ data: { projectId: project.id, name: "Signup", kind: "conversion", eventKey: "signup" } });
    const flag = await db().prisma.flag.create({
      data: { projectId: project.id, key: "hero", salt: "hero", variations: { create: [{ key: "a", position: 0 }, { key: "b", position: 1 }] } },
    });
    const rule = await db().prisma.rule.create({
      data: {
        flagId: flag.id,
        environmentId,
        key: "hero-test",
        name: "Hero test",
        type: "ab_test",
        status: "running",
        metrics: { create: [{ metricId: metric.id, role: "primary" }] },
      },
    });
    ruleId = rule.id;
    viewer = await sessionCookie(db(), "VIEWER");
    // 400 users per arm on 2025-03-01; a converts 10%, b 20%.
    await db().sql.query(
      `insert into "Assignment" ("environmentId", "flagKey", "userId", "variationKey", "ruleKey", "firstSeenAt", "lastSeenAt")
       select $1, 'hero', 'h' || i, case when i % 2 = 0 then 'a' else 'b' end, 'hero-test', timestamptz '2025-03-01 12:00Z', timestamptz '2025-03-01 12:00Z'
       from generate_series(0, 799) i`,
      [environmentId],
    );
    await db().sql.query(
      `insert into "Event" ("projectId", "environmentId", "userId", "eventKey", "timestamp", "receivedAt")
       select $1, $2, 'h' || i, 'signup', timestamptz '2025-03-02 12:00Z', now()
       from generate_series(0, 799) i where (i % 2 = 0 and i % 20 = 0) or (i % 2 = 1 and i % 10 = 1)`,
      [project.id, environmentId],
    );
    ({ url, close } = await startRouteServer([
      { pattern: "/api/v1/experiments", module: listRoute },
      // The helper types params loosely; the route declares { id }.
      { pattern: "/api/v1/experiments/:id/results", module: resultsRoute as unknown as Route["module"] },
    ]));
    return () => close();
  });

  it("lists experiments", async () => {
    const response = await fetch(`${url}/api/v1/experiments?projectId=api`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { experiments: Array<Record<string, unknown>>; discovered: unknown[] };
    expect(body.experiments).toEqual([
      expect.objectContaining({ id: ruleId, name: "Hero test", flagKey: "hero", environment: "development", status: "running", type: "ab-test" }),
    ]);
    expect(body.discovered).toEqual([]);
  });

  it("returns the result model for the requested settings", async () => {
    const response = await fetch(`${url}/api/v1/experiments/${ruleId}/results?engine=bayesian&confidence=0.9&breakdown=attribute:country`);
    expect(response.status).toBe(200);
    const results = (await response.json()) as ExperimentResults;
    expect(results.experiment).toMatchObject({ id: ruleId, flagKey: "hero", variations: [{ key: "a", weight: 0.5 }, { key: "b", weight: 0.5 }] });
    expect(results.settings).toMatchObject({ engine: "bayesian", confidence: 0.9, breakdown: { source: "attribute", key: "country" } });
    expect(results.metrics[0]!.variations.map((v) => [v.users, v.total])).toEqual([
      [400, 40],
      [400, 80],
    ]);
    expect(results.metrics[0]!.comparisons[0]!.chanceToWin).toBeGreaterThan(0.99);
    expect(results.series[0]!.points.map((p) => p.date)).toEqual(["2025-03-01", "2025-03-02"]);
    expect(results.series[0]!.points[0]!.variations.map((v) => v.total)).toEqual([0, 0]);
    expect(results.breakdown!.segments).toEqual([expect.objectContaining({ value: "(none)", users: 800 })]);
    expect(results.cached).toBe(false);
    const again = (await (await fetch(`${url}/api/v1/experiments/${ruleId}/results?engine=bayesian&confidence=0.9&breakdown=attribute:country`)).json()) as ExperimentResults;
    expect(again.cached).toBe(true);
    const refreshed = (await (await fetch(`${url}/api/v1/experiments/${ruleId}/results?engine=bayesian&confidence=0.9&breakdown=attribute:country&refresh=1`)).json()) as ExperimentResults;
    expect(refreshed.cached).toBe(false);
  });

  it("rejects bad parameters naming them, unknown experiments and anonymous requests", async () => {
    const get = (query: string, id = ruleId) => fetch(`${url}/api/v1/experiments/${id}/results${query}`);
    for (const [query, name] of [
      ["?engine=magic", "engine"],
      ["?confidence=1.5", "confidence"],
      ["?from=2025-13-01", "from"],
      ["?from=2025-03-02&to=2025-03-01", "to"],
      ["?mde=-1", "mde"],
      ["?breakdown=country", "breakdown"],
      ["?correction=sidak", "correction"],
      ["?colour=red", "colour"],
    ] as const) {
      const response = await get(query);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(new RegExp(`^${name}: `));
    }
    expect((await get("", "nope")).status).toBe(404);
    const anonymous = { headers: { cookie: "" } };
    expect((await fetch(`${url}/api/v1/experiments/${ruleId}/results`, anonymous)).status).toBe(401);
    expect((await fetch(`${url}/api/v1/experiments`, anonymous)).status).toBe(401);
    const forged = { headers: { cookie: "next-auth.session-token=not-a-signed-token" } };
    expect((await fetch(`${url}/api/v1/experiments`, forged)).status).toBe(401);
  });
});
