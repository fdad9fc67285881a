// POST /v1/flag-events on the built app under autocannon (batches of 100: 90% events, 10% exposures,
// 20 connections), on PostgreSQL and on PGlite, against a floor: the same rows written by this one
// process with plain multi-row INSERTs into the same database, once the app has stopped.
import { performance } from "node:perf_hooks";
import type { DatabaseConfig } from "@/lib/db/config";
import { openDatabase } from "@/lib/db/connect";
import type { Database } from "@/lib/db";
import { median, type BenchReport, type Measurement } from "./harness";
import { staleBuildWarning, startApp, tempDir } from "./helpers/app";
import { eventSource, type GeneratedEvent } from "./helpers/events";
import { postLoad, type AutocannonResult } from "./helpers/load";
import { createBenchDatabase } from "./helpers/postgres";
import { prepareProject, type BenchProject } from "./helpers/project";
import { benchSeconds, describeLoad, sampleLoad } from "./helpers/system";

const BATCH = 100;
const CONNECTIONS = 20;
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 3));
/** The app's default pool (SIGNAKIT_DB_POOL_SIZE): the floor gets the same number of connections. */
const POOL_SIZE = 10;

interface LoadRun {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

function summarize(result: AutocannonResult): LoadRun {
  const ok = result["2xx"];
  return {
    eventsPerSecond: (ok * BATCH) / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/** Floor: one process, `workers` concurrent writers, each batch two multi-row INSERTs in a transaction. */
async function floorRun(db: Database, project: BenchProject, seconds: number, workers: number): Promise<number> {
  const source = eventSource(BATCH);
  const eventColumns = `"clientId", "projectId", "environmentId", "userId", "eventKey", "timestamp", "receivedAt", "value", "metadata", "attributes", "decisions"`;
  const insertBatch = async (events: GeneratedEvent[]) => {
    const receivedAt = new Date().toISOString();
    const params: unknown[] = [];
    const values = events.map((e) => {
      const i = params.length;
      params.push(e.id, project.projectId, project.environmentId, e.userId, e.eventKey, new Date(e.timestamp).toISOString(), receivedAt, e.value, e.metadata, e.attributes, e.decisions);
      return `($${i + 1}, $${i + 2}, $${i + 3}, $${i + 4}, $${i + 5}, $${i + 6}, $${i + 7}, $${i + 8}, $${i + 9}, $${i + 10}, $${i + 11})`;
    });
    const exposures = events.filter((e) => e.exposure);
    const aParams: unknown[] = [];
    const aValues = exposures.map((e) => {
      const i = aParams.length;
      const at = new Date(e.timestamp).toISOString();
      aParams.push(project.environmentId, e.exposure!.flagKey, e.userId, e.exposure!.variationKey, e.exposure!.ruleKey, at, at);
      return `($${i + 1}, $${i + 2}, $${i + 3}, $${i + 4}, $${i + 5}, $${i + 6}, $${i + 7})`;
    });
    await db.sql.transaction(async (tx) => {
      await tx.query(`insert into "Event" (${eventColumns}) values ${values.join(", ")}`, params);
      if (aValues.length) {
        await tx.query(
          `insert into "Assignment" ("environmentId", "flagKey", "userId", "variationKey", "ruleKey", "firstSeenAt", "lastSeenAt") values ${aValues.join(", ")}`,
          aParams,
        );
      }
    });
  };
  let written = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) {
        await insertBatch(source.batch());
        written += BATCH;
      }
    }),
  );
  return written / ((performance.now() - start) / 1000);
}

