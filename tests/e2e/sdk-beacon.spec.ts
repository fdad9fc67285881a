import { expect, test, type Request } from "@playwright/test";
import { E2E_ADMIN } from "./playwright.config";
import { signIn } from "./helpers";

interface BeaconCall {
  url: string;
  body: string | null;
  queued: boolean;
}

const BEACON_LOG = "e2e:beacon-calls";

test("events tracked just before a navigation arrive through sendBeacon", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);

  // An SDK key of the dashboard's current project; with no project yet (the demo is off), create one.
  const newKey = () => page.request.post("/api/v1/sdk-keys", { data: { environment: "development", name: "sdk-beacon e2e" } });
  let created = await newKey();
  if (created.status() === 409) {
    const project = await page.request.post("/api/v1/projects", { data: { organizationId: "e2e", projectId: "beacon", name: "Beacon" } });
    expect(project.status()).toBe(201);
    created = await newKey();
  }
  expect(created.status()).toBe(201);
  const sdkKey = ((await created.json()) as { sdkKey: { key: string } }).sdkKey.key;
  const projectId = sdkKey.split("_")[3]!;

  const ingestRequests: Request[] = [];
  page.context().on("request", (request) => {
    if (new URL(request.url()).pathname === "/v1/flag-events") ingestRequests.push(request);
  });

  // Any same-origin page will do; the SDK arrives as a script tag, as on a customer's site.
  await page.goto("/signin");
  await page.evaluate((key) => {
    localStorage.removeItem(key);
    // Record every sendBeacon call where it survives the navigation: same-origin localStorage.
    const original = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = (url, data) => {
      const queued = original(url, data);
      const calls = JSON.parse(localStorage.getItem(key) ?? "[]") as BeaconCall[];
      calls.push({ url: String(url), body: typeof data === "string" ? data : null, queued });
      localStorage.setItem(key, JSON.stringify(calls));
      return queued;
    };
  }, BEACON_LOG);
  await page.addScriptTag({ url: "/sdk/signakit.min.js" });

  const eventKey = `beacon_${Date.now()}`;
  const before = await page.evaluate(
    async ({ sdkKey, eventKey }) => {
      // flushAt and flushInterval keep the event queued: only leaving the page can send it.
      const client = window.SignaKit.createInstance({ sdkKey, baseUrl: location.origin, pollingInterval: 0, flushAt: 100, flushInterval: 60_000 });
      const ready = await client.onReady();
      client.createUserContext("beacon-user", { plan: "pro" })!.trackEvent(eventKey, { value: 7 });
      return { ready, stats: client.stats() };
    },
    { sdkKey, eventKey },
  );
  expect(before.ready).toEqual({ success: true });
  expect(before.stats).toMatchObject({ queued: 1, inFlight: 0, delivered: 0 });
  await page.goto("/signin?after=beacon");

  // The beacon: one sendBeacon call to the ?sdkKey= URL, accepted by the browser, carrying our event.
  const calls = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "[]") as BeaconCall[], BEACON_LOG);
  expect(calls).toHaveLength(1);
  const call = calls[0]!;
  expect(call.url).toBe(`${new URL(page.url()).origin}/v1/flag-events?sdkKey=${encodeURIComponent(sdkKey)}`);
  expect(call.queued).toBe(true);
  const sent = (JSON.parse(call.body!) as { events: { id: string; eventKey: string; userId: string }[] }).events;
  expect(sent).toEqual([expect.objectContaining({ eventKey, userId: "beacon-user" })]);

  // The server stored it, once, with the id the beacon carried.
  let stored: { clientId: string; userId: string; value: number; attributes: unknown }[] = [];
  await expect
    .poll(
      async () => {
        const response = await page.request.get(`/api/v1/events?environment=development&projectId=${projectId}&eventKey=${eventKey}`);
        expect(response.status()).toBe(200);
        stored = ((await response.json()) as { events: typeof stored }).events;
        return stored.length;
      },
      { timeout: 10_000 },
    )
    .toBe(1);
  expect(stored[0]).toMatchObject({ clientId: sent[0]!.id, userId: "beacon-user", value: 7, attributes: { plan: "pro" } });

  // Playwright reports the page's fetches (a beacon sent while the page unloads it does not see):
  // no fetch to the ingest route happened, so the event left only through the beacon.
  expect(ingestRequests.filter((request) => request.resourceType() === "fetch")).toEqual([]);
});
