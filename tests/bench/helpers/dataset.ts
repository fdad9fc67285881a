// The results dataset: an experiment with 3 variations and 3 metrics, its users' assignments and
// events generated inside the database with generate_series (no rows travel through Node).
// At scale 1: 1,000,000 exposed users and 10,000,000 events (1 exposure per user, 9 others spread
// over 5 event keys, with values), over 14 days. The results and page benchmarks share the
// PostgreSQL copy when both run in one process; the last one to use it drops it.
import { performance } from "node:perf_hooks";
import type { Database } from "@/lib/db";
import type { DatabaseConfig } from "@/lib/db/config";
import { openDatabase } from "@/lib/db/connect";
import { applyMigrations } from "@/lib/db/migrate";
import { createProject } from "@/lib/setup/projects";
import { tempDir } from "./app";
import { createBenchDatabase } from "./postgres";

export const FLAG_KEY = "checkout";
export const RULE_KEY = "checkout-test";
export const VARIATIONS = ["control", "treatment_a", "treatment_b"] as const;
export const DAY0 = "2025-03-01T00:00:00Z";
const DAYS = 14;

/** BENCH_SCALE (default 1): multiplies the 1,000,000 users and 10,000,000 events. */
export function benchScale(): number {
  const value = Number(process.env.BENCH_SCALE ?? 1);
  return Number.isFinite(value) && value > 0 ? value : 1;
}

export interface Dataset {
  kind: DatabaseConfig["kind"];
  config: DatabaseConfig;
  /** PostgreSQL URL, for starting the app against it. */
  url: string | null;
  db: Database;
  ruleId: string;
  projectId: string;
  environmentId: string;
  metricEventKeys: string[];
  users: number;
  events: number;
  generateSeconds: number;
  /** Closes the connection and removes the database. */
  destroy(): Promise<void>;
}

const METRICS = [
  { name: "Purchase conversion", kind: "conversion", eventKey: "purchase", role: "primary" },
  { name: "Revenue per user", kind: "value", eventKey: "purchase", role: "secondary" },
  { name: "Page views per user", kind: "count", eventKey: "page_view", role: "guardrail" },
] as const;

async function createExperiment(db: Database, projectId: string, environmentId: string): Promise<string> {
  const metrics = [];
  for (const m of METRICS) {
    metrics.push(await db.prisma.metric.create({ data: { projectId, name: m.name, kind: m.kind, eventKey: m.eventKey } }));
  }
  const flag = await db.prisma.flag.create({
    data: {
      projectId,
      key: FLAG_KEY,
      name: "Checkout redesign",
      salt: FLAG_KEY,
      variations: { create: VARIATIONS.map((key, position) => ({ key, position })) },
    },
  });
  const rule = await db.prisma.rule.create({
    data: {
      flagId: flag.id,
      environmentId,
      key: RULE_KEY,
      name: "Checkout redesign test",
      type: "ab_test",
      status: "running",
      startedAt: new Date(DAY0),
      weights: Object.fromEntries(VARIATIONS.map((v) => [v, 1])),
      metrics: { create: metrics.map((m, position) => ({ metricId: m.id, role: METRICS[position]!.role, position })) },
    },
  });
  return rule.id;
}

// Deterministic per-user facts, so the events statement can recompute what the assignments got.
const h = (expr: string, salt: number) => `(hashint4((${expr})::int + ${salt})::bigint & 2147483647)`;
const variationOf = (i: string) => `${h(i, 0)} % 3`;
const firstSeenOf = (i: string) =>
  `(timestamptz '${DAY0}' + ((${i}) % ${DAYS}) * interval '1 day' + (${h(i, 7)} % 86400000) * interval '1 millisecond')`;

/**
 * Fills "Assignment" and "Event". Secondary indexes of "Event" are dropped during the load and
 * rebuilt after it (as a bulk import would), then both tables are vacuumed and analyzed.
 */
