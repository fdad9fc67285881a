import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createInstance } from "@/lib/sdk/browser";
import { BASE_URL, SDK_KEY, fakeServer, memoryLogger } from "./helpers";

/** Just enough of window, document, navigator and localStorage for the browser layer. */
function browserStubs(options: { beaconAccepts?: boolean } = {}) {
  const windowTarget = new EventTarget();
  const documentTarget = Object.assign(new EventTarget(), { visibilityState: "visible" as DocumentVisibilityState });
  const storage = new Map<string, string>();
  const beacons: Array<{ url: string; body: { sentAt: string; events: Array<{ id: string; eventKey: string }> } }> = [];
  const localStorage = {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => void storage.set(key, value),
    removeItem: (key: string) => void storage.delete(key),
  };
  vi.stubGlobal("window", Object.assign(windowTarget, { localStorage }));
  vi.stubGlobal("document", documentTarget);
  vi.stubGlobal("navigator", {
    sendBeacon: (url: string, body: string) => {
      if (options.beaconAccepts === false) return false;
      beacons.push({ url, body: JSON.parse(body) });
      return true;
    },
  });
  const hide = () => {
    documentTarget.visibilityState = "hidden";
    documentTarget.dispatchEvent(new Event("visibilitychange"));
  };
  const show = () => {
    documentTarget.visibilityState = "visible";
    documentTarget.dispatchEvent(new Event("visibilitychange"));
  };
  const pagehide = () => windowTarget.dispatchEvent(new Event("pagehide"));
  return { storage, beacons, hide, show, pagehide };
}

async function browserClient(options: { persist?: boolean } = {}) {
  const server = fakeServer();
  const client = createInstance({ sdkKey: SDK_KEY, baseUrl: BASE_URL, fetch: server.fetch, logger: memoryLogger().logger, pollingInterval: 0, flushAt: 1000, ...options });
  await client.onReady();
  return { client, server, ctx: client.createUserContext("u1")! };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("browser client", () => {
  it("beacons the queue when the page becomes hidden, to the sdkKey URL", async () => {
    const { beacons, hide } = browserStubs();
    const { client, server, ctx } = await browserClient();
    ctx.trackEvent("a");
    ctx.trackEvent("b");
    hide();
    expect(beacons).toHaveLength(1);
    expect(beacons[0]?.url).toBe(`${BASE_URL}/v1/flag-events?sdkKey=${SDK_KEY}`);
    expect(beacons[0]?.body.events.map((e) => e.eventKey)).toEqual(["a", "b"]);
    expect(typeof beacons[0]?.body.sentAt).toBe("string");
    expect(client.stats()).toMatchObject({ queued: 0, delivered: 2 });
    await client.flush();
    expect(server.eventPosts()).toHaveLength(0);
  });

  it("beacons on pagehide too, in bodies below the beacon quota", async () => {
    const { beacons, pagehide } = browserStubs();
    const { client, ctx } = await browserClient();
    for (let i = 0; i < 40; i++) ctx.trackEvent("big", { metadata: { blob: "x".repeat(4000) } });
    pagehide();
    expect(beacons.length).toBeGreaterThan(1);
    for (const beacon of beacons) expect(JSON.stringify(beacon.body).length).toBeLessThanOrEqual(60_000);
    expect(beacons.flatMap((b) => b.body.events)).toHaveLength(40);
    expect(client.stats().queued).toBe(0);
  });

  it("uses fetch keepalive for small batches", async () => {
    browserStubs();
    const { client, server, ctx } = await browserClient();
    ctx.trackEvent("a");
    await client.flush();
    expect(server.eventPosts()[0]?.keepalive).toBe(true);
  });

  it("keeps refused beacons queued; with persist they survive to the next page load", async () => {
    const first = browserStubs({ beaconAccepts: false });
    const page1 = await browserClient({ persist: true });
    page1.ctx.trackEvent("checkout");
    first.hide();
    expect(page1.client.stats().queued).toBe(1);
    const stored = first.storage.get(`signakit:events:${SDK_KEY}`);
    const [persisted] = JSON.parse(stored!) as Array<{ id: string; eventKey: string }>;
    expect(persisted?.eventKey).toBe("checkout");

    // Next load: same storage, working network.
    vi.stubGlobal("window", Object.assign(new EventTarget(), { localStorage: (globalThis.window as unknown as { localStorage: unknown }).localStorage }));
    const page2 = await browserClient({ persist: true });
    expect(first.storage.has(`signakit:events:${SDK_KEY}`)).toBe(false);
    await page2.client.flush();
    expect(page2.server.sentEvents().map((e) => [e.id, e.eventKey])).toEqual([[persisted!.id, "checkout"]]);
  });

  it("clears the persisted copy when the page becomes visible again", async () => {
    const stubs = browserStubs({ beaconAccepts: false });
    const { ctx } = await browserClient({ persist: true });
    ctx.trackEvent("a");
    stubs.hide();
    expect(stubs.storage.size).toBe(1);
    stubs.show();
    expect(stubs.storage.size).toBe(0);
  });

  it("ignores malformed persisted data", async () => {
    const stubs = browserStubs();
    stubs.storage.set(`signakit:events:${SDK_KEY}`, '[{"nope":1}, 3, {"id":"x","eventKey":"k","userId":"u","timestamp":"t"}]');
    const { client } = await browserClient({ persist: true });
    expect(client.stats().queued).toBe(1);
    stubs.storage.set(`signakit:events:${SDK_KEY}`, "{not json");
    expect((await browserClient({ persist: true })).client.stats().queued).toBe(0);
  });

  it("removes its listeners on close", async () => {
    const { beacons, hide } = browserStubs();
    const { client, ctx } = await browserClient();
    ctx.trackEvent("a");
    await client.close();
    hide();
    expect(beacons).toHaveLength(0);
  });

  it("works without a window (server rendering)", async () => {
    expect(typeof window).toBe("undefined");
    const { client, ctx } = await browserClient({ persist: true });
    ctx.trackEvent("a");
    await client.flush();
    expect(client.stats().delivered).toBe(1);
  });
});
