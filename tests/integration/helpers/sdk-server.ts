import * as latestConfig from "@/app/configs/[orgId]/[projectId]/[environment]/latest.json/route";
import * as flagEvents from "@/app/v1/flag-events/route";
import type { Database } from "@/lib/db";
import type { FetchLike, Logger, WireEvent } from "@/lib/sdk/core/types";
import { startRouteServer, type Route } from "./route-server";

/** The two routes an SDK talks to, the real modules, served over real HTTP from the process database. */
export function startSdkServer() {
  return startRouteServer([
    { pattern: "/v1/flag-events", module: flagEvents },
    // The route types its params exactly; the test server hands every route a plain record.
    { pattern: "/configs/:orgId/:projectId/:environment/latest.json", module: latestConfig as unknown as Route["module"] },
  ]);
}

export interface ObservedRequest {
  method: string;
  url: string;
  /** HTTP status, or 0 when the request failed at the network level. */
  status: number;
  retryAfter: string | null;
  startedAt: number;
  endedAt: number;
  events: WireEvent[];
}

/**
 * The SDK's fetch option set to the real global fetch, recording each request and its answer.
 * Nothing is altered: it only lets tests see what crossed the wire.
 */
export function observingFetch() {
  const requests: ObservedRequest[] = [];
  const fetch: FetchLike = async (url, init) => {
    const body = typeof init.body === "string" ? (JSON.parse(init.body) as { events?: WireEvent[] }) : undefined;
    const record: ObservedRequest = {
      method: init.method ?? "GET",
      url,
      status: 0,
      retryAfter: null,
      startedAt: Date.now(),
      endedAt: 0,
      events: body?.events ?? [],
    };
    requests.push(record);
    try {
      const response = await globalThis.fetch(url, init);
      record.status = response.status;
      record.retryAfter = response.headers.get("retry-after");
      return response;
    } finally {
      record.endedAt = Date.now();
    }
  };
  const posts = () => requests.filter((r) => r.method === "POST");
  return { fetch, requests, posts, sentEvents: () => posts().flatMap((r) => r.events) };
}

/** A logger that keeps what the SDK says. */
export function memoryLogger(): Logger & { warnings: string[]; errors: string[] } {
  const warnings: string[] = [];
  const errors: string[] = [];
  return {
    warnings,
    errors,
    warn: (message) => void warnings.push(message),
    error: (message) => void errors.push(message),
  };
}

/** Events of an environment, counted: rows, distinct client ids, and rows per client id above one. */
export async function countEvents(db: Database, environmentId: string, where = "true", params: unknown[] = []) {
  const [row] = await db.sql.query<{ rows: number; ids: number }>(
    `select count(*)::int as rows, count(distinct "clientId")::int as ids
       from "Event" where "environmentId" = $1 and (${where})`,
    [environmentId, ...params],
  );
  return row!;
}

export async function clientIds(db: Database, environmentId: string, where = "true", params: unknown[] = []): Promise<string[]> {
  const rows = await db.sql.query<{ clientId: string }>(
    `select "clientId" from "Event" where "environmentId" = $1 and (${where})`,
    [environmentId, ...params],
  );
  return rows.map((r) => r.clientId);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Lets timers, sockets and the SDK's pump run. */
export const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}
