import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { evaluate } from "@/lib/flags/evaluate";
import type { ProjectConfig } from "@/lib/flags/types";
import { createInstance } from "@/lib/sdk/core";
import { realisticConfig } from "../flags/fixtures";
import { BASE_URL, CONFIG_URL, SDK_KEY, fakeServer, memoryLogger } from "./helpers";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

async function readyClient(options: Partial<Parameters<typeof createInstance>[0]> = {}, server = fakeServer()) {
  const { logger, messages } = memoryLogger();
  const client = createInstance({ sdkKey: SDK_KEY, baseUrl: `${BASE_URL}/`, fetch: server.fetch, logger, ...options });
  await client.onReady();
  return { client, server, logger, messages };
}

describe("readiness and config", () => {
  it("fetches the config from the URL derived from the SDK key", async () => {
    const { client, server } = await readyClient();
    expect(await client.onReady()).toEqual({ success: true });
    expect(server.state.requests[0]?.url).toBe(CONFIG_URL);
    expect(client.isReady()).toBe(true);
    expect(client.getConfig()?.version).toBe(7);
  });

  it("maps sk_dev keys to the development config", async () => {
    const server = fakeServer();
    createInstance({ sdkKey: "sk_dev_o9_p8_xyz", baseUrl: BASE_URL, fetch: server.fetch, logger: memoryLogger().logger });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.state.requests[0]?.url).toBe(`${BASE_URL}/configs/o9/p8/development/latest.json`);
  });

  it("fails readiness on a malformed SDK key without any request", async () => {
    const server = fakeServer();
    const { logger } = memoryLogger();
    const client = createInstance({ sdkKey: "nope", baseUrl: BASE_URL, fetch: server.fetch, logger });
    expect(await client.onReady()).toEqual({ success: false, reason: "invalid SDK key" });
    expect(server.fetch).not.toHaveBeenCalled();
    expect(client.createUserContext("u")).toBeNull();
  });

  it("reports a failed first fetch, then becomes ready when a later poll succeeds", async () => {
    const server = fakeServer();
    const realFetch = server.fetch.getMockImplementation()!;
    server.fetch.mockImplementationOnce(async () => new Response("nope", { status: 404 }));
    const { logger } = memoryLogger();
    const client = createInstance({ sdkKey: SDK_KEY, baseUrl: BASE_URL, fetch: server.fetch, logger, pollingInterval: 1000 });
    expect(await client.onReady()).toEqual({ success: false, reason: "config request failed with HTTP 404" });
    expect(client.createUserContext("u")).toBeNull();
    server.fetch.mockImplementation(realFetch);
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.isReady()).toBe(true);
    expect(client.createUserContext("u")).not.toBeNull();
  });

  it("times out a hanging config request", async () => {
    const { logger } = memoryLogger();
    const fetch = vi.fn((_url: string, init: RequestInit) => new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(new Error("aborted")))));
    const client = createInstance({ sdkKey: SDK_KEY, baseUrl: BASE_URL, fetch, logger, requestTimeout: 500 });
    const ready = client.onReady();
    await vi.advanceTimersByTimeAsync(500);
    expect(await ready).toEqual({ success: false, reason: "request timed out after 500 ms" });
  });

  it("re-polls with If-None-Match, keeps the config on 304 and notifies on a new one", async () => {
    const { client, server } = await readyClient({ pollingInterval: 30_000 });
    const listener = vi.fn();
    client.subscribe(listener);
    expect(client.getRevision()).toBe(1);

    await vi.advanceTimersByTimeAsync(30_000);
    expect(server.state.requests[1]?.headers["If-None-Match"]).toBe('"v1"');
    expect(listener).not.toHaveBeenCalled();
    expect(client.getRevision()).toBe(1);

    server.state.config = { ...realisticConfig, version: 8 } satisfies ProjectConfig;
    server.state.etag = '"v2"';
    await vi.advanceTimersByTimeAsync(30_000);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(client.getConfig()?.version).toBe(8);
    expect(client.getRevision()).toBe(2);
  });

  it("does not poll when pollingInterval is 0", async () => {
    const { server } = await readyClient({ pollingInterval: 0 });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.state.requests.filter((r) => r.method === "GET")).toHaveLength(1);
  });
});

