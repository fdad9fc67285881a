// The incrementally maintained result state must always agree with the full aggregation of the same
// data: after every batch of a randomised stream (late exposures, users switching variation, other
// rules, events before exposure, windows, filters, a winsorised metric whose cap moves with every
// user), for the whole experiment and for a date range.
import { beforeAll, expect, it } from "vitest";
import { ingestBatch } from "@/lib/ingest/ingest";
import { aggregateExperiment, DEFAULT_SETTINGS, getExperimentResults, loadExperimentDefinition, type Aggregation } from "@/lib/results";
import type { AggregateScope } from "@/lib/results/aggregate";
import { settingsScope } from "@/lib/results/results";
import { readStateAggregation, refreshResultState, REBUILD_AFTER_MS, SETTLE_MS, stateServes } from "@/lib/results/state";
import { createRandom } from "@/lib/setup/demo/random";
import { createProject } from "@/lib/setup/projects";
import { describeOnDatabases } from "./helpers/databases";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DAY0 = Date.UTC(2025, 4, 1);
const VARIATIONS = ["control", "treatment", "bold"] as const;

type WireEvent = { eventKey: string; userId: string; timestamp: number; value?: number; metadata?: Record<string, unknown> };

/** Batches of a stream over 10 days: each user's exposure and events arrive spread over several batches, in any order. */
function stream(batches: number, users: number, seed: number): WireEvent[][] {
  const rand = createRandom(seed).next;
  const out: WireEvent[][] = Array.from({ length: batches }, () => []);
  const send = (event: WireEvent) => out[Math.floor(rand() * batches)]!.push(event);
  for (let i = 0; i < users; i++) {
    const userId = `u${i}`;
    const firstSeen = DAY0 + Math.floor(rand() * 10 * DAY);
    const variation = VARIATIONS[Math.floor(rand() * 3)]!;
    const ruleKey = rand() < 0.05 ? "other-rule" : rand() < 0.1 ? null : "exp";
    send({ eventKey: "$exposure", userId, timestamp: firstSeen, metadata: { flagKey: "checkout", variationKey: variation, ruleKey } });
    // Some users later see a second variation (excluded from then on) or an earlier exposure arrives late.
    if (rand() < 0.04) {
      const other = VARIATIONS[(VARIATIONS.indexOf(variation) + 1) % 3]!;
      send({ eventKey: "$exposure", userId, timestamp: firstSeen + HOUR, metadata: { flagKey: "checkout", variationKey: other, ruleKey: "exp" } });
    }
    if (rand() < 0.05) send({ eventKey: "$exposure", userId, timestamp: firstSeen - 30 * HOUR, metadata: { flagKey: "checkout", variationKey: variation, ruleKey } });
    const events = Math.floor(rand() * 6);
    for (let k = 0; k < events; k++) {
      const timestamp = firstSeen + Math.floor((rand() * 5 - 1) * DAY);
      if (rand() < 0.5) {
        const value = Math.round(rand() * 10_000) / 100;
        send({ eventKey: "purchase", userId, timestamp, value, metadata: { plan: rand() < 0.5 ? "pro" : "free" } });
      } else {
        send({ eventKey: "page_view", userId, timestamp });
      }
    }
  }
  return out;
}

function expectSameAggregation(actual: Aggregation, expected: Aggregation) {
  expect(actual.multipleExposureUsers).toBe(expected.multipleExposureUsers);
  expect(actual.caps.map((cap) => cap === null)).toEqual(expected.caps.map((cap) => cap === null));
  actual.caps.forEach((cap, m) => cap !== null && expect(cap).toBeCloseTo(expected.caps[m]!, 6));
  expect(actual.buckets.map((b) => `${b.bucket} ${b.variation} ${b.users}`)).toEqual(
    expected.buckets.map((b) => `${b.bucket} ${b.variation} ${b.users}`),
  );
  actual.buckets.forEach((bucket, i) => {
    bucket.metrics.forEach((sums, m) => {
      const want = expected.buckets[i]!.metrics[m]!;
      for (const field of ["sum", "sumSquares", "denominatorSum", "denominatorSumSquares", "crossProductSum"] as const) {
        expect(sums[field]).toBeCloseTo(want[field], 6);
      }
    });
  });
}

