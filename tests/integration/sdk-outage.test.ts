import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase, type Database } from "@/lib/db";
import { openDatabase } from "@/lib/db/connect";
import { createInstance } from "@/lib/sdk/node";
import { createRoutedPostgresDatabase, createTestDatabase, isPostgresReachable, postgresTarget } from "./helpers/databases";
import { createIngestProject } from "./helpers/ingest-fixtures";
import {
  clientIds,
  countEvents,
  memoryLogger,
  observingFetch,
  sleep,
  startSdkServer,
  waitFor,
} from "./helpers/sdk-server";
import { startTcpProxy, type TcpProxy } from "./helpers/tcp-proxy";

const OUTAGE_MS = 5_000;

interface Setup {
  db: Database;
  serverUrl: string;
  sdkKey: string;
  environmentId: string;
  /** Makes the database unreachable for the ingest route. */
  cut(): Promise<void>;
  restore(): Promise<void>;
}

/**
 * Events tracked before, during and after a 5 s database outage. The ingest route answers 503
 * with Retry-After while the database is gone; every event must still arrive exactly once.
 */
async function survivesOutage(setup: Setup) {
  const wire = observingFetch();
  const logger = memoryLogger();
  const client = createInstance({
    sdkKey: setup.sdkKey,
    baseUrl: setup.serverUrl,
    pollingInterval: 0,
    flushAt: 10,
    flushInterval: 100,
    maxRetries: 8,
    fetch: wire.fetch,
    logger,
  });
  try {
    expect(await client.onReady()).toEqual({ success: true });
    const users = Array.from({ length: 4 }, (_, i) => client.createUserContext(`outage-${i}`)!);
    let seq = 0;
    const track = (n: number) => {
      for (let i = 0; i < n; i++, seq++) users[seq % users.length]!.trackEvent("outage", { value: seq, metadata: { seq } });
    };

    track(100);
    await client.flush();
    expect(await countEvents(setup.db, setup.environmentId, `"eventKey" = 'outage'`)).toEqual({ rows: 100, ids: 100 });

    const cutAt = Date.now();
    await setup.cut();
    for (let burst = 0; burst < 30; burst++) {
      track(10);
      await sleep(30);
    }
    await waitFor(() => wire.posts().some((p) => p.status === 503), 3_000, "a 503 from the ingest route");
    await sleep(cutAt + OUTAGE_MS - Date.now());
    const restoringAt = Date.now();
    await setup.restore();
    const restoredAt = Date.now();
    track(100);
    await client.flush();

    // The SDK's own account: everything delivered, nothing given up or dropped.
    expect(client.stats()).toEqual({ queued: 0, inFlight: 0, delivered: 500, rejected: 0, failed: 0, dropped: 0, invalid: 0 });
    expect(logger.errors).toEqual([]);
    // The database's account: each of the 500 events once.
    expect(await countEvents(setup.db, setup.environmentId, `"eventKey" = 'outage'`)).toEqual({ rows: 500, ids: 500 });
    const [seqs] = await setup.db.sql.query<{ n: number }>(
      `select count(distinct (metadata->>'seq')::int)::int as n from "Event" where "environmentId" = $1 and "eventKey" = 'outage'`,
      [setup.environmentId],
    );
    expect(seqs!.n).toBe(500);
    const sent = wire.sentEvents().map((e) => e.id);
    expect(new Set(await clientIds(setup.db, setup.environmentId, `"eventKey" = 'outage'`))).toEqual(new Set(sent));

    // The outage was real: while it lasted, the route answered 503 with Retry-After and nothing got through.
    const posts = wire.posts();
    const refused = posts.filter((p) => p.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((p) => p.retryAfter === "5" && p.startedAt >= cutAt && p.startedAt < restoredAt)).toBe(true);
    expect(posts.filter((p) => p.status === 200 && p.startedAt > cutAt && p.endedAt < restoringAt)).toEqual([]);
    expect(posts.every((p) => p.status === 200 || p.status === 503)).toBe(true);
    // The refused batches were sent again, honouring Retry-After, and stored once.
    expect(sent.length).toBeGreaterThan(500);
    const firstRefusal = Math.min(...refused.map((p) => p.endedAt));
    const firstRetry = Math.min(...posts.filter((p) => p.startedAt > firstRefusal).map((p) => p.startedAt));
    expect(firstRetry - firstRefusal).toBeGreaterThanOrEqual(4_900);
  } finally {
    await client.close();
  }
}

describe("SDK through a 5 s PostgreSQL outage (TCP proxy cut) [postgres]", async () => {
  if (!(await isPostgresReachable())) return;
  let proxy: TcpProxy;
  let database: Awaited<ReturnType<typeof createRoutedPostgresDatabase>>;
  let server: { url: string; close: () => Promise<void> };
  let fixture: Awaited<ReturnType<typeof createIngestProject>>;

  beforeAll(async () => {
    proxy = await startTcpProxy(postgresTarget());
    database = await createRoutedPostgresDatabase({ host: "127.0.0.1", port: proxy.port });
    setDatabase(database.db);
    server = await startSdkServer();
    fixture = await createIngestProject(database.db, "outagepg");
  });
  afterAll(async () => {
    await server?.close();
    await proxy?.close();
    await database?.drop();
  });

  it("delivers every event exactly once after the database comes back", async () => {
    const connectionsBefore = proxy.connections;
    await survivesOutage({
      db: database.db,
      serverUrl: server.url,
      sdkKey: fixture.developmentKey,
      environmentId: fixture.development.id,
      cut: () => proxy.cut(),
      restore: () => proxy.restore(),
    });
    // The pool reconnected through the proxy after the cut.
    expect(proxy.connections).toBeGreaterThan(connectionsBefore);
  });
});

describe("SDK through a 5 s database outage (closed PGlite) [pglite]", () => {
  let live: Awaited<ReturnType<typeof createTestDatabase>>;
  let closed: Database;
  let server: { url: string; close: () => Promise<void> };
  let fixture: Awaited<ReturnType<typeof createIngestProject>>;

  beforeAll(async () => {
    live = await createTestDatabase("pglite");
    // A database that is really unavailable: every query on it fails like a lost embedded engine.
    closed = await openDatabase({ kind: "pglite", dataDir: "memory://" });
    await closed.close();
    setDatabase(live.db);
    server = await startSdkServer();
    fixture = await createIngestProject(live.db, "outagelite");
  });
  afterAll(async () => {
    await server?.close();
    await live?.drop();
  });

  it("delivers every event exactly once after the database comes back", async () => {
    await survivesOutage({
      db: live.db,
      serverUrl: server.url,
      sdkKey: fixture.developmentKey,
      environmentId: fixture.development.id,
      cut: async () => setDatabase(closed),
      restore: async () => setDatabase(live.db),
    });
  });
});