describe("decisions and exposures", () => {
  it("decide() and decideAll() follow lib/flags", async () => {
    const { client } = await readyClient();
    const ctx = client.createUserContext("user-7", { country: "US", age: 30 })!;
    expect(ctx.decide("new-checkout")).toEqual(evaluate(realisticConfig.flags[0]!, "user-7", { country: "US", age: 30 }));
    expect(ctx.decide("old-banner")).toBeNull();
    expect(ctx.decide("missing")).toBeNull();
    expect(Object.keys(ctx.decideAll()).sort()).toEqual(["new-checkout", "paused", "pricing-bandit"]);
  });

  it("queues one exposure per flag and variation, with the decision's rule", async () => {
    const { client, server } = await readyClient();
    const ctx = client.createUserContext("qa-1", { country: "US", age: 30 })!;
    ctx.decide("new-checkout");
    ctx.decide("new-checkout");
    ctx.decideAll();
    await client.flush();
    const exposures = server.sentEvents().filter((e) => e.eventKey === "$exposure");
    expect(exposures.map((e) => e.metadata?.flagKey).sort()).toEqual(["new-checkout", "paused", "pricing-bandit"]);
    expect(exposures.find((e) => e.metadata?.flagKey === "new-checkout")).toMatchObject({
      userId: "qa-1",
      metadata: { flagKey: "new-checkout", variationKey: "treatment", ruleKey: "checkout-exp" },
      decisions: { "new-checkout": "treatment" },
      attributes: { country: "US", age: 30 },
    });
  });

  it("queues a new exposure when a new config changes the variation", async () => {
    const server = fakeServer();
    const { client } = await readyClient({ pollingInterval: 1000 }, server);
    const ctx = client.createUserContext("u1")!;
    expect(ctx.decide("paused")?.variationKey).toBe("off");
    server.state.config = { ...realisticConfig, flags: realisticConfig.flags.map((f) => (f.key === "paused" ? { ...f, running: true } : f)) };
    server.state.etag = '"v2"';
    await vi.advanceTimersByTimeAsync(1000);
    expect(ctx.decide("paused")?.variationKey).toBe("on");
    ctx.decide("paused");
    await client.flush();
    expect(server.sentEvents().map((e) => e.metadata?.variationKey)).toEqual(["off", "on"]);
  });

  it("sends no exposure for targeted rules", async () => {
    const { client, server } = await readyClient();
    const ctx = client.createUserContext("u1", { email: "me@signakit.dev" })!;
    expect(ctx.decide("new-checkout")).toMatchObject({ ruleType: "targeted", variationKey: "treatment" });
    await client.flush();
    expect(server.sentEvents()).toEqual([]);
  });

  it("decide with exposure: false has no side effects", async () => {
    const { client, server } = await readyClient();
    const ctx = client.createUserContext("u1")!;
    ctx.decide("pricing-bandit", { exposure: false });
    ctx.trackEvent("purchase");
    await client.flush();
    expect(server.sentEvents()).toHaveLength(1);
    expect(server.sentEvents()[0]?.decisions).toBeUndefined();
  });

  it("treats bots as off and sends nothing at all for them", async () => {
    const { client, server } = await readyClient();
    const ctx = client.createUserContext("crawler", { $userAgent: BOT_UA, email: "me@signakit.dev" })!;
    expect(ctx.isBot).toBe(true);
    expect(ctx.decide("new-checkout")).toEqual({
      flagKey: "new-checkout",
      variationKey: "off",
      enabled: false,
      ruleKey: null,
      ruleType: null,
      variables: { color: "blue", discount: 0 },
    });
    ctx.decideAll();
    ctx.trackEvent("purchase", { value: 1 });
    await client.flush();
    expect(server.eventPosts()).toHaveLength(0);
    expect(client.stats()).toMatchObject({ queued: 0, delivered: 0 });
  });

  it("keeps $userAgent out of targeting and event attributes for humans", async () => {
    const { client, server } = await readyClient();
    const ctx = client.createUserContext("u1", { $userAgent: "Mozilla/5.0 (Windows NT 10.0) Chrome/120", plan: "pro" })!;
    expect(ctx.isBot).toBe(false);
    expect(ctx.attributes).toEqual({ plan: "pro" });
    ctx.trackEvent("signup");
    await client.flush();
    expect(server.sentEvents()[0]?.attributes).toEqual({ plan: "pro" });
  });

  it("agrees with evaluate() for 100,000 users on a realistic config", async () => {
    const { client } = await readyClient();
    const countries = ["US", "CA", "GB", "DE", "FR"];
    for (let i = 0; i < 100_000; i++) {
      const attributes = { country: countries[i % 5], age: 14 + (i % 40), email: i % 97 === 0 ? `u${i}@signakit.dev` : `u${i}@mail.com` };
      const userId = i === 0 ? "qa-1" : `user-${i}`;
      const ctx = client.createUserContext(userId, attributes)!;
      for (const flag of realisticConfig.flags) {
        const expected = evaluate(flag, userId, attributes);
        const actual = ctx.decide(flag.key, { exposure: false });
        if (actual?.variationKey !== expected?.variationKey || actual?.ruleKey !== expected?.ruleKey) {
          expect({ userId, flag: flag.key, actual }).toEqual({ userId, flag: flag.key, actual: expected });
        }
      }
    }
  }, 60_000);
});

