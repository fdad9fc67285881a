// Results on a generated dataset with known truth: the SQL sums must equal sums computed here in JS
// from the same generated users and events, and the statistics must find the planted effect.
import { beforeAll, expect, it } from "vitest";
import type { Database } from "@/lib/db";
import {
  aggregateExperiment,
  computeExperimentResults,
  DEFAULT_SETTINGS,
  discoverExperiments,
  getExperimentResults,
  listExperiments,
  loadExperimentDefinition,
  type Aggregation,
  type ExperimentResults,
  type MetricFilter,
  type MetricSums,
  type ResultSettings,
} from "@/lib/results";
import { refreshRunningExperiments } from "@/lib/results/refresher";
import { settingsScope } from "@/lib/results/results";
import { createProject } from "@/lib/setup/projects";
import { describeOnDatabases } from "./helpers/databases";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const DAY0 = Date.UTC(2025, 0, 1);
const USERS = 20_000;
const COUNTRIES = ["US", "DE", "FR", "GB", "ES", "IT", "NL", "SE", "PL", "BR", "JP", "KR"];
const COUNTRY_WEIGHTS = [30, 15, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1];

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface GenEvent {
  userId: string;
  eventKey: string;
  ts: number;
  value: number | null;
  metadata: Record<string, unknown> | null;
  attributes: Record<string, unknown> | null;
}
interface GenUser {
  id: string;
  variation: "control" | "treatment";
  firstSeen: number;
  country: string;
  source: string;
}
interface Assignment {
  userId: string;
  variation: string;
  ruleKey: string | null;
  firstSeen: number;
}

/** 20,000 users split evenly, 10% vs 12% purchase, plus every kind of event that must not count. */
function generate() {
  const rand = mulberry32(20250101);
  const pick = <T,>(items: readonly T[], weights: readonly number[]) => {
    let r = rand() * weights.reduce((s, w) => s + w, 0);
    for (let i = 0; i < items.length; i++) if ((r -= weights[i]!) < 0) return items[i]!;
    return items[items.length - 1]!;
  };
  const users: GenUser[] = [];
  const assignments: Assignment[] = [];
  const events: GenEvent[] = [];
  const purchase = (userId: string, ts: number) => {
    const value = rand() < 0.02 ? 1000 : Math.round((5 + rand() * 95) * 100) / 100;
    const metadata = {
      plan: pick(["pro", "free", "team"], [4, 5, 1]),
      items: 1 + Math.floor(rand() * 5),
      coupon: rand() < 0.3 ? "SAVE10" : "NONE",
    };
    events.push({ userId, eventKey: "purchase", ts, value, metadata, attributes: null });
  };
  const exposure = (user: GenUser, variation = user.variation) =>
    events.push({
      userId: user.id,
      eventKey: "$exposure",
      ts: user.firstSeen,
      value: null,
      metadata: { flagKey: "checkout", variationKey: variation, ruleKey: "checkout-test", source: user.source },
      attributes: { country: user.country },
    });
  for (let i = 0; i < USERS; i++) {
    const user: GenUser = {
      id: `u${i}`,
      variation: i % 2 === 0 ? "control" : "treatment",
      firstSeen: DAY0 + Math.floor(rand() * 7 * DAY),
      country: pick(COUNTRIES, COUNTRY_WEIGHTS),
      source: rand() < 0.7 ? "web" : "ios",
    };
    users.push(user);
    assignments.push({ userId: user.id, variation: user.variation, ruleKey: "checkout-test", firstSeen: user.firstSeen });
    exposure(user);
    if (rand() < (user.variation === "control" ? 0.1 : 0.12)) {
      const orders = rand() < 0.3 ? 2 : 1;
      for (let k = 0; k < orders; k++) purchase(user.id, user.firstSeen + Math.floor(rand() * 72 * HOUR));
    }
    // Before the exposure: must never count.
    if (rand() < 0.05) purchase(user.id, user.firstSeen - HOUR);
    const views = Math.floor(rand() * 4);
    for (let k = 0; k < views; k++) {
      events.push({ userId: user.id, eventKey: "page_view", ts: user.firstSeen + Math.floor(rand() * 100 * HOUR), value: null, metadata: null, attributes: null });
    }
  }
  // Saw both variations: excluded and counted.
  for (let j = 0; j < 50; j++) {
    const user: GenUser = { id: `m${j}`, variation: "control", firstSeen: DAY0 + j * HOUR, country: "US", source: "web" };
    assignments.push({ userId: user.id, variation: "control", ruleKey: "checkout-test", firstSeen: user.firstSeen });
    assignments.push({ userId: user.id, variation: "treatment", ruleKey: "checkout-test", firstSeen: user.firstSeen + HOUR });
    exposure(user);
    purchase(user.id, user.firstSeen + 2 * HOUR);
  }
  // Bucketed by another rule of the flag, or into a variation the experiment does not have: not in it.
  for (let j = 0; j < 30; j++) {
    assignments.push({ userId: `r${j}`, variation: "treatment", ruleKey: "other-rule", firstSeen: DAY0 + HOUR });
    assignments.push({ userId: `o${j}`, variation: "off", ruleKey: "checkout-test", firstSeen: DAY0 + HOUR });
    purchase(`r${j}`, DAY0 + 2 * HOUR);
    purchase(`o${j}`, DAY0 + 2 * HOUR);
  }
  return { users, assignments, events };
}