describeOnDatabases("incremental result state", (db) => {
  let ruleId = "";
  let target = { projectId: "", environmentId: "" };

  beforeAll(async () => {
    const project = await createProject(db(), { organizationId: "acme", projectId: "state", name: "State" });
    const environment = project.environments.find((e) => e.key === "development")!;
    target = { projectId: project.id, environmentId: environment.id };
    const metric = (name: string, data: Record<string, unknown>) =>
      db().prisma.metric.create({ data: { projectId: project.id, name, eventKey: "purchase", kind: "conversion", ...data } });
    const metrics = [
      await metric("Purchase", {}),
      await metric("Pro revenue", { kind: "value", filters: [{ property: "plan", operator: "equals", value: "pro" }] }),
      await metric("Order value in 48 h", { kind: "ratio", windowHours: 48 }),
      await metric("Page views", { kind: "count", eventKey: "page_view" }),
      await metric("Revenue capped", { kind: "value", winsorizePercentile: 0.8 }),
    ];
    const flag = await db().prisma.flag.create({
      data: { projectId: project.id, key: "checkout", salt: "checkout", variations: { create: VARIATIONS.map((key, position) => ({ key, position })) } },
    });
    const rule = await db().prisma.rule.create({
      data: {
        flagId: flag.id,
        environmentId: environment.id,
        key: "exp",
        type: "ab_test",
        status: "running",
        metrics: { create: metrics.map((m, position) => ({ metricId: m.id, role: position ? "secondary" : "primary", position })) },
      },
    });
    ruleId = rule.id;
  });

  const definition = async () => (await loadExperimentDefinition(db(), ruleId))!;
  const fullAggregation = async (scope: AggregateScope) =>
    aggregateExperiment(db().sql, scope, (await definition()).metrics, { by: "day" });
  const ranges = (def: Awaited<ReturnType<typeof definition>>) => [
    settingsScope(def, DEFAULT_SETTINGS),
    settingsScope(def, { ...DEFAULT_SETTINGS, from: "2025-05-03", to: "2025-05-07" }),
  ];

  it("agrees with the full aggregation after every batch, recomputing only the users the batch touched", async () => {
    const batches = stream(8, 400, 7);
    let clock = Date.UTC(2025, 5, 1);
    for (const [i, events] of batches.entries()) {
      const result = await ingestBatch(db(), target, { events, sentAt: null }, clock);
      expect(result.accepted).toBe(events.length);
      clock += 10_000;
      const def = await definition();
      expect(stateServes(DEFAULT_SETTINGS)).toBe(true);
      const outcome = await refreshResultState(db(), def, new Date(clock));
      expect(outcome.rebuilt).toBe(i === 0);
      if (i > 0) {
        // Within SETTLE_MS of earlier refreshes the rescan reaches back to the first checkpoint, so
        // users of earlier batches may be recomputed again, never more than have sent anything.
        expect(outcome.users).toBeGreaterThan(0);
        expect(outcome.users).toBeLessThanOrEqual(new Set(batches.slice(0, i + 1).flat().map((e) => e.userId)).size);
      }
      for (const scope of ranges(def)) expectSameAggregation(await readStateAggregation(db().sql, def, scope), await fullAggregation(scope));
    }
    // The winsorised metric really is capped (its cap is part of the comparison above).
    expect((await fullAggregation(settingsScope(await definition(), DEFAULT_SETTINGS))).caps[4]).toBeGreaterThan(0);
    // Once the checkpoints settle, a refresh only revisits the users of newer events.
    clock += 2 * SETTLE_MS;
    await refreshResultState(db(), await definition(), new Date(clock));
    const late = [{ eventKey: "purchase", userId: "u1", timestamp: DAY0 + 3 * DAY, value: 5, metadata: { plan: "pro" } }];
    await ingestBatch(db(), target, { events: late, sentAt: null }, clock);
    const outcome = await refreshResultState(db(), await definition(), new Date(clock + 1000));
    expect(outcome).toEqual({ rebuilt: false, users: 1 });
    const def = await definition();
    for (const scope of ranges(def)) expectSameAggregation(await readStateAggregation(db().sql, def, scope), await fullAggregation(scope));
  });

  /**
   * A slow ingest statement: its id is allocated before `refresh` runs (with a gap left in the
   * sequence for it), it commits after. The next refresh, 5 s later, must count it.
   */
  async function lateCommitIsCounted(refresh: (clock: number) => Promise<unknown>, clock: number) {
    const def = await definition();
    const pageViews = async () =>
      (await readStateAggregation(db().sql, def, settingsScope(def, DEFAULT_SETTINGS))).buckets.reduce((s, b) => s + b.metrics[3]!.denominatorSum, 0);
    const [{ id: watermark } = { id: 0 }] = await db().sql.query<{ id: number }>(`select max(id) as id from "Event"`);
    await db().sql.query(`select setval('"Event_id_seq"', $1)`, [watermark + 10]);
    await ingestBatch(db(), target, { events: [{ eventKey: "signup", userId: "u2", timestamp: DAY0 }], sentAt: null }, clock - 2_000);
    await refresh(clock);
    const before = await pageViews();
    const [user] = await db().sql.query<{ userId: string; firstSeenAt: Date }>(
      `select "userId", "firstSeenAt" from "ResultStateUser" where "ruleId" = $1 and variation >= 0 order by "userId" limit 1`,
      [ruleId],
    );
    await db().sql.query(
      `insert into "Event" (id, "projectId", "environmentId", "userId", "eventKey", "timestamp", "receivedAt")
       values ($1, $2, $3, $4, 'page_view', $5, $6)`,
      [watermark + 5, target.projectId, target.environmentId, user!.userId, new Date(user!.firstSeenAt.getTime() + HOUR), new Date(clock - 1_000)],
    );
    expect((await refreshResultState(db(), def, new Date(clock + 5_000))).rebuilt).toBe(false);
    expect(await pageViews()).toBe(before + 1);
    for (const scope of ranges(def)) expectSameAggregation(await readStateAggregation(db().sql, def, scope), await fullAggregation(scope));
  }

  it("picks up an event that committed after a refresh with an id below that refresh's watermark", async () => {
    const clock = Date.UTC(2025, 6, 1);
    await refreshResultState(db(), await definition(), new Date(clock - 5_000));
    await lateCommitIsCounted(async (at) => expect((await refreshResultState(db(), await definition(), new Date(at))).rebuilt).toBe(false), clock);
  });

  it("picks up an event that committed after a rebuild with an id below the rebuild's watermark", async () => {
    const builtAt = (await db().prisma.resultState.findUniqueOrThrow({ where: { ruleId } })).builtAt.getTime();
    const rebuild = async (at: number) => expect((await refreshResultState(db(), await definition(), new Date(at))).rebuilt).toBe(true);
    await lateCommitIsCounted(rebuild, builtAt + REBUILD_AFTER_MS);
  });

  it("rebuilds when a metric changes or the state is a day old, and serves results equal to the full computation", async () => {
    let def = await definition();
    const now = (await db().prisma.resultState.findUniqueOrThrow({ where: { ruleId } })).builtAt.getTime() + 60_000;
    expect((await refreshResultState(db(), def, new Date(now))).rebuilt).toBe(false);
    expect((await refreshResultState(db(), def, new Date(now + REBUILD_AFTER_MS))).rebuilt).toBe(true);
    const metric = def.metrics.find((m) => m.name === "Pro revenue")!;
    await db().prisma.metric.update({ where: { id: metric.metricId }, data: { filters: [{ property: "plan", operator: "equals", value: "free" }] } });
    def = await definition();
    expect((await refreshResultState(db(), def, new Date(now + REBUILD_AFTER_MS + 1000))).rebuilt).toBe(true);
    for (const scope of ranges(def)) expectSameAggregation(await readStateAggregation(db().sql, def, scope), await fullAggregation(scope));
    // The public entry point serves the same numbers.
    const results = (await getExperimentResults(db(), ruleId, DEFAULT_SETTINGS, { refresh: true }))!;
    const full = await fullAggregation(settingsScope(def, DEFAULT_SETTINGS));
    const users = Object.fromEntries(VARIATIONS.map((v) => [v, full.buckets.filter((b) => b.variation === v).reduce((s, b) => s + b.users, 0)]));
    expect(Object.fromEntries(results.metrics[0]!.variations.map((v) => [v.key, v.users]))).toEqual(users);
  });
});