describe("trackEvent", () => {
  it("queues an event with id, timestamp, value, metadata, attributes and current decisions", async () => {
    vi.setSystemTime(new Date("2025-03-01T12:00:00.000Z"));
    const { client, server } = await readyClient();
    const ctx = client.createUserContext("user-7", { country: "US", age: 30 })!;
    const variation = ctx.decide("pricing-bandit")!.variationKey;
    expect(ctx.trackEvent("purchase", { value: 49.99, metadata: { plan: "pro" } })).toBeUndefined();
    await client.flush();
    const purchase = server.sentEvents().find((e) => e.eventKey === "purchase")!;
    expect(purchase).toEqual({
      id: expect.stringMatching(UUID_V4),
      eventKey: "purchase",
      userId: "user-7",
      timestamp: "2025-03-01T12:00:00.000Z",
      value: 49.99,
      metadata: { plan: "pro" },
      attributes: { country: "US", age: 30 },
      decisions: { "pricing-bandit": variation },
    });
    const ids = server.sentEvents().map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("omits attributes and decisions when there are none", async () => {
    const { client, server } = await readyClient();
    client.createUserContext("u")!.trackEvent("signup");
    await client.flush();
    expect(Object.keys(server.sentEvents()[0]!).sort()).toEqual(["eventKey", "id", "timestamp", "userId"]);
  });

  it.each([
    ["", "eventKey must be a string of 1-100 characters", undefined],
    ["x".repeat(101), "eventKey must be a string of 1-100 characters", undefined],
    [42, "eventKey must be a string of 1-100 characters", undefined],
    ["buy", "value must be a finite number", { value: Number.NaN }],
    ["buy", "value must be a finite number", { value: Number.POSITIVE_INFINITY }],
    ["buy", "value must be a finite number", { value: "12" }],
    ["buy", "metadata must be a plain object", { metadata: [1, 2] }],
    ["buy", "metadata must be a plain object", { metadata: new Date() }],
    ["buy", "metadata must be a plain object", { metadata: "x" }],
    ["buy", "metadata exceeds 5000 serialized characters", { metadata: { big: "x".repeat(5000) } }],
    ["buy", "metadata must be JSON-serializable", { metadata: { n: 10n } }],
    ["buy", "options must be an object", "options"],
  ])("drops bad input (key %j) and logs: %s", async (eventKey, reason, options) => {
    const { client, server, messages } = await readyClient();
    const ctx = client.createUserContext("u")!;
    expect(() => ctx.trackEvent(eventKey as string, options as never)).not.toThrow();
    await client.flush();
    expect(server.eventPosts()).toHaveLength(0);
    expect(messages().some((m) => m.includes(reason))).toBe(true);
    expect(client.stats().invalid).toBe(1);
  });

  it("accepts the limits themselves", async () => {
    const { client, server } = await readyClient();
    const ctx = client.createUserContext("u")!;
    ctx.trackEvent("k".repeat(100), { value: 0, metadata: { s: "x".repeat(5000 - '{"s":""}'.length) } });
    ctx.trackEvent("a", { metadata: Object.create(null) as Record<string, unknown> });
    await client.flush();
    expect(server.sentEvents()).toHaveLength(2);
  });

  it("refuses events after close() with a single warning", async () => {
    const { client, server, logger } = await readyClient();
    const ctx = client.createUserContext("u")!;
    ctx.trackEvent("before");
    await client.close();
    ctx.trackEvent("after");
    ctx.trackEvent("after");
    await client.flush();
    expect(server.sentEvents().map((e) => e.eventKey)).toEqual(["before"]);
    expect(logger.warn.mock.calls.filter(([m]) => String(m).includes("closed"))).toHaveLength(1);
    expect(client.stats().invalid).toBe(2);
  });
});
