import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { buildBrowserSdk } from "@/lib/sdk/build-browser";
import { realisticConfig } from "../flags/fixtures";

describe("browser bundle", () => {
  it("builds a minified IIFE that exposes window.SignaKit and works on its own", async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), "signakit-bundle-")), "signakit.min.js");
    await buildBrowserSdk(outfile);
    const code = readFileSync(outfile, "utf8");
    expect(code.length).toBeLessThan(60_000);
    expect(code).not.toMatch(/\brequire\(/);

    const fetch = async (url: string, init: RequestInit) =>
      url.includes("/configs/") ? new Response(JSON.stringify(realisticConfig), { status: 200 }) : new Response("{}", { status: init.method === "POST" ? 200 : 404 });
    const window = Object.assign(new EventTarget(), { localStorage: undefined });
    const sandbox = { window, document: new EventTarget(), navigator: {}, console, TextEncoder, AbortController, Response, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, crypto: globalThis.crypto, URL };
    runInNewContext(code, sandbox);

    const SignaKit = (window as unknown as { SignaKit: typeof import("@/lib/sdk/browser") }).SignaKit;
    const client = SignaKit.createInstance({ sdkKey: "sk_prod_org1_proj1_x", baseUrl: "https://h", fetch, pollingInterval: 0 });
    expect(await client.onReady()).toEqual({ success: true });
    expect(client.createUserContext("qa-1")!.decide("new-checkout")?.variationKey).toBe("treatment");
    await client.close();
    expect(client.stats().delivered).toBe(1);
  }, 30_000);
});