const data = generate();

// --- truth, computed from the generated data -------------------------------------------------

interface TruthMetric {
  kind: "conversion" | "count" | "value" | "ratio";
  eventKey: string;
  match?: (e: GenEvent, user: GenUser) => boolean;
  cap?: number;
}

function percentileCont(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const eventsByUser = new Map<string, GenEvent[]>();
for (const e of data.events) {
  const list = eventsByUser.get(e.userId) ?? [];
  list.push(e);
  eventsByUser.set(e.userId, list);
}

/** Per-user numerator and denominator of a metric, for users passing `include`, events before `to`. */
function perUser(metric: TruthMetric, include: (u: GenUser) => boolean = () => true, to = Infinity) {
  const rows: Array<{ user: GenUser; x: number; d: number }> = [];
  for (const user of data.users) {
    if (!include(user)) continue;
    const matching = (eventsByUser.get(user.id) ?? []).filter(
      (e) => e.eventKey === metric.eventKey && e.ts >= user.firstSeen && e.ts < to && (metric.match?.(e, user) ?? true),
    );
    const x =
      metric.kind === "conversion" ? Math.min(1, matching.length) : metric.kind === "count" ? matching.length : matching.reduce((s, e) => s + (e.value ?? 0), 0);
    rows.push({ user, x, d: matching.length });
  }
  return rows;
}

function truthSums(metric: TruthMetric, include?: (u: GenUser) => boolean, to?: number) {
  const rows = perUser(metric, include, to);
  const cap = metric.cap === undefined ? Infinity : percentileCont(rows.filter((r) => r.d > 0).map((r) => r.x), metric.cap);
  const out: Record<string, MetricSums & { users: number }> = {};
  for (const { user, x: raw, d } of rows) {
    const x = Math.min(raw, cap);
    const s = (out[user.variation] ??= { users: 0, sum: 0, sumSquares: 0, denominatorSum: 0, denominatorSumSquares: 0, crossProductSum: 0 });
    s.users += 1;
    s.sum += x;
    s.sumSquares += x * x;
    s.denominatorSum += d;
    s.denominatorSumSquares += d * d;
    s.crossProductSum += x * d;
  }
  return { sums: out, cap };
}

const TRUTH: TruthMetric[] = [
  { kind: "conversion", eventKey: "purchase" },
  { kind: "value", eventKey: "purchase" },
  { kind: "conversion", eventKey: "purchase", match: (e) => e.metadata?.plan === "pro" },
  { kind: "value", eventKey: "purchase", cap: 0.9 },
  { kind: "ratio", eventKey: "purchase" },
  { kind: "conversion", eventKey: "purchase", match: (e, u) => e.ts < u.firstSeen + 24 * HOUR },
  {
    kind: "conversion",
    eventKey: "purchase",
    match: (e) => ["pro", "team"].includes(e.metadata?.plan as string) && (e.metadata?.items as number) >= 3,
  },
  { kind: "count", eventKey: "purchase", match: (e) => e.metadata?.plan !== "free" && String(e.metadata?.coupon).includes("SAVE") },
  { kind: "count", eventKey: "page_view" },
];

const METRICS: Array<{ name: string; kind: TruthMetric["kind"]; eventKey: string; role: "primary" | "secondary" | "guardrail"; filters?: MetricFilter[]; windowHours?: number; winsorizePercentile?: number; direction?: "higher" | "lower" }> = [
  { name: "Purchase", kind: "conversion", eventKey: "purchase", role: "primary" },
  { name: "Revenue", kind: "value", eventKey: "purchase", role: "secondary" },
  { name: "Pro purchase", kind: "conversion", eventKey: "purchase", role: "secondary", filters: [{ property: "plan", operator: "equals", value: "pro" }] },
  { name: "Revenue capped", kind: "value", eventKey: "purchase", role: "secondary", winsorizePercentile: 0.9 },
  { name: "Revenue per order", kind: "ratio", eventKey: "purchase", role: "secondary" },
  { name: "Purchase in 24h", kind: "conversion", eventKey: "purchase", role: "secondary", windowHours: 24 },
  {
    name: "Big paid order",
    kind: "conversion",
    eventKey: "purchase",
    role: "secondary",
    filters: [
      { property: "plan", operator: "in", value: ["pro", "team"] },
      { property: "items", operator: "greater_than_or_equals", value: 3 },
    ],
  },
  {
    name: "Paid coupon orders",
    kind: "count",
    eventKey: "purchase",
    role: "secondary",
    filters: [
      { property: "plan", operator: "not_equals", value: "free" },
      { property: "coupon", operator: "contains", value: "SAVE" },
    ],
  },
  // Last: results list metrics primary, secondary, then guardrails.
  { name: "Page views", kind: "count", eventKey: "page_view", role: "guardrail" },
];

// --- database fixtures ---------------------------------------------------------------------------

async function insertAssignments(db: Database, environmentId: string, flagKey: string, rows: Assignment[]) {
  await db.sql.query(
    `insert into "Assignment" ("environmentId", "flagKey", "userId", "variationKey", "ruleKey", "firstSeenAt", "lastSeenAt")
     select $1, $2, u, v, r, t, t from unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[]) as x(u, v, r, t)`,
    [environmentId, flagKey, rows.map((r) => r.userId), rows.map((r) => r.variation), rows.map((r) => r.ruleKey), rows.map((r) => new Date(r.firstSeen).toISOString())],
  );
}

async function insertEvents(db: Database, projectId: string, environmentId: string, rows: GenEvent[]) {
  await db.sql.query(
    `insert into "Event" ("projectId", "environmentId", "userId", "eventKey", "timestamp", "receivedAt", value, metadata, attributes)
     select $1, $2, u, k, t, t, v, m::jsonb, a::jsonb
     from unnest($3::text[], $4::text[], $5::timestamptz[], $6::float8[], $7::text[], $8::text[]) as x(u, k, t, v, m, a)`,
    [
      projectId,
      environmentId,
      rows.map((r) => r.userId),
      rows.map((r) => r.eventKey),
      rows.map((r) => new Date(r.ts).toISOString()),
      rows.map((r) => r.value),
      rows.map((r) => (r.metadata ? JSON.stringify(r.metadata) : null)),
      rows.map((r) => (r.attributes ? JSON.stringify(r.attributes) : null)),
    ],
  );
}

async function createExperiment(
  db: Database,
  input: { projectId: string; environmentId: string; flagKey: string; ruleKey: string; weights: Record<string, number>; metricIds: Array<{ id: string; role: "primary" | "secondary" | "guardrail" }> },
) {
  const flag = await db.prisma.flag.create({
    data: {
      projectId: input.projectId,
      key: input.flagKey,
      salt: input.flagKey,
      variations: { create: [{ key: "control", position: 0 }, { key: "treatment", position: 1 }] },
    },
  });
  return db.prisma.rule.create({
    data: {
      flagId: flag.id,
      environmentId: input.environmentId,
      key: input.ruleKey,
      name: input.ruleKey,
      type: "ab_test",
      status: "running",
      weights: input.weights,
      metrics: { create: input.metricIds.map((m, position) => ({ metricId: m.id, role: m.role, position })) },
    },
  });
}

const closeTo = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));

