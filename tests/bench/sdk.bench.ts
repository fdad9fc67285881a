// trackEvent() cost against an empty function, and memory with the server gone.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { ProjectConfig } from "@/lib/flags";
import { createInstance } from "@/lib/sdk/node";
import { median, type BenchReport } from "./harness";

const SDK_KEY = "sk_dev_bench_bench_0123456789abcdef";
const MAX_QUEUE = 10_000;
const CALLS = 1_000_000;

const config: ProjectConfig = {
  projectId: "bench",
  environmentKey: "development",
  sdkKey: SDK_KEY,
  version: 1,
  generatedAt: new Date().toISOString(),
  flags: [
    {
      id: "f1",
      key: "checkout",
      salt: "bench-salt",
      status: "active",
      running: true,
      variations: [{ key: "control" }, { key: "treatment" }],
      allocation: { ranges: [{ variation: "control", start: 0, end: 4999 }, { variation: "treatment", start: 5000, end: 9999 }] },
    },
  ],
} as ProjectConfig;

/** A config server that can be shut down, leaving the SDK with nowhere to send its events. */
async function configServer() {
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith("/configs/")) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(config));
    else res.writeHead(503, { "retry-after": "1" }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => { server.closeAllConnections(); server.close(); } };
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

export async function run(): Promise<BenchReport> {
  const server = await configServer();
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  const ready = async () => {
    const client = createInstance({ sdkKey: SDK_KEY, baseUrl: server.url, maxQueueSize: MAX_QUEUE, flushInterval: 60_000, flushAt: 1_000_000, logger: silent });
    if (!(await client.onReady()).success) throw new Error("SDK did not become ready");
    const ctx = client.createUserContext("user-1", { plan: "pro" })!;
    ctx.decide("checkout");
    return { client, ctx };
  };
  const { client: timed, ctx: timedCtx } = await ready();
  // A second client, still empty, for the memory run once the server is gone.
  const { client, ctx } = await ready();
  const options = { value: 49.99, metadata: { plan: "pro" } };
  const empty = (_key: string, _options: unknown) => {};

  // Per-call time from rounds of 1000 calls, once the queue is full (its steady state under load).
  const perCall = (fn: (key: string, options: unknown) => void) => {
    const samples: number[] = [];
    for (let round = 0; round < 300; round++) {
      const start = performance.now();
      for (let i = 0; i < 1000; i++) fn("purchase_completed", options);
      samples.push(((performance.now() - start) * 1000) / 1000);
    }
    return median(samples.slice(50));
  };
  const track = (key: string, opts: unknown) => timedCtx.trackEvent(key, opts as typeof options);
  const baselineUs = perCall(empty);
  const trackUs = perCall(track);

  // Server gone: every flush fails, the queue hits its bound and drops the oldest.
  server.close();
  const before = client.stats();
  const heapBefore = heap();
  for (let i = 0; i < CALLS; i++) ctx.trackEvent("purchase_completed", options);
  const heapAfter = heap();
  const after = client.stats();
  const held = after.queued + after.inFlight;
  const accounted = after.dropped - before.dropped + held - (before.queued + before.inFlight);

  // Floor: MAX_QUEUE events of the same shape held in a plain array.
  const floorBefore = heap();
  const plain = Array.from({ length: MAX_QUEUE }, (_, i) => ({ id: crypto.randomUUID(), eventKey: "purchase_completed", userId: "user-1", timestamp: new Date(i).toISOString(), value: 49.99, metadata: { plan: "pro" }, attributes: { plan: "pro" }, decisions: { checkout: "control" } }));
  const floorBytes = heap() - floorBefore;
  if (plain.length !== MAX_QUEUE) throw new Error("unreachable");
  for (const c of [timed, client]) void c.close();

  return {
    name: "sdk",
    measurements: [
      { label: "trackEvent() median per call", value: trackUs, unit: "µs", floor: { label: "empty function", value: baselineUs }, target: { op: "<=", value: 2 } },
      {
        label: `heap growth after ${CALLS.toLocaleString("en")} calls, server down`,
        value: (heapAfter - heapBefore) / 2 ** 20,
        unit: "MiB",
        floor: { label: `${MAX_QUEUE} events in an array`, value: floorBytes / 2 ** 20 },
        target: { op: "<=", value: 1.5, of: "floor" },
      },
    ],
    notes: [
      `queue bound ${MAX_QUEUE}: ${held} events held, ${after.dropped - before.dropped} dropped; every call accounted for: ${accounted === CALLS}`,
      (globalThis as { gc?: unknown }).gc ? "heap measured after forced GC" : "run with --expose-gc for exact heap numbers",
    ],
  };
}