async function generate(db: Database, environmentId: string, projectId: string, users: number, events: number, log: (s: string) => void) {
  const q = (text: string, params: unknown[] = []) => db.sql.query(text, params);
  const variations = `array['${VARIATIONS.join("','")}']`;
  await q(
    `insert into "Assignment" ("environmentId", "flagKey", "userId", "variationKey", "ruleKey", "firstSeenAt", "lastSeenAt")
     select $1, '${FLAG_KEY}', 'u' || i, (${variations})[1 + ${variationOf("i")}], '${RULE_KEY}', t.first_seen, t.first_seen + interval '3 days'
       from generate_series(1, $2::int) i, lateral (select ${firstSeenOf("i")} as first_seen) t
     union all
     -- one user in a thousand also saw a second variation (excluded from results, counted in health)
     select $1, '${FLAG_KEY}', 'u' || i, (${variations})[1 + (${variationOf("i")} + 1) % 3], '${RULE_KEY}', t.first_seen + interval '1 hour', t.first_seen + interval '1 hour'
       from generate_series(1000, $2::int, 1000) i, lateral (select ${firstSeenOf("i")} as first_seen) t`,
    [environmentId, users],
  );
  const indexes = await db.sql.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes where tablename = 'Event' and indexname <> 'Event_pkey'`,
  );
  for (const index of indexes) await q(`drop index "${index.indexname}"`);
  // Every 10th event is the exposure of user j/10; the others go to a random user: 50% page_view,
  // 20% add_to_cart, 12% checkout_started, 8% signup, 10% purchase (+1 point per treatment),
  // from a day before to a week after that user's first exposure.
  const chunk = 1_000_000;
  for (let start = 1; start <= events; start += chunk) {
    const end = Math.min(events, start + chunk - 1);
    const began = performance.now();
    await q(
      `insert into "Event" ("projectId", "environmentId", "userId", "eventKey", "timestamp", "receivedAt", "value", "metadata", "attributes")
       select $1, $2, 'u' || u.i,
              case when j % 10 = 0 then '$exposure' else k.key end,
              case when j % 10 = 0 then u.first_seen else u.first_seen + (r.r2 * 8 - 1) * interval '1 day' end,
              u.first_seen + interval '1 second',
              case when j % 10 <> 0 and k.key = 'purchase' then round((5 + r.r3 * 95 * (1 + 0.03 * u.v))::numeric, 2)::float8 end,
              case when j % 10 = 0 then jsonb_build_object('flagKey', '${FLAG_KEY}', 'variationKey', (${variations})[1 + u.v], 'ruleKey', '${RULE_KEY}')
                   when k.key = 'purchase' then jsonb_build_object('plan', case when r.r3 < 0.4 then 'pro' else 'free' end) end,
              case when j % 10 = 0 then jsonb_build_object('country', (array['US','DE','FR','GB','BR'])[1 + (u.i % 5)], 'device', case when u.i % 3 = 0 then 'mobile' else 'desktop' end) end
         from generate_series($3::int, $4::int) j,
              lateral (select ${h("j", 101)}::float8 / 2147483648 as r1, ${h("j", 202)}::float8 / 2147483648 as r2, ${h("j", 303)}::float8 / 2147483648 as r3) r,
              lateral (select case when j % 10 = 0 then j / 10 else 1 + (${h("j", 13)} % $5::int) end as i) ui,
              lateral (select ui.i, ${variationOf("ui.i")} as v, ${firstSeenOf("ui.i")} as first_seen) u,
              lateral (select case when r.r1 < 0.10 + 0.01 * u.v then 'purchase' when r.r1 < 0.60 then 'page_view' when r.r1 < 0.80 then 'add_to_cart'
                                   when r.r1 < 0.92 then 'checkout_started' else 'signup' end as key) k`,
      [projectId, environmentId, start, end, users],
    );
    log(`  events ${end.toLocaleString("en")} / ${events.toLocaleString("en")} (${((performance.now() - began) / 1000).toFixed(1)} s)`);
  }
  for (const index of indexes) {
    const began = performance.now();
    await db.sql.transaction(async (tx) => {
      if (db.kind === "postgres") await tx.query(`set local maintenance_work_mem = '512MB'`);
      await tx.query(index.indexdef);
    });
    log(`  index ${index.indexname} rebuilt (${((performance.now() - began) / 1000).toFixed(1)} s)`);
  }
  await q(`vacuum analyze "Event"`);
  await q(`vacuum analyze "Assignment"`);
}

/**
 * New data arriving after results were computed: `count` rows, a tenth of them exposures of new users
 * (with their assignment), the rest purchases and page views of existing users in the last days.
 */
export async function appendEvents(dataset: Dataset, count: number, tag: string) {
  const variations = `array['${VARIATIONS.join("','")}']`;
  const exposures = Math.ceil(count / 10);
  await dataset.db.sql.query(
    `with fresh as (
       select 'n${tag}_' || i as user_id, (${variations})[1 + i % 3] as variation,
              timestamptz '${DAY0}' + interval '13 days' + i * interval '1 second' as first_seen
       from generate_series(1, $3::int) i
     ),
     assigned as (
       insert into "Assignment" ("environmentId", "flagKey", "userId", "variationKey", "ruleKey", "firstSeenAt", "lastSeenAt")
       select $2, '${FLAG_KEY}', user_id, variation, '${RULE_KEY}', first_seen, first_seen from fresh
     )
     insert into "Event" ("projectId", "environmentId", "userId", "eventKey", "timestamp", "receivedAt", "value", "metadata")
     select $1, $2, user_id, '$exposure', first_seen, now(), null,
            jsonb_build_object('flagKey', '${FLAG_KEY}', 'variationKey', variation, 'ruleKey', '${RULE_KEY}')
     from fresh`,
    [dataset.projectId, dataset.environmentId, exposures],
  );
  await dataset.db.sql.query(
    `insert into "Event" ("projectId", "environmentId", "userId", "eventKey", "timestamp", "receivedAt", "value", "metadata")
     select $1, $2, 'u' || (1 + ${h("i", 17)} % $4::int), k.key, timestamptz '${DAY0}' + interval '13 days' + i * interval '1 second', now(),
            case when k.key = 'purchase' then 20 + i % 80 end, case when k.key = 'purchase' then '{"plan":"pro"}'::jsonb end
     from generate_series(1, $3::int) i, lateral (select case when i % 4 = 0 then 'purchase' else 'page_view' end as key) k`,
    [dataset.projectId, dataset.environmentId, count - exposures, dataset.users],
  );
}

async function create(kind: DatabaseConfig["kind"], scale: number): Promise<Dataset> {
  const users = Math.max(1000, Math.round(1_000_000 * scale));
  const events = users * 10;
  const pg = kind === "postgres" ? await createBenchDatabase("results") : null;
  const folder = kind === "pglite" ? tempDir("results") : null;
  const config: DatabaseConfig = pg ? { kind: "postgres", url: pg.url, poolSize: 10 } : { kind: "pglite", dataDir: `${folder!.dir}/pglite` };
  const log = (s: string) => console.log(`  [dataset ${kind}]${s}`);
  let db: Database | null = null;
  try {
    db = await openDatabase(config);
    await applyMigrations(db.adapterFactory);
    const project = await createProject(db, { organizationId: "bench", projectId: "bench", name: "Benchmark" });
    const environmentId = project.environments.find((e) => e.key === "development")!.id;
    const ruleId = await createExperiment(db, project.id, environmentId);
    log(` generating ${users.toLocaleString("en")} users and ${events.toLocaleString("en")} events (scale ${scale})`);
    const began = performance.now();
    await generate(db, environmentId, project.id, users, events, log);
    const generateSeconds = (performance.now() - began) / 1000;
    log(` generated in ${generateSeconds.toFixed(0)} s`);
    const opened = db;
    return {
      kind,
      config,
      url: pg?.url ?? null,
      db: opened,
      ruleId,
      projectId: project.id,
      environmentId,
      metricEventKeys: [...new Set(METRICS.map((m) => m.eventKey))],
      users,
      events,
      generateSeconds,
      async destroy() {
        await opened.close().catch(() => {});
        await pg?.drop();
        folder?.remove();
      },
    };
  } catch (error) {
    await db?.close().catch(() => {});
    await pg?.drop();
    folder?.remove();
    throw error;
  }
}

// --- sharing the PostgreSQL dataset between the results and page benchmarks -------------------

let shared: Promise<Dataset> | null = null;
let datasetUsers = new Set<string>(["results", "page"]);

/** Which of the benchmarks that use the shared dataset will run in this process (set by run.ts). */
export function planDatasetUsers(names: readonly string[]) {
  datasetUsers = new Set(names.filter((n) => n === "results" || n === "page"));
}

/** The PostgreSQL dataset at BENCH_SCALE, generated on first use. */
export function sharedPostgresDataset(): Promise<Dataset> {
  shared ??= create("postgres", benchScale());
  return shared;
}

/** Done with the shared dataset: the last planned user drops it. */
export async function releaseSharedDataset(name: string) {
  datasetUsers.delete(name);
  if (datasetUsers.size === 0 && shared) {
    const dataset = await shared.catch(() => null);
    shared = null;
    await dataset?.destroy();
  }
}

/** A private PGlite dataset (PGlite holds its folder exclusively). */
export function pgliteDataset(scale: number): Promise<Dataset> {
  return create("pglite", scale);
}
