import { act, createElement, useEffect } from "react";
import type { Root } from "react-dom/client";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createInstance } from "@/lib/sdk/core";
import type { FlagState } from "@/lib/sdk/react";
import { realisticConfig } from "../flags/fixtures";
import { BASE_URL, SDK_KEY, fakeServer, memoryLogger } from "./helpers";

/*
 * No DOM library is installed: react-dom renders into a stub container, which suffices because
 * the probe components render nothing (null) and only report hook values.
 */
let createRoot: typeof import("react-dom/client").createRoot;
let react: typeof import("@/lib/sdk/react");
beforeAll(async () => {
  Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true, window: globalThis, HTMLIFrameElement: class {} });
  ({ createRoot } = await import("react-dom/client"));
  react = await import("@/lib/sdk/react");
});

const roots: Root[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await act(async () => root.unmount());
});

async function mount(element: React.ReactElement): Promise<Root> {
  const documentStub = { nodeType: 9, addEventListener() {}, removeEventListener() {} };
  const container = { nodeType: 1, nodeName: "DIV", tagName: "DIV", namespaceURI: "http://www.w3.org/1999/xhtml", ownerDocument: documentStub, addEventListener() {}, removeEventListener() {} };
  const root = createRoot(container as unknown as Element);
  roots.push(root);
  await act(async () => root.render(element));
  return root;
}

function gatedServer() {
  const server = fakeServer();
  const serve = server.fetch.getMockImplementation()!;
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  server.fetch.mockImplementation(async (url, init) => {
    if (init.method === "GET") await gate;
    return serve(url, init);
  });
  const client = createInstance({ sdkKey: SDK_KEY, baseUrl: BASE_URL, fetch: server.fetch, logger: memoryLogger().logger, pollingInterval: 0 });
  return { server, client, open };
}

function Probe({ flagKey, seen, events = [] }: { flagKey: string; seen: FlagState[]; events?: string[] }) {
  const flag = react.useFlag(flagKey);
  const track = react.useTrackEvent();
  seen.push(flag);
  useEffect(() => {
    for (const key of events) track(key);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return null;
}

describe("React bindings in the browser", () => {
  it("renders off until ready, then the decision, with a single exposure", async () => {
    const { server, client, open } = gatedServer();
    const seen: FlagState[] = [];
    const tree = (attributes: Record<string, unknown>) =>
      createElement(react.SignaKitProvider, { client, userId: "qa-1", attributes }, createElement(Probe, { flagKey: "new-checkout", seen }));
    const root = await mount(tree({ country: "US" }));
    await act(async () => {});
    expect(seen.at(-1)).toMatchObject({ variationKey: "off", enabled: false, ready: false });

    await act(async () => open());
    expect(seen.at(-1)).toMatchObject({ variationKey: "treatment", enabled: true, ruleKey: "checkout-exp", ready: true, variables: { color: "green" } });

    // A new but equal attributes object keeps the same user context, so no second exposure.
    await act(async () => root.render(tree({ country: "US" })));
    await client.flush();
    expect(server.sentEvents().map((e) => [e.eventKey, e.metadata?.flagKey])).toEqual([["$exposure", "new-checkout"]]);
  });

  it("holds events tracked before readiness and sends them once ready", async () => {
    const { server, client, open } = gatedServer();
    await mount(createElement(react.SignaKitProvider, { client, userId: "u1" }, createElement(Probe, { flagKey: "paused", seen: [], events: ["clicked"] })));
    await act(async () => {});
    await client.flush();
    expect(server.eventPosts()).toHaveLength(0);
    await act(async () => open());
    await client.flush();
    expect(server.sentEvents().map((e) => e.eventKey).sort()).toEqual(["$exposure", "clicked"]);
  });

  it("re-decides when a new config arrives", async () => {
    const server = fakeServer();
    const client = createInstance({ sdkKey: SDK_KEY, baseUrl: BASE_URL, fetch: server.fetch, logger: memoryLogger().logger, pollingInterval: 20 });
    await client.onReady();
    const seen: FlagState[] = [];
    await mount(createElement(react.SignaKitProvider, { client, userId: "u1" }, createElement(Probe, { flagKey: "paused", seen })));
    await act(async () => {});
    expect(seen.at(-1)).toMatchObject({ variationKey: "off", ready: true });
    server.state.config = { ...realisticConfig, flags: realisticConfig.flags.map((f) => (f.key === "paused" ? { ...f, running: true } : f)) };
    server.state.etag = '"v2"';
    await act(() => new Promise((resolve) => setTimeout(resolve, 60)));
    expect(seen.at(-1)).toMatchObject({ variationKey: "on", enabled: true });
    await client.close();
  });
});