function totalsOf(aggregation: Aggregation, metric: number) {
  const out: Record<string, MetricSums & { users: number }> = {};
  for (const b of aggregation.buckets) {
    const s = (out[b.variation] ??= { users: 0, sum: 0, sumSquares: 0, denominatorSum: 0, denominatorSumSquares: 0, crossProductSum: 0 });
    s.users += b.users;
    const m = b.metrics[metric]!;
    s.sum += m.sum;
    s.sumSquares += m.sumSquares;
    s.denominatorSum += m.denominatorSum;
    s.denominatorSumSquares += m.denominatorSumSquares;
    s.crossProductSum += m.crossProductSum;
  }
  return out;
}

const settings = (overrides: Partial<ResultSettings> = {}): ResultSettings => ({ ...DEFAULT_SETTINGS, ...overrides });

describeOnDatabases("experiment results", (db) => {
  let ruleId = "";
  let skewedRuleId = "";
  let projectId = "";
  let environmentId = "";
  let results: ExperimentResults;

  beforeAll(async () => {
    const project = await createProject(db(), { organizationId: "acme", projectId: "shop", name: "Shop" });
    projectId = project.id;
    const [development, production] = [...project.environments].sort((a, b) => (a.key < b.key ? -1 : 1));
    environmentId = development!.id;
    const metrics = [];
    for (const m of METRICS) {
      metrics.push(
        await db().prisma.metric.create({
          data: {
            projectId,
            name: m.name,
            kind: m.kind,
            eventKey: m.eventKey,
            filters: (m.filters ?? []) as object[],
            windowHours: m.windowHours ?? null,
            winsorizePercentile: m.winsorizePercentile ?? null,
            direction: m.direction ?? "higher",
          },
        }),
      );
    }
    const rule = await createExperiment(db(), {
      projectId,
      environmentId,
      flagKey: "checkout",
      ruleKey: "checkout-test",
      weights: { control: 50, treatment: 50 },
      metricIds: metrics.map((m, i) => ({ id: m.id, role: METRICS[i]!.role })),
    });
    ruleId = rule.id;
    await insertAssignments(db(), environmentId, "checkout", data.assignments);
    await insertEvents(db(), projectId, environmentId, data.events);
    // The same users' purchases in production: another environment, never counted.
    await insertEvents(db(), projectId, production!.id, data.events.filter((e) => e.eventKey === "purchase").slice(0, 500));

    // 1,000 vs 1,200 users under configured 50/50 weights: a sample ratio mismatch.
    const skewed = await createExperiment(db(), {
      projectId,
      environmentId,
      flagKey: "banner",
      ruleKey: "banner-test",
      weights: { control: 1, treatment: 1 },
      metricIds: [{ id: metrics[0]!.id, role: "primary" }],
    });
    skewedRuleId = skewed.id;
    await insertAssignments(
      db(),
      environmentId,
      "banner",
      Array.from({ length: 2200 }, (_, i) => ({ userId: `b${i}`, variation: i < 1000 ? "control" : "treatment", ruleKey: "banner-test", firstSeen: DAY0 })),
    );
    // A flag with exposures but no experiment rule.
    await insertAssignments(db(), environmentId, "ghost", [
      { userId: "g1", variation: "a", ruleKey: null, firstSeen: DAY0 },
      { userId: "g2", variation: "b", ruleKey: null, firstSeen: DAY0 + HOUR },
    ]);
    await db().prisma.ingestDrop.create({ data: { environmentId, day: new Date(DAY0), bots: 7 } });
    results = (await getExperimentResults(db(), ruleId, settings(), { ttlMinutes: 0 }))!;
  });

  it("aggregates exact per-variation sums for every metric kind, filter, window and cap", async () => {
    const definition = (await loadExperimentDefinition(db(), ruleId))!;
    const aggregation = await aggregateExperiment(db().sql, settingsScope(definition, settings()), definition.metrics, { by: "day" });
    TRUTH.forEach((metric, m) => {
      const { sums: expected, cap } = truthSums(metric);
      const actual = totalsOf(aggregation, m);
      for (const variation of ["control", "treatment"]) {
        const a = actual[variation]!;
        const e = expected[variation]!;
        expect(a.users).toBe(e.users);
        closeTo(a.sum, e.sum);
        closeTo(a.sumSquares, e.sumSquares);
        closeTo(a.denominatorSum, e.denominatorSum);
        closeTo(a.denominatorSumSquares, e.denominatorSumSquares);
        closeTo(a.crossProductSum, e.crossProductSum);
      }
      if (metric.cap !== undefined) closeTo(aggregation.caps[m]!, cap);
    });
    // Sanity of the fixture itself: filters and the window really remove events.
    const all = truthSums(TRUTH[0]!).sums.control!.sum;
    expect(truthSums(TRUTH[2]!).sums.control!.sum).toBeLessThan(all);
    expect(truthSums(TRUTH[5]!).sums.control!.sum).toBeLessThan(all);
    expect(truthSums(TRUTH[3]!).cap).toBeLessThan(1000);
  });

  it("excludes users of several variations, other rules and unknown variations, and counts the first", () => {
    expect(results.health.exposedUsers).toBe(USERS);
    expect(results.health.multipleExposureUsers).toBe(50);
    expect(results.health.botsDropped).toBe(7);
    expect(results.health.noEvents).toBe(false);
    expect(results.health.srm).toMatchObject({ warning: false, observed: { control: USERS / 2, treatment: USERS / 2 } });
  });

  it("reports values, the planted lift with a CI containing it, and a win", () => {
    const purchase = results.metrics[0]!;
    const expected = truthSums(TRUTH[0]!).sums;
    expect(purchase.variations.map((v) => [v.key, v.users, v.total])).toEqual([
      ["control", expected.control!.users, expected.control!.sum],
      ["treatment", expected.treatment!.users, expected.treatment!.sum],
    ]);
    closeTo(purchase.variations[0]!.value!, expected.control!.sum / expected.control!.users);
    const lift = purchase.comparisons[0]!;
    expect(lift.key).toBe("treatment");
    closeTo(lift.estimate!, expected.treatment!.sum / expected.treatment!.users / (expected.control!.sum / expected.control!.users) - 1);
    expect(lift.ci[0]!).toBeLessThan(0.2);
    expect(lift.ci[1]!).toBeGreaterThan(0.2);
    expect(lift.pValue!).toBeLessThan(0.01);
    expect(lift.verdict).toBe("win");
    expect(purchase.usersNeededPerVariation).toBeGreaterThan(10_000);
    const ratio = results.metrics[4]!;
    const r = truthSums(TRUTH[4]!).sums.control!;
    expect(ratio.variations[0]!.denominator).toBe(r.denominatorSum);
    closeTo(ratio.variations[0]!.value!, r.sum / r.denominatorSum);
    expect(results.metrics[8]!.guardrailViolated).toBe(false);
  });

  it("builds a daily cumulative series that ends at the totals", () => {
    const points = results.series[0]!.points;
    expect(points.map((p) => p.date).slice(0, 2)).toEqual(["2025-01-01", "2025-01-02"]);
    const firstDayUsers = data.users.filter((u) => u.firstSeen < DAY0 + DAY && u.variation === "control").length;
    expect(points[0]!.variations[0]!.users).toBe(firstDayUsers);
    const last = points[points.length - 1]!;
    expect(last.variations.map((v) => v.total)).toEqual(results.metrics[0]!.variations.map((v) => v.total));
    closeTo(last.lifts[0]!.estimate!, results.metrics[0]!.comparisons[0]!.estimate!);
    for (let i = 1; i < points.length; i++) expect(points[i]!.variations[1]!.total).toBeGreaterThanOrEqual(points[i - 1]!.variations[1]!.total);
    // Cumulative revenue at the end of day 3 equals the truth restricted to events before then.
    const day3 = results.series[1]!.points.find((p) => p.date === "2025-01-03")!;
    const end = DAY0 + 3 * DAY;
    const expected = truthSums(TRUTH[1]!, (u) => u.firstSeen < end, end).sums;
    closeTo(day3.variations[1]!.total, expected.treatment!.sum);
    expect(day3.variations[1]!.users).toBe(expected.treatment!.users);
  });

  it("restricts exposures and events to the date range", async () => {
    const ranged = await computeExperimentResults(db(), (await loadExperimentDefinition(db(), ruleId))!, settings({ from: "2025-01-02", to: "2025-01-04" }), 0);
    const from = DAY0 + DAY;
    const to = DAY0 + 4 * DAY;
    const include = (u: GenUser) => u.firstSeen >= from && u.firstSeen < to;
    const expected = truthSums(TRUTH[1]!, include, to).sums;
    expect(ranged.metrics[1]!.variations[0]!.users).toBe(expected.control!.users);
    closeTo(ranged.metrics[1]!.variations[0]!.total, expected.control!.sum);
    expect(ranged.series[0]!.points.map((p) => p.date)).toEqual(["2025-01-02", "2025-01-03", "2025-01-04"]);
  });

  it("breaks results down by an exposure attribute: top 10 values plus (other)", async () => {
    const definition = (await loadExperimentDefinition(db(), ruleId))!;
    const broken = await computeExperimentResults(db(), definition, settings({ breakdown: { source: "attribute", key: "country" } }), 0);
    const counts = new Map<string, number>();
    for (const u of data.users) counts.set(u.country, (counts.get(u.country) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const top = ranked.slice(0, 10).map(([c]) => c);
    const segments = broken.breakdown!.segments;
    expect(segments.map((s) => s.value)).toEqual([...top, "(other)"]);
    expect(segments[10]!.users).toBe(ranked.slice(10).reduce((s, [, n]) => s + n, 0));
    const de = segments.find((s) => s.value === "DE")!;
    const expected = truthSums(TRUTH[0]!, (u) => u.country === "DE").sums;
    expect(de.metrics[0]!.variations.map((v) => [v.users, v.total])).toEqual([
      [expected.control!.users, expected.control!.sum],
      [expected.treatment!.users, expected.treatment!.sum],
    ]);
    const bySource = await computeExperimentResults(db(), definition, settings({ breakdown: { source: "metadata", key: "source" } }), 0);
    expect(Object.fromEntries(bySource.breakdown!.segments.map((s) => [s.value, s.users]))).toEqual({
      web: data.users.filter((u) => u.source === "web").length,
      ios: data.users.filter((u) => u.source === "ios").length,
    });
  });

  it("flags a skewed split as a sample ratio mismatch, and not once the weights match it", async () => {
    const skewed = (await getExperimentResults(db(), skewedRuleId, settings(), { ttlMinutes: 0 }))!;
    expect(skewed.health.srm).toMatchObject({ warning: true, observed: { control: 1000, treatment: 1200 }, expected: { control: 1100, treatment: 1100 } });
    expect(skewed.health.srm!.pValue).toBeLessThan(0.001);
    expect(skewed.health.noEvents).toBe(true);
    await db().prisma.rule.update({ where: { id: skewedRuleId }, data: { weights: { control: 10, treatment: 12 } } });
    const matched = (await getExperimentResults(db(), skewedRuleId, settings(), { ttlMinutes: 0 }))!;
    expect(matched.cached).toBe(false);
    expect(matched.health.srm!.warning).toBe(false);
  });

  it("applies engines and corrections across metrics × treatments", async () => {
    const definition = (await loadExperimentDefinition(db(), ruleId))!;
    const holm = await computeExperimentResults(db(), definition, settings({ correction: "holm" }), 0);
    const ps = results.metrics.map((m) => m.comparisons[0]!.pValue!);
    const smallest = Math.min(...ps);
    const adjusted = holm.metrics.map((m) => m.comparisons[0]!.adjustedPValue!);
    expect(Math.min(...adjusted)).toBeCloseTo(Math.min(1, smallest * ps.length), 12);
    adjusted.forEach((p, i) => expect(p).toBeGreaterThanOrEqual(ps[i]!));
    const bayes = await computeExperimentResults(db(), definition, settings({ engine: "bayesian" }), 0);
    const c = bayes.metrics[0]!.comparisons[0]!;
    expect(c.chanceToWin!).toBeGreaterThan(0.99);
    expect(c.pValue).toBeNull();
    expect(c.verdict).toBe("win");
    const sequential = await computeExperimentResults(db(), definition, settings({ engine: "sequential" }), 0);
    const s = sequential.metrics[0]!.comparisons[0]!;
    expect(s.ci[1]! - s.ci[0]!).toBeGreaterThan(results.metrics[0]!.comparisons[0]!.ci[1]! - results.metrics[0]!.comparisons[0]!.ci[0]!);
  });

  it("serves the snapshot until new data arrives (after the TTL) or a refresh is forced", async () => {
    const first = (await getExperimentResults(db(), ruleId, settings(), { ttlMinutes: 0 }))!;
    expect(first.cached).toBe(true);
    expect(first.computedAt).toBe(results.computedAt);
    await insertEvents(db(), projectId, environmentId, [
      { userId: "u1", eventKey: "purchase", ts: data.users[1]!.firstSeen + HOUR, value: 1, metadata: { plan: "free" }, attributes: null },
    ]);
    const young = (await getExperimentResults(db(), ruleId, settings(), { ttlMinutes: 5 }))!;
    expect(young.cached).toBe(true);
    expect(young.watermark).toBe(results.watermark);
    const fresh = (await getExperimentResults(db(), ruleId, settings(), { ttlMinutes: 0 }))!;
    expect(fresh.cached).toBe(false);
    expect(fresh.watermark).toBeGreaterThan(results.watermark);
    expect(fresh.metrics[8]!.variations[1]!.total).toBe(results.metrics[8]!.variations[1]!.total);
    expect(fresh.metrics[4]!.variations[1]!.denominator).toBe(results.metrics[4]!.variations[1]!.denominator! + 1);
    const again = (await getExperimentResults(db(), ruleId, settings(), { ttlMinutes: 60 }))!;
    expect(again.cached).toBe(true);
    const forced = (await getExperimentResults(db(), ruleId, settings(), { ttlMinutes: 60, refresh: true }))!;
    expect(forced.cached).toBe(false);
    expect(await getExperimentResults(db(), "no-such-rule", settings())).toBeNull();
  });

  it("keeps running experiments' default snapshots current in the background, recomputing only when data moved", async () => {
    const rules = await db().prisma.rule.findMany({ where: { status: "running", environmentId }, select: { id: true } });
    const running = rules.length;
    expect(running).toBeGreaterThan(0);
    await refreshRunningExperiments(db(), { ttlMinutes: 0 });
    for (const rule of rules) {
      expect((await getExperimentResults(db(), rule.id, DEFAULT_SETTINGS, { ttlMinutes: 0 }))!.cached).toBe(true);
    }
    expect(await refreshRunningExperiments(db(), { ttlMinutes: 0 })).toBe(0);
    await insertEvents(db(), projectId, environmentId, [
      { userId: "u2", eventKey: "purchase", ts: data.users[2]!.firstSeen + HOUR, value: 3, metadata: { plan: "pro" }, attributes: null },
    ]);
    expect(await refreshRunningExperiments(db(), { ttlMinutes: 60 })).toBe(0);
    expect(await refreshRunningExperiments(db(), { ttlMinutes: 0 })).toBe(running);
  });

  it("lists experiments and discovers flags seen only in exposures", async () => {
    const list = await listExperiments(db(), { projectId });
    expect(list.map((e) => e.flagKey).sort()).toEqual(["banner", "checkout"]);
    const discovered = await discoverExperiments(db(), { projectId });
    expect(discovered).toEqual([
      expect.objectContaining({ flagKey: "ghost", users: 2, variations: ["a", "b"], environment: "development" }),
    ]);
  });
});
