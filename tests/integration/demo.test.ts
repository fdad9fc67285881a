import { afterAll, beforeAll, expect, it } from "vitest";
import * as flagEvents from "@/app/v1/flag-events/route";
import { DEFAULT_SETTINGS, getExperimentResults } from "@/lib/results";
import { runFirstRun } from "@/lib/setup/first-run";
import { CHECKOUT, HERO, PRICING, SEARCH } from "@/lib/setup/demo/definitions";
import { seedDemo } from "@/lib/setup/demo";
import { describeOnDatabases } from "./helpers/databases";
import { startRouteServer } from "./helpers/route-server";

describeOnDatabases("first-run demo", (db) => {
  let server: { url: string; close: () => Promise<void> };
  let sdkKey: string;
  let seconds = 0;
  let events = 0;
  const ruleId = async (flagKey: string) =>
    (await db().prisma.rule.findFirstOrThrow({ where: { flag: { projectId: "demo", key: flagKey } } })).id;

  beforeAll(async () => {
    server = await startRouteServer([{ pattern: "/v1/flag-events", module: flagEvents }]);
    const report = await runFirstRun(db(), { SIGNAKIT_DEMO: "1", SIGNAKIT_ADMIN_PASSWORD: "demo-password-1" });
    sdkKey = report.demo!.developmentKey;
    const started = Date.now();
    const seeded = await seedDemo(db(), { baseUrl: server.url, sdkKey });
    seconds = (Date.now() - started) / 1000;
    events = seeded.events;
  });
  afterAll(() => server.close());

  it("seeds in under a minute, through the ingest route", async () => {
    expect(seconds).toBeLessThan(60);
    const [row] = await db().sql.query<{ n: number; users: number }>(
      `select count(*)::int as n, count(distinct "userId")::int as users from "Event" where "projectId" = 'demo'`,
    );
    // Everything but the crawler's events (dropped as bots) arrived.
    expect(row!.n).toBeGreaterThan(30_000);
    expect(row!.n).toBeLessThan(events);
    expect(row!.users).toBeGreaterThan(4000);
    const [bots] = await db().sql.query<{ bots: number }>(`select coalesce(sum(bots), 0)::int as bots from "IngestDrop"`);
    expect(bots!.bots).toBeGreaterThan(0);
  });

  it("creates the winning, flat, bandit and planned experiments with their metrics", async () => {
    const rules = await db().prisma.rule.findMany({
      where: { flag: { projectId: "demo" } },
      include: { flag: true, metrics: { include: { metric: true } }, banditRuns: true },
    });
    expect(rules.map((r) => r.flag.key).sort()).toEqual([CHECKOUT.flagKey, HERO.flagKey, PRICING.flagKey, SEARCH.flagKey].sort());
    const byFlag = new Map(rules.map((r) => [r.flag.key, r]));
    expect(byFlag.get(HERO.flagKey)!.type).toBe("multi_armed_bandit");
    expect(byFlag.get(HERO.flagKey)!.banditRuns.length).toBe(14);
    expect(byFlag.get(PRICING.flagKey)!.status).toBe("draft");
    const checkout = byFlag.get(CHECKOUT.flagKey)!;
    expect(checkout.metrics.map((m) => m.role).sort()).toEqual(["guardrail", "primary", "secondary"]);
    expect(checkout.startedAt!.getTime()).toBeLessThan(Date.now() - 13 * 86_400_000);
  });

  it("stores assignments that agree with the SDK's bucketing, one variation per user", async () => {
    const [row] = await db().sql.query<{ users: number; multiple: number }>(
      `select count(*)::int as users, count(*) filter (where n > 1)::int as multiple
       from (select "userId", count(*) as n from "Assignment" where "flagKey" = $1 group by "userId") a`,
      [CHECKOUT.flagKey],
    );
    expect(row!.users).toBeGreaterThan(1500);
    expect(row!.multiple).toBe(0);
  });

  it("shows the one-page checkout winning and semantic search flat", async () => {
    const checkout = await getExperimentResults(db(), await ruleId(CHECKOUT.flagKey), DEFAULT_SETTINGS, { refresh: true });
    const purchase = checkout!.metrics.find((m) => m.role === "primary")!;
    expect(purchase.comparisons[0]!.verdict).toBe("win");
    expect(purchase.comparisons[0]!.estimate!).toBeGreaterThan(0.1);
    expect(checkout!.health.srm?.warning).toBe(false);

    const search = await getExperimentResults(db(), await ruleId(SEARCH.flagKey), DEFAULT_SETTINGS, { refresh: true });
    const addToCart = search!.metrics.find((m) => m.role === "primary")!;
    expect(addToCart.comparisons[0]!.significant).toBe(false);
    // The new ranking is slower: its latency guardrail is flagged.
    expect(search!.metrics.find((m) => m.role === "guardrail")!.guardrailViolated).toBe(true);
  });

  it("leaves the bandit favouring the arm that converts best", async () => {
    const hero = await getExperimentResults(db(), await ruleId(HERO.flagKey), DEFAULT_SETTINGS);
    const signup = hero!.metrics[0]!;
    const users = signup.variations.map((v) => v.users);
    expect(users.reduce((a, b) => a + b, 0)).toBeGreaterThan(2000);
    const latest = await db().prisma.banditRun.findFirstOrThrow({ where: { ruleId: await ruleId(HERO.flagKey) }, orderBy: { computedAt: "desc" } });
    const arms = latest.arms as Array<{ variation: string; weight: number }>;
    const best = arms.reduce((a, b) => (b.weight > a.weight ? b : a));
    expect(best.variation).toBe("video");
  });

  it("does nothing the second time", async () => {
    expect(await seedDemo(db(), { baseUrl: server.url, sdkKey })).toEqual({ seeded: false, events: 0 });
  });
});
