import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createInstance } from "@/lib/sdk/core";
import { MAX_BATCH_BYTES } from "@/lib/sdk/core/batch";
import { EVENTS_URL, SDK_KEY, BASE_URL, fakeServer, json, memoryLogger, type RecordedRequest } from "./helpers";

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

type Handler = (request: RecordedRequest, n: number, signal: AbortSignal | undefined) => Response | Error | Promise<Response>;

async function setup(options: Partial<Parameters<typeof createInstance>[0]> = {}, onEvents?: Handler) {
  const server = fakeServer(onEvents ? { onEvents } : {});
  const { logger, messages } = memoryLogger();
  const client = createInstance({ sdkKey: SDK_KEY, baseUrl: BASE_URL, fetch: server.fetch, logger, pollingInterval: 0, ...options });
  await client.onReady();
  const ctx = client.createUserContext("user-1")!;
  const track = (n: number, prefix = "e") => {
    for (let i = 0; i < n; i++) ctx.trackEvent(`${prefix}${i}`);
  };
  return { client, server, ctx, track, logger, messages };
}

/** Settles pending microtasks (the flushAt trigger runs in one). */
const tick = () => vi.advanceTimersByTimeAsync(0);

describe("when batches are sent", () => {
  it("sends once flushAt events wait, without waiting for the interval", async () => {
    const { server, track } = await setup({ flushAt: 5 });
    track(4);
    await tick();
    expect(server.eventPosts()).toHaveLength(0);
    track(1);
    await tick();
    expect(server.eventPosts()).toHaveLength(1);
    expect(server.sentEvents()).toHaveLength(5);
  });

  it("sends whatever waits every flushInterval", async () => {
    const { server, track } = await setup({ flushAt: 100, flushInterval: 2000 });
    track(3);
    await vi.advanceTimersByTimeAsync(1999);
    expect(server.eventPosts()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.sentEvents()).toHaveLength(3);
  });

  it("posts to /v1/flag-events with the SDK key header and a sentAt", async () => {
    vi.setSystemTime(new Date("2025-05-05T05:05:05.000Z"));
    const { client, server, track } = await setup();
    track(2);
    await client.flush();
    const [post] = server.eventPosts();
    expect(post?.url).toBe(EVENTS_URL);
    expect(post?.headers).toMatchObject({ "X-SDK-Key": SDK_KEY, "Content-Type": "application/json" });
    expect(post?.body?.sentAt).toBe("2025-05-05T05:05:05.000Z");
    expect(post?.keepalive).toBe(false);
  });

  it("splits into batches of at most 500 events", async () => {
    const { client, server, track } = await setup({ flushAt: 10_000 });
    track(1234);
    await client.flush();
    expect(server.eventPosts().map((p) => p.body?.events.length)).toEqual([500, 500, 234]);
    expect(server.sentEvents().map((e) => e.eventKey)).toEqual(Array.from({ length: 1234 }, (_, i) => `e${i}`));
  });

  it("keeps every request body within 500 KB", async () => {
    const { client, server, ctx } = await setup({ flushAt: 10_000 });
    for (let i = 0; i < 300; i++) ctx.trackEvent("big", { metadata: { blob: "é".repeat(2400) } });
    await client.flush();
    const posts = server.eventPosts();
    expect(posts.length).toBeGreaterThan(1);
    for (const post of posts) expect(new TextEncoder().encode(JSON.stringify(post.body)).length).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    expect(server.sentEvents()).toHaveLength(300);
  });

  it("drops an event too large for any batch and delivers the rest", async () => {
    const { client, server, ctx, messages } = await setup({ flushAt: 10_000 });
    const huge = client.createUserContext("u", { blob: "x".repeat(MAX_BATCH_BYTES) })!;
    ctx.trackEvent("before");
    huge.trackEvent("huge");
    ctx.trackEvent("after");
    await client.flush();
    expect(server.sentEvents().map((e) => e.eventKey)).toEqual(["before", "after"]);
    expect(client.stats()).toMatchObject({ failed: 1, delivered: 2 });
    expect(messages().some((m) => m.includes("larger than"))).toBe(true);
  });

  it("keeps one request in flight at a time", async () => {
    const { client, server, track } = await setup({ flushAt: 1 }, async (req) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return json({ accepted: req.body?.events.length });
    });
    for (let i = 0; i < 5; i++) {
      track(3, `b${i}-`);
      await vi.advanceTimersByTimeAsync(30);
    }
    const flushed = client.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    await flushed;
    expect(server.state.maxInFlight).toBe(1);
    expect(server.sentEvents()).toHaveLength(15);
  });
});

