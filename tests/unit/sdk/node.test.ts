import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { flushCallback, withFlush } from "@/lib/sdk/node";
import type { SignaKitClient } from "@/lib/sdk/core";

const nodeEntry = fileURLToPath(new URL("../../../lib/sdk/node/index.ts", import.meta.url));
const configJson = JSON.stringify({ projectId: "p", environmentKey: "production", sdkKey: "k", version: 1, generatedAt: "", flags: [] });

/**
 * Runs a script in a real Node process (through tsx), with a fetch that answers config requests
 * and prints each event post as `POST <n>` on stdout.
 */
function runScript(body: string, options: { signalAfterReady?: NodeJS.Signals } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "signakit-node-"));
  const file = join(dir, "script.ts");
  writeFileSync(
    file,
    `import { createInstance } from ${JSON.stringify(nodeEntry)};
const fetch = async (url: string, init: RequestInit) => {
  if (init.method === "GET") return new Response(${JSON.stringify(configJson)}, { status: 200 });
  console.log("POST " + JSON.parse(String(init.body)).events.length);
  return new Response("{}", { status: 200 });
};
${body}`,
  );
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; ms: number }>((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ["--import", "tsx", file]);
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.signalAfterReady && stdout.includes("ready")) child.kill(options.signalAfterReady);
    });
    child.on("exit", (code, signal) => resolve({ code, signal, stdout, ms: Date.now() - started }));
  });
}

describe("Node client", () => {
  it("does not hold the process open, and flushes queued events before it exits", async () => {
    const result = await runScript(`
const client = createInstance({ sdkKey: "sk_prod_o_p_r", baseUrl: "http://x", fetch, flushAt: 1000, flushInterval: 60_000 });
client.onReady().then(() => { client.createUserContext("u")!.trackEvent("a"); client.createUserContext("u")!.trackEvent("b"); });
`);
    expect(result.stdout.trim()).toBe("POST 2");
    expect(result.code).toBe(0);
  }, 30_000);

  it("gives up the exit flush after exitFlushTimeout when the server keeps failing", async () => {
    const result = await runScript(`
const failing = async (url: string, init: RequestInit) => {
  const response = await fetch(url, init);
  return init.method === "GET" ? response : new Response("", { status: 503 });
};
const client = createInstance({ sdkKey: "sk_prod_o_p_r", baseUrl: "http://x", fetch: failing, exitFlushTimeout: 1500 });
client.onReady().then(() => client.createUserContext("u")!.trackEvent("a"));
`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("POST 1");
    expect(result.ms).toBeGreaterThanOrEqual(1500);
    expect(result.ms).toBeLessThan(10_000); // not the minutes 8 retries could take
  }, 30_000);

  it("flushOnSigterm: delivers queued events, then the signal ends the process", async () => {
    const result = await runScript(
      `
const client = createInstance({ sdkKey: "sk_prod_o_p_r", baseUrl: "http://x", fetch, flushAt: 1000, flushInterval: 60_000, flushOnSigterm: true });
setInterval(() => {}, 1000); // a busy server
client.onReady().then(() => { client.createUserContext("u")!.trackEvent("a"); console.log("ready"); });
`,
      { signalAfterReady: "SIGTERM" },
    );
    expect(result.stdout).toContain("POST 1");
    expect(result.signal).toBe("SIGTERM");
  }, 30_000);
});

describe("serverless helpers", () => {
  const fakeClient = () => {
    let resolveFlush: () => void = () => {};
    const flush = vi.fn(() => new Promise<void>((resolve) => (resolveFlush = resolve)));
    return { client: { flush } as unknown as SignaKitClient, flush, done: () => resolveFlush() };
  };

  it("flushCallback returns a function for Next.js after()", async () => {
    const { client, flush, done } = fakeClient();
    const callback = flushCallback(client);
    const promise = callback();
    done();
    await promise;
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it("withFlush awaits the flush before returning when there is no waitUntil", async () => {
    const { client, flush, done } = fakeClient();
    let settled = false;
    const handler = withFlush(client, async (x: number) => x * 2);
    const result = handler(21).then((value) => ((settled = true), value));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(flush).toHaveBeenCalledTimes(1);
    expect(settled).toBe(false);
    done();
    expect(await result).toBe(42);
  });

  it("withFlush hands the flush to waitUntil and flushes even when the handler throws", async () => {
    const { client } = fakeClient();
    const waitUntil = vi.fn();
    await expect(withFlush(client, async () => 1, waitUntil)()).resolves.toBe(1);
    await expect(
      withFlush(client, async () => {
        throw new Error("boom");
      }, waitUntil)(),
    ).rejects.toThrow("boom");
    expect(waitUntil).toHaveBeenCalledTimes(2);
    expect(waitUntil.mock.calls[0]?.[0]).toBeInstanceOf(Promise);
  });
});
