import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { createInstance } from "@/lib/sdk/core";
import { SignaKitProvider, useFlag, useTrackEvent } from "@/lib/sdk/react";
import { BASE_URL, SDK_KEY, fakeServer, memoryLogger } from "./helpers";

function Page() {
  const flag = useFlag("new-checkout");
  const track = useTrackEvent();
  track("rendered");
  return createElement("p", null, `${flag.variationKey}|${String(flag.enabled)}|${String(flag.ready)}`);
}

describe("React bindings in server rendering", () => {
  it("import and render without a window", () => {
    expect(typeof window).toBe("undefined");
    expect(renderToString(createElement(SignaKitProvider, { client: null, userId: "u" }, createElement(Page)))).toBe("<p>off|false|false</p>");
  });

  it("render the safe default even with a ready client, and record nothing", async () => {
    const server = fakeServer();
    const client = createInstance({ sdkKey: SDK_KEY, baseUrl: BASE_URL, fetch: server.fetch, logger: memoryLogger().logger, pollingInterval: 0 });
    await client.onReady();
    const html = renderToString(createElement(SignaKitProvider, { client, userId: "qa-1", attributes: { country: "US", age: 30 } }, createElement(Page)));
    expect(html).toBe("<p>off|false|false</p>");
    await client.close();
    expect(server.eventPosts()).toHaveLength(0);
  });

  it("useFlag outside a provider explains itself", () => {
    expect(() => renderToString(createElement(Page))).toThrow("useFlag must be used inside <SignaKitProvider>");
  });
});