describe("retries", () => {
  it("retries 5xx, 429, 408 and network errors with the same event ids, then delivers", async () => {
    const failures: Array<Response | Error> = [
      json({}, 500),
      json({}, 502),
      json({}, 429),
      json({}, 408),
      new TypeError("fetch failed"),
    ];
    const { client, server, track } = await setup({}, (req) => failures.shift() ?? json({ accepted: req.body?.events.length }));
    track(3);
    const flushed = client.flush();
    await vi.advanceTimersByTimeAsync(120_000);
    await flushed;
    const posts = server.eventPosts();
    expect(posts).toHaveLength(6);
    const ids = posts.map((p) => p.body?.events.map((e) => e.id).join());
    expect(new Set(ids).size).toBe(1);
    expect(posts.every((p) => typeof p.body?.sentAt === "string")).toBe(true);
    expect(client.stats()).toMatchObject({ delivered: 3, failed: 0, queued: 0, inFlight: 0 });
  });

  it("waits an exponential, fully jittered delay between attempts", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const times: number[] = [];
    const { client, track } = await setup({ maxRetries: 3 }, () => {
      times.push(Date.now());
      return json({}, 503);
    });
    track(1);
    const flushed = client.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    await flushed;
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps).toEqual([250, 500, 1000]); // 0.5 * 500ms * 2^attempt
  });

  it("caps the backoff at 30 s", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    const times: number[] = [];
    const { client, track } = await setup({ maxRetries: 8 }, () => {
      times.push(Date.now());
      return json({}, 500);
    });
    track(1);
    const flushed = client.flush();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await flushed;
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(30_000);
    expect(gaps.at(-1)).toBeGreaterThan(29_000);
  });

  it("honours Retry-After in seconds", async () => {
    const times: number[] = [];
    const { client, track } = await setup({}, (req, n) => {
      times.push(Date.now());
      return n === 1 ? json({}, 503, { "Retry-After": "7" }) : json({ accepted: req.body?.events.length });
    });
    track(1);
    const flushed = client.flush();
    await vi.advanceTimersByTimeAsync(6999);
    expect(times).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await flushed;
    expect(times).toHaveLength(2);
  });

  it("honours Retry-After as an HTTP date", async () => {
    vi.setSystemTime(new Date("2025-01-01T00:00:00.000Z"));
    const times: number[] = [];
    const { client, track } = await setup({}, (_req, n) => {
      times.push(Date.now());
      return n === 1 ? json({}, 429, { "Retry-After": "Wed, 01 Jan 2025 00:00:12 GMT" }) : json({ accepted: 1 });
    });
    track(1);
    const flushed = client.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    await flushed;
    expect(times[1]! - times[0]!).toBe(12_000);
  });

  it.each([
    ["aborts on the signal", (signal?: AbortSignal) => new Promise<Response>((_, reject) => signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))))],
    ["ignores the signal", () => new Promise<Response>(() => {})],
  ])("retries a request that exceeds requestTimeout (fetch %s)", async (_, hang) => {
    const { client, server, track } = await setup({ requestTimeout: 1000 }, (req, n, signal) =>
      n === 1 ? hang(signal) : json({ accepted: req.body?.events.length }),
    );
    vi.spyOn(Math, "random").mockReturnValue(0);
    track(1);
    const flushed = client.flush();
    await vi.advanceTimersByTimeAsync(999);
    expect(server.eventPosts()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    await flushed;
    expect(server.eventPosts()).toHaveLength(2);
    expect(client.stats()).toMatchObject({ delivered: 1, failed: 0 });
  });

  it("gives up after maxRetries and counts the batch as failed", async () => {
    const { client, server, track, messages } = await setup({ maxRetries: 2 }, () => json({}, 503));
    track(4);
    const flushed = client.flush();
    await vi.advanceTimersByTimeAsync(120_000);
    await flushed;
    expect(server.eventPosts()).toHaveLength(3);
    expect(client.stats()).toMatchObject({ failed: 4, delivered: 0, queued: 0 });
    expect(messages().some((m) => m.includes("gave up after 3 attempts"))).toBe(true);
  });

  it.each([400, 401, 403, 404, 422])("drops the batch on HTTP %i without retrying and logs why", async (status) => {
    const { client, server, track, messages } = await setup({}, () => json({ error: "nope" }, status));
    track(2);
    await client.flush();
    expect(server.eventPosts()).toHaveLength(1);
    expect(client.stats()).toMatchObject({ failed: 2 });
    expect(messages().some((m) => m.includes(`HTTP ${status}`))).toBe(true);
  });

  it("splits a batch the server finds too large (413)", async () => {
    const { client, server, track } = await setup({ flushAt: 1000 }, (req) =>
      (req.body?.events.length ?? 0) > 2 ? json({}, 413) : json({ accepted: req.body?.events.length }),
    );
    track(7);
    await client.flush();
    expect(client.stats()).toMatchObject({ delivered: 7, failed: 0 });
    expect(server.sentEvents().filter((_, i, all) => all.findIndex((e) => e.eventKey === all[i]!.eventKey) === i)).toHaveLength(7);
  });

  it("counts events the server rejects individually", async () => {
    const { client, track, messages } = await setup({}, () =>
      json({ accepted: 2, duplicates: 0, dropped: 0, rejected: [{ index: 1, errors: ["bad"] }] }),
    );
    track(3);
    await client.flush();
    expect(client.stats()).toMatchObject({ delivered: 2, rejected: 1 });
    expect(messages().some((m) => m.includes("rejected 1 of 3") && m.includes("e1"))).toBe(true);
  });
});

