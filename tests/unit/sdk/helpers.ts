import { vi } from "vitest";
import type { ProjectConfig } from "@/lib/flags/types";
import type { FetchLike, Logger, WireEvent } from "@/lib/sdk/core/types";
import { realisticConfig } from "../flags/fixtures";

export const SDK_KEY = "sk_prod_org1_proj1_abc123";
export const BASE_URL = "https://flags.test";
export const CONFIG_URL = `${BASE_URL}/configs/org1/proj1/production/latest.json`;
export const EVENTS_URL = `${BASE_URL}/v1/flag-events`;

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: { sentAt: string; events: WireEvent[] } | undefined;
  keepalive: boolean | undefined;
}

type Reply = Response | Error | Promise<Response>;

/**
 * An in-memory server: serves `config` with an ETag (304 on a match) and answers event posts
 * with `onEvents` (default 200). Records every request and the peak number in flight.
 */
export function fakeServer(options: { config?: ProjectConfig; onEvents?: (request: RecordedRequest, n: number, signal: AbortSignal | undefined) => Reply } = {}) {
  const state = {
    config: options.config ?? realisticConfig,
    etag: '"v1"',
    requests: [] as RecordedRequest[],
    inFlight: 0,
    maxInFlight: 0,
    onEvents: options.onEvents ?? ((req: RecordedRequest) => json({ accepted: req.body?.events.length ?? 0, duplicates: 0, dropped: 0, rejected: [] })),
  };
  const fetch = vi.fn<FetchLike>(async (url, init) => {
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
    const request: RecordedRequest = {
      url,
      method: init.method ?? "GET",
      headers,
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      keepalive: init.keepalive,
    };
    state.requests.push(request);
    if (url.startsWith(`${BASE_URL}/configs/`)) {
      if (headers["If-None-Match"] === state.etag) return new Response(null, { status: 304 });
      return new Response(JSON.stringify(state.config), { status: 200, headers: { ETag: state.etag } });
    }
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      const reply = await state.onEvents(request, eventPosts().length, init.signal ?? undefined);
      if (reply instanceof Error) throw reply;
      return reply;
    } finally {
      state.inFlight--;
    }
  });
  const eventPosts = () => state.requests.filter((r) => r.method === "POST");
  const sentEvents = () => eventPosts().flatMap((r) => r.body?.events ?? []);
  return { state, fetch, eventPosts, sentEvents };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

export function memoryLogger() {
  const logger = { warn: vi.fn<Logger["warn"]>(), error: vi.fn<Logger["error"]>() };
  const messages = () => [...logger.warn.mock.calls, ...logger.error.mock.calls].map((call) => String(call[0]));
  return { logger, messages };
}