async function measure(kind: DatabaseConfig["kind"], seconds: number) {
  const data = tempDir(`ingest-${kind}`);
  const pgDb = kind === "postgres" ? await createBenchDatabase("ingest") : null;
  const config: DatabaseConfig = pgDb
    ? { kind: "postgres", url: pgDb.url, poolSize: POOL_SIZE }
    : { kind: "pglite", dataDir: `${data.dir}/pglite` };
  try {
    const project = await prepareProject(config);
    const app = await startApp({ dataDir: data.dir, databaseUrl: pgDb?.url });
    const runs: LoadRun[] = [];
    let acknowledged = 0;
    try {
      const source = eventSource(BATCH);
      const load = (duration: number) =>
        postLoad({ url: app.url, path: "/v1/flag-events", headers: { "x-sdk-key": project.sdkKey }, body: () => source.body(), connections: CONNECTIONS, seconds: duration });
      const warm = summarize(await load(Math.min(5, seconds)));
      acknowledged += warm.ok * BATCH;
      if (warm.ok === 0) throw new Error(`no batch was accepted during warm-up:\n${app.output().slice(-2000)}`);
      for (let i = 0; i < RUNS; i++) {
        const r = summarize(await load(seconds));
        acknowledged += r.ok * BATCH;
        runs.push(r);
        console.log(`  ingest ${kind} run ${i + 1}: ${r.eventsPerSecond.toFixed(0)} events/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.failed} failed`);
      }
    } finally {
      await app.stop();
    }
    // The app is gone (PGlite's folder is free again): check what it stored, then time the floor.
    const db = await openDatabase(config);
    try {
      const [row] = await db.sql.query<{ events: number; assignments: number }>(
        `select (select count(*) from "Event")::int as events, (select count(*) from "Assignment")::int as assignments`,
      );
      const floors: number[] = [];
      const floorSeconds = Math.max(3, Math.min(seconds, 10));
      for (let i = 0; i < RUNS; i++) floors.push(await floorRun(db, project, floorSeconds, kind === "postgres" ? POOL_SIZE : 1));
      console.log(`  ingest ${kind} floor runs: ${floors.map((f) => f.toFixed(0)).join(", ")} events/s`);
      return {
        eventsPerSecond: median(runs.map((r) => r.eventsPerSecond)),
        p50: median(runs.map((r) => r.p50)),
        p99: median(runs.map((r) => r.p99)),
        failed: runs.reduce((sum, r) => sum + r.failed, 0),
        floor: median(floors),
        floorSeconds,
        stored: row ?? { events: 0, assignments: 0 },
        acknowledged,
      };
    } finally {
      await db.close();
    }
  } finally {
    await pgDb?.drop();
    data.remove();
  }
}

export async function run(): Promise<BenchReport> {
  const seconds = benchSeconds(30);
  // BENCH_INGEST_DB=postgres|pglite measures one database only.
  const only = process.env.BENCH_INGEST_DB;
  const stale = staleBuildWarning();
  if (stale) console.warn(`  warning: ${stale}`);
  const load = sampleLoad();
  const postgres = only === "pglite" ? null : await measure("postgres", seconds);
  const pglite = only === "postgres" ? null : await measure("pglite", seconds);
  const loadAvg = load.stop();

  const measurements: Measurement[] = [];
  const notes: string[] = stale ? [stale] : [];
  for (const [name, r, target] of [
    ["PostgreSQL", postgres, 30_000],
    ["PGlite", pglite, 10_000],
  ] as const) {
    if (!r) continue;
    const floor = { label: `raw multi-row INSERTs, 1 process${name === "PostgreSQL" ? `, ${POOL_SIZE} connections` : ""}`, value: r.floor };
    measurements.push({ label: `${name}: ingest throughput`, value: r.eventsPerSecond, unit: "events/s", floor, target: { op: ">=", value: target } });
    if (name === "PostgreSQL") {
      measurements.push({ label: `${name}: ingest throughput vs floor`, value: r.eventsPerSecond, unit: "events/s", floor, target: { op: ">=", value: 0.5, of: "floor" } });
    }
    measurements.push({ label: `${name}: latency p50`, value: r.p50, unit: "ms" });
    measurements.push({ label: `${name}: latency p99`, value: r.p99, unit: "ms", ...(name === "PostgreSQL" ? { target: { op: "<=" as const, value: 100 } } : {}) });
    notes.push(
      `${name}: ${r.failed} failed requests; ${r.acknowledged} events acknowledged, ${r.stored.events} Event rows and ${r.stored.assignments} Assignment rows stored (in-flight batches at the end of a run are stored but not counted)`,
    );
  }
  notes.push(`median of ${RUNS} runs of ${seconds} s (BENCH_SECONDS) after a warm-up, ${CONNECTIONS} connections, ${BATCH} events per batch; floor: median of ${RUNS} runs of ${(postgres ?? pglite)?.floorSeconds} s`);
  notes.push(describeLoad(loadAvg));
  return { name: "ingest", measurements, notes };
}