describe("queue limits", () => {
  it("drops the oldest events when full, counts them and warns once per burst", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { client, server, track, logger } = await setup({ maxQueueSize: 10, flushAt: 1000 }, async (req) => {
      await gate;
      return json({ accepted: req.body?.events.length });
    });
    track(25);
    expect(client.stats()).toMatchObject({ queued: 10, dropped: 15 });
    const fullWarnings = () => logger.warn.mock.calls.filter(([m]) => String(m).includes("queue full"));
    expect(fullWarnings()).toHaveLength(1);

    const flushed = client.flush();
    release();
    await flushed;
    expect(server.sentEvents().map((e) => e.eventKey)).toEqual(Array.from({ length: 10 }, (_, i) => `e${i + 15}`));

    track(11, "again");
    expect(fullWarnings()).toHaveLength(2);
  });
});

describe("flush and close", () => {
  it("flush() on an empty queue resolves at once", async () => {
    const { client, server } = await setup();
    await client.flush();
    expect(server.eventPosts()).toHaveLength(0);
  });

  it("flush() waits for the in-flight batch and everything queued before it, not after", async () => {
    const { client, server, track } = await setup({ flushAt: 2 }, async (req) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return json({ accepted: req.body?.events.length });
    });
    track(2, "first");
    await tick(); // first batch now in flight
    track(1, "second");
    let done = false;
    const flushed = client.flush().then(() => (done = true));
    track(1, "third");
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).toBe(false); // "second" still pending
    await vi.advanceTimersByTimeAsync(1000);
    await flushed;
    expect(done).toBe(true);
    expect(server.sentEvents().map((e) => e.eventKey)).toEqual(["first0", "first1", "second0", "third0"]);
  });

  it("flush() resolves when a batch has finally failed", async () => {
    const { client, track } = await setup({ maxRetries: 1 }, () => new TypeError("offline"));
    track(1);
    const flushed = client.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(flushed).resolves.toBeUndefined();
    expect(client.stats().failed).toBe(1);
  });

  it("close() delivers what is queued and stops the timers", async () => {
    const server = fakeServer();
    const { logger } = memoryLogger();
    const client = createInstance({ sdkKey: SDK_KEY, baseUrl: BASE_URL, fetch: server.fetch, logger, pollingInterval: 1000 });
    await client.onReady();
    client.createUserContext("u")!.trackEvent("last");
    await client.close();
    expect(server.sentEvents().map((e) => e.eventKey)).toEqual(["last"]);
    const requests = server.state.requests.length;
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.state.requests.length).toBe(requests);
  });
});
