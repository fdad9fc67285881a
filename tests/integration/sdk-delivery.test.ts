import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { flagCreateSchema, flagEnvironmentSchema } from "@/lib/admin/flag-schema";
import { createFlag, setFlagEnvironment } from "@/lib/admin/flags";
import { parseInput } from "@/lib/admin/validation";
import type { SignaKitClient } from "@/lib/sdk/core/client";
import { createInstance, type NodeClientOptions } from "@/lib/sdk/node";
import { describeOnDatabases } from "./helpers/databases";
import { createIngestProject } from "./helpers/ingest-fixtures";
import {
  clientIds,
  countEvents,
  memoryLogger,
  observingFetch,
  sleep,
  startSdkServer,
  yieldToLoop,
} from "./helpers/sdk-server";
import { startTcpProxy } from "./helpers/tcp-proxy";

const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const BINGBOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

describeOnDatabases("SDK -> real routes: delivery", (db, kind) => {
  let server: { url: string; close: () => Promise<void> };
  let fixture: Awaited<ReturnType<typeof createIngestProject>>;
  const open: SignaKitClient[] = [];
  const envId = () => fixture.development.id;

  /** A Node SDK client against the real routes, with a recording fetch and a capturing logger. */
  async function start(options: Partial<NodeClientOptions> = {}) {
    const wire = observingFetch();
    const logger = memoryLogger();
    const client = createInstance({
      sdkKey: fixture.developmentKey,
      baseUrl: server.url,
      pollingInterval: 0,
      fetch: wire.fetch,
      logger,
      ...options,
    });
    open.push(client);
    expect(await client.onReady()).toEqual({ success: true });
    return { client, wire, logger };
  }

  beforeAll(async () => {
    server = await startSdkServer();
    fixture = await createIngestProject(db(), `sdk${kind}`);
    const projectId = fixture.project.id;
    const flag = await createFlag(
      db(),
      projectId,
      parseInput(flagCreateSchema, { key: "checkout", variations: [{ key: "control" }, { key: "treatment" }] }),
    );
    await setFlagEnvironment(db(), projectId, flag.id, "development", parseInput(flagEnvironmentSchema, { running: true, weights: { control: 1, treatment: 1 } }));
  });
  afterEach(async () => {
    // A client that is still retrying against a dead address must not outlive its test.
    await Promise.all(open.splice(0).map((client) => Promise.race([client.close(), sleep(50)])));
  });
  afterAll(() => server.close());

  it("delivers 10,000 events from several users exactly once, with a small flushAt", async () => {
    const { client, wire } = await start({ flushAt: 3, flushInterval: 50 });
    const users = Array.from({ length: 8 }, (_, i) => client.createUserContext(`load-${i}`)!);
    for (let seq = 0; seq < 10_000; seq++) {
      users[seq % users.length]!.trackEvent("load", { value: seq, metadata: { seq } });
      // Let the pump run mid-stream so batches go out while tracking goes on.
      if (seq % 20 === 0) await yieldToLoop();
      if (seq % 1000 === 999) await sleep(5);
    }
    await client.flush();

    expect(client.stats()).toEqual({ queued: 0, inFlight: 0, delivered: 10_000, rejected: 0, failed: 0, dropped: 0, invalid: 0 });
    expect(await countEvents(db(), envId(), `"eventKey" = 'load'`)).toEqual({ rows: 10_000, ids: 10_000 });
    const [seqs] = await db().sql.query<{ n: number; min: number; max: number }>(
      `select count(distinct (metadata->>'seq')::int)::int as n, min((metadata->>'seq')::int)::int as min, max((metadata->>'seq')::int)::int as max
         from "Event" where "environmentId" = $1 and "eventKey" = 'load'`,
      [envId()],
    );
    expect(seqs).toEqual({ n: 10_000, min: 0, max: 9_999 });
    const perUser = await db().sql.query<{ userId: string; n: number }>(
      `select "userId", count(*)::int as n from "Event" where "environmentId" = $1 and "eventKey" = 'load' group by 1 order by 1`,
      [envId()],
    );
    expect(perUser).toEqual(users.map((_, i) => ({ userId: `load-${i}`, n: 1250 })));
    // The ids stored are exactly the ids the SDK sent: nothing lost, nothing invented.
    const sent = new Set(wire.sentEvents().map((e) => e.id));
    expect(sent.size).toBe(10_000);
    expect(new Set(await clientIds(db(), envId(), `"eventKey" = 'load'`))).toEqual(sent);
    // Many requests, all within the batch limit and all accepted (their sizes depend on timing).
    const posts = wire.posts();
    expect(posts.length).toBeGreaterThan(10);
    expect(posts.every((p) => p.status === 200 && p.events.length >= 1 && p.events.length <= 500)).toBe(true);
  });

  it("flush() resolves only after everything queued before the call is in the database", async () => {
    const { client, wire } = await start({ flushAt: 1000, flushInterval: 60_000 });
    const alice = client.createUserContext("flush-alice")!;
    const bob = client.createUserContext("flush-bob")!;
    for (let i = 0; i < 50; i++) (i % 2 ? alice : bob).trackEvent("flush-a", { metadata: { i } });
    await sleep(50);
    expect(wire.posts()).toHaveLength(0); // below flushAt and before the interval: only flush sends
    await client.flush();
    expect(await countEvents(db(), envId(), `"eventKey" = 'flush-a'`)).toEqual({ rows: 50, ids: 50 });

    // With a batch already in flight when flush() is called, it still waits for the later events.
    const busy = await start({ flushAt: 5, flushInterval: 60_000 });
    const carol = busy.client.createUserContext("flush-carol")!;
    for (let i = 0; i < 23; i++) carol.trackEvent("flush-b", { metadata: { i } });
    await yieldToLoop();
    expect(busy.client.stats().inFlight).toBeGreaterThan(0);
    for (let i = 23; i < 31; i++) carol.trackEvent("flush-b", { metadata: { i } });
    const flushed = busy.client.flush();
    carol.trackEvent("flush-after", {});
    await flushed;
    const [row] = await db().sql.query<{ n: number; max: number }>(
      `select count(distinct (metadata->>'i')::int)::int as n, max((metadata->>'i')::int)::int as max
         from "Event" where "environmentId" = $1 and "eventKey" = 'flush-b'`,
      [envId()],
    );
    expect(row).toEqual({ n: 31, max: 30 });
    await expect(Promise.race([client.flush().then(() => "resolved"), sleep(20).then(() => "pending")])).resolves.toBe("resolved");
  });

  it("close() flushes, stops its timers and then refuses new events with one warning", async () => {
    const listenersBefore = process.listenerCount("beforeExit");
    const { client, wire, logger } = await start({ flushAt: 1000, flushInterval: 60_000, pollingInterval: 100 });
    expect(process.listenerCount("beforeExit")).toBe(listenersBefore + 1);
    const dora = client.createUserContext("close-dora")!;
    for (let i = 0; i < 25; i++) dora.trackEvent("close-before", { value: i });
    await sleep(350); // the poller is live: it re-fetches the config
    const polls = wire.requests.filter((r) => r.method === "GET").length;
    expect(polls).toBeGreaterThanOrEqual(2);

    await client.close();
    expect(await countEvents(db(), envId(), `"eventKey" = 'close-before'`)).toEqual({ rows: 25, ids: 25 });
    expect(client.stats()).toMatchObject({ queued: 0, inFlight: 0, delivered: 25, invalid: 0 });
    expect(process.listenerCount("beforeExit")).toBe(listenersBefore);

    const requestsAtClose = wire.requests.length;
    for (let i = 0; i < 5; i++) dora.trackEvent("close-after", { value: i });
    client.createUserContext("close-erin")!.trackEvent("close-after", {});
    expect(logger.warnings.filter((w) => /closed/.test(w))).toEqual(["client is closed; new events are dropped"]);
    expect(client.stats()).toMatchObject({ queued: 0, delivered: 25, invalid: 6 });
    await client.flush();
    await sleep(400); // four polling intervals and more: no timer of the client fires any more
    expect(wire.requests.length).toBe(requestsAtClose);
    expect(await countEvents(db(), envId(), `"eventKey" = 'close-after'`)).toEqual({ rows: 0, ids: 0 });
  });

  it("with the server gone, keeps queued + inFlight within maxQueueSize and counts every drop", async () => {
    // The SDK reaches the routes through a proxy; cutting it closes the port the SDK was configured with.
    const proxy = await startTcpProxy({ host: "127.0.0.1", port: Number(new URL(server.url).port) });
    try {
      const maxQueueSize = 100;
      const { client, wire, logger } = await start({
        baseUrl: `http://127.0.0.1:${proxy.port}`,
        flushAt: 10,
        flushInterval: 20,
        maxQueueSize,
        maxRetries: 1000,
        requestTimeout: 2000,
      });
      await proxy.cut();
      const frank = client.createUserContext("gone-frank")!;
      const calls = 1000;
      let peak = 0;
      for (let seq = 0; seq < calls; seq++) {
        frank.trackEvent("gone", { metadata: { seq } });
        const { queued, inFlight } = client.stats();
        peak = Math.max(peak, queued + inFlight);
        if (seq % 25 === 24) await sleep(2); // retries run between bursts
      }
      const stats = client.stats();
      const held = stats.queued + stats.inFlight;
      expect(peak).toBeLessThanOrEqual(maxQueueSize);
      expect(stats.inFlight).toBeGreaterThan(0); // a batch was taken and is being retried
      expect(held).toBe(maxQueueSize);
      expect(stats).toMatchObject({ delivered: 0, failed: 0, invalid: 0, dropped: calls - held });
      expect(wire.posts().length).toBeGreaterThan(0);
      expect(wire.posts().every((p) => p.status === 0)).toBe(true); // connection refused, never an answer
      expect(logger.warnings.some((w) => /queue full/.test(w))).toBe(true);

      // The server comes back: exactly the held events arrive, the newest among them, each once.
      await proxy.restore();
      await client.flush();
      expect(client.stats()).toMatchObject({ queued: 0, inFlight: 0, delivered: held, failed: 0, dropped: calls - held });
      expect(await countEvents(db(), envId(), `"eventKey" = 'gone'`)).toEqual({ rows: held, ids: held });
      const [newest] = await db().sql.query<{ n: number }>(
        `select count(*)::int as n from "Event" where "environmentId" = $1 and "eventKey" = 'gone' and (metadata->>'seq')::int >= $2`,
        [envId(), calls - (held - stats.inFlight)],
      );
      expect(newest!.n).toBe(held - stats.inFlight);
    } finally {
      await proxy.close();
    }
  });

  it("sends nothing for bots: no events, no exposures", async () => {
    const { client, wire } = await start({ flushAt: 1000, flushInterval: 60_000 });
    const bots = [
      client.createUserContext("bot-google", { $userAgent: GOOGLEBOT, plan: "pro" })!,
      client.createUserContext("bot-bing", { $userAgent: BINGBOT })!,
    ];
    const human = client.createUserContext("human-gina", { $userAgent: CHROME, plan: "pro" })!;
    for (const ctx of [...bots, human]) {
      expect(ctx.decide("checkout")).not.toBeNull();
      ctx.decideAll();
      for (let i = 0; i < 10; i++) ctx.trackEvent("bot-check", { value: i });
    }
    expect(bots.every((bot) => bot.isBot && bot.decide("checkout")?.variationKey === "off")).toBe(true);
    expect(human.isBot).toBe(false);
    await client.flush();

    // The human's events prove the path works; the bots' never left the process.
    expect(client.stats()).toMatchObject({ delivered: 11, queued: 0, invalid: 0 });
    const sentUsers = new Set(wire.sentEvents().map((e) => e.userId));
    expect([...sentUsers]).toEqual(["human-gina"]);
    const rows = await db().sql.query<{ userId: string; eventKey: string; n: number }>(
      `select "userId", "eventKey", count(*)::int as n from "Event" where "environmentId" = $1 and "userId" in ('bot-google', 'bot-bing', 'human-gina') group by 1, 2 order by 1, 2`,
      [envId()],
    );
    expect(rows).toEqual([
      { userId: "human-gina", eventKey: "$exposure", n: 1 },
      { userId: "human-gina", eventKey: "bot-check", n: 10 },
    ]);
    const assignments = await db().sql.query<{ userId: string }>(
      `select "userId" from "Assignment" where "environmentId" = $1 and "userId" in ('bot-google', 'bot-bing', 'human-gina')`,
      [envId()],
    );
    expect(assignments).toEqual([{ userId: "human-gina" }]);
    // The server never even saw them (its own bot filter counts what reaches it).
    const [drops] = await db().sql.query<{ n: number }>(`select coalesce(sum(bots), 0)::int as n from "IngestDrop" where "environmentId" = $1`, [envId()]);
    expect(drops!.n).toBe(0);
  });

  it("deduplicates exposures: 100 decisions in a context send one $exposure; the server keeps one Assignment", async () => {
    const { client, wire } = await start({ flushAt: 1000, flushInterval: 60_000 });
    const first = client.createUserContext("expo-hana")!;
    const decisions = Array.from({ length: 100 }, () => first.decide("checkout")!);
    expect(new Set(decisions.map((d) => d.variationKey)).size).toBe(1);
    const variationKey = decisions[0]!.variationKey;
    expect(["control", "treatment"]).toContain(variationKey);
    first.decideAll();
    first.trackEvent("expo-purchase", { value: 20 });
    await client.flush();

    const exposures = wire.sentEvents().filter((e) => e.eventKey === "$exposure");
    expect(exposures).toHaveLength(1);
    expect(exposures[0]!.metadata).toEqual({ flagKey: "checkout", variationKey, ruleKey: null });
    const stored = async () =>
      db().sql.query<{ eventKey: string; n: number; decisions: unknown }>(
        `select "eventKey", count(*)::int as n, max(decisions::text)::jsonb as decisions from "Event" where "environmentId" = $1 and "userId" = 'expo-hana' group by 1 order by 1`,
        [envId()],
      );
    expect(await stored()).toEqual([
      { eventKey: "$exposure", n: 1, decisions: { checkout: variationKey } },
      { eventKey: "expo-purchase", n: 1, decisions: { checkout: variationKey } },
    ]);

    // A second context for the same user exposes again; the server still keeps one assignment.
    const again = client.createUserContext("expo-hana")!;
    for (let i = 0; i < 100; i++) again.decide("checkout");
    await client.flush();
    expect(wire.sentEvents().filter((e) => e.eventKey === "$exposure")).toHaveLength(2);
    const assignments = await db().sql.query<{ flagKey: string; variationKey: string }>(
      `select "flagKey", "variationKey" from "Assignment" where "environmentId" = $1 and "userId" = 'expo-hana'`,
      [envId()],
    );
    expect(assignments).toEqual([{ flagKey: "checkout", variationKey }]);
  });
});
