import type { WireEvent } from "@/lib/sdk/core/types";

/** The ingest route's batch limit. */
const BATCH_SIZE = 1000;

/**
 * Sends events through the public ingest endpoint, as an SDK would, one batch at a time (PGlite
 * is single-threaded, so parallel batches would only queue). Throws on the first refused batch.
 */
export async function sendEvents(baseUrl: string, sdkKey: string, events: readonly WireEvent[]): Promise<void> {
  const url = new URL("/v1/flag-events", baseUrl);
  for (let offset = 0; offset < events.length; offset += BATCH_SIZE) {
    const batch = events.slice(offset, offset + BATCH_SIZE);
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-sdk-key": sdkKey },
      body: JSON.stringify({ sentAt: new Date().toISOString(), events: batch }),
    });
    if (!response.ok) {
      const detail = await response.text().catch(() => "");
      throw new Error(`demo: ${url} refused a batch with ${response.status}: ${detail.slice(0, 300)}`);
    }
  }
}
