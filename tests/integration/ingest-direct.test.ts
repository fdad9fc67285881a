// The started app answers POST and OPTIONS /v1/flag-events in its custom server, ahead of Next.js
// (lib/ingest/http.ts). Over real HTTP, that answer must be the route handler's: the same requests
// go to the started app and to the route module served in this process, and must get the same status,
// body and headers that matter.
import crypto from "node:crypto";
import http from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as flagEvents from "@/app/v1/flag-events/route";
import { createSdkKey } from "@/lib/auth/sdk-keys";
import { setDatabase, type Database } from "@/lib/db";
import { openDatabase } from "@/lib/db/connect";
import { applyMigrations } from "@/lib/db/migrate";
import { FLAG_EVENTS_PATH } from "@/lib/ingest/endpoint";
import { createProject } from "@/lib/setup/projects";
import { startApp, tempDir, type RunningApp } from "../bench/helpers/app";
import { createTestDatabase } from "./helpers/databases";
import { exposure, makeEvent } from "./helpers/ingest-fixtures";
import { startRouteServer } from "./helpers/route-server";

const KEY = `sk_dev_acme_direct_${crypto.randomBytes(16).toString("hex")}`;
const COMPARED_HEADERS = [
  "access-control-allow-origin",
  "access-control-allow-methods",
  "access-control-allow-headers",
  "access-control-expose-headers",
  "access-control-max-age",
  "cache-control",
  "content-type",
  "retry-after",
];

/** The same project and SDK key in the app's database and in this process's. */
async function createDirectProject(db: Database) {
  const project = await createProject(db, { organizationId: "acme", projectId: "direct", name: "Direct" });
  await createSdkKey(db, project.environments.find((e) => e.key === "development")!.id, "direct", KEY);
}

interface Case {
  name: string;
  method?: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

const json = (value: unknown) => JSON.stringify(value);
const batch = json({ events: [makeEvent({ eventKey: "direct" }), exposure("direct-user", "checkout", "treatment")] });
const CASES: Case[] = [
  { name: "valid batch", headers: { "X-SDK-Key": KEY }, body: batch },
  {
    name: "mixed batch",
    headers: { "X-SDK-Key": KEY },
    body: json({ sentAt: new Date().toISOString(), events: [makeEvent(), makeEvent({ timestamp: "yesterday" }), "not an event", makeEvent({ id: "x" })] }),
  },
  { name: "no key", body: batch },
  { name: "unknown key", headers: { "X-SDK-Key": "sk_dev_acme_direct_nothere" }, body: batch },
  { name: "key in the query (sendBeacon)", query: `?sdkKey=${KEY}`, headers: { "Content-Type": "text/plain;charset=UTF-8" }, body: batch },
  { name: "malformed JSON", headers: { "X-SDK-Key": KEY }, body: '{"events": [' },
  { name: "no events array", headers: { "X-SDK-Key": KEY }, body: "[]" },
  { name: "bad sentAt", headers: { "X-SDK-Key": KEY }, body: json({ sentAt: "soon", events: [] }) },
  { name: "gzip", headers: { "X-SDK-Key": KEY, "Content-Encoding": "gzip" }, body: new Uint8Array(zlib.gzipSync(batch)) },
  { name: "broken gzip", headers: { "X-SDK-Key": KEY, "Content-Encoding": "gzip" }, body: "not gzip" },
  { name: "gzip bomb", headers: { "X-SDK-Key": KEY, "Content-Encoding": "gzip" }, body: new Uint8Array(zlib.gzipSync(Buffer.alloc(5 << 20, " "))) },
  { name: "unsupported encoding", headers: { "X-SDK-Key": KEY, "Content-Encoding": "br" }, body: "{}" },
  { name: "over 1 MB", headers: { "X-SDK-Key": KEY }, body: json({ events: [makeEvent({ metadata: { pad: "x".repeat(1_100_000) } })] }) },
  { name: "over 1000 events", headers: { "X-SDK-Key": KEY }, body: json({ events: Array.from({ length: 1001 }, () => makeEvent()) }) },
  {
    name: "CORS preflight",
    method: "OPTIONS",
    headers: { Origin: "https://shop.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "x-sdk-key" },
  },
];

async function send(baseUrl: string, c: Case) {
  const response = await fetch(`${baseUrl}${FLAG_EVENTS_PATH}${c.query ?? ""}`, {
    method: c.method ?? "POST",
    headers: { "Content-Type": "application/json", ...c.headers },
    body: c.body as BodyInit | undefined,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as unknown) : null,
    headers: Object.fromEntries(COMPARED_HEADERS.map((name) => [name, response.headers.get(name)])),
  };
}

/** POSTs `chunks` without Content-Length (chunked) on a one-socket keep-alive agent. */
function postChunked(app: RunningApp, agent: http.Agent, chunks: string[]) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      `${app.url}${FLAG_EVENTS_PATH}`,
      { method: "POST", agent, headers: { "X-SDK-Key": KEY, "Content-Type": "application/json" } },
      (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on("error", reject);
    request.setTimeout(10_000, () => request.destroy(new Error("no answer within 10 s")));
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

describe("POST /v1/flag-events served by the custom server", () => {
  const data = tempDir("ingest-direct");
  let app: RunningApp;
  let route: { url: string; close: () => Promise<void> };
  let routeDb: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    // The app's embedded database is prepared before it starts (a PGlite folder has one owner).
    const appDb = await openDatabase({ kind: "pglite", dataDir: `${data.dir}/pglite` });
    try {
      await applyMigrations(appDb.adapterFactory);
      await createDirectProject(appDb);
    } finally {
      await appDb.close();
    }
    app = await startApp({ dataDir: data.dir });
    routeDb = await createTestDatabase("pglite");
    setDatabase(routeDb.db);
    await createDirectProject(routeDb.db);
    route = await startRouteServer([{ pattern: FLAG_EVENTS_PATH, module: flagEvents }]);
  });

  afterAll(async () => {
    await app?.stop();
    await route?.close();
    await routeDb?.drop();
    data.remove();
  });

  it.each(CASES)("$name: answered as the route handler answers it", async (c) => {
    const [direct, viaRoute] = [await send(app.url, c), await send(route.url, c)];
    expect(direct).toEqual(viaRoute);
    expect(direct.status).not.toBe(500);
  });

  it("is answered before Next.js, which still serves every other request to the path", async () => {
    const direct = await fetch(`${app.url}${FLAG_EVENTS_PATH}`, { method: "OPTIONS" });
    // Next.js adds Vary: rsc, next-router-state-tree… to everything it routes.
    expect(direct.headers.get("vary")).toBeNull();
    const viaNext = await fetch(`${app.url}${FLAG_EVENTS_PATH}`);
    expect(viaNext.status).toBe(405);
    expect(viaNext.headers.get("vary")).toMatch(/rsc/);
  });

  it("answers 413 to a chunked body beyond 1 MB and keeps the connection usable", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const tooBig = await postChunked(app, agent, Array.from({ length: 12 }, () => "x".repeat(100_000)));
      expect(tooBig.status).toBe(413);
      expect(JSON.parse(tooBig.body).error).toMatch(/1048576 bytes/);
      const next = await postChunked(app, agent, [json({ events: [makeEvent({ eventKey: "after-413" })] })]);
      expect(next.status).toBe(200);
      expect(JSON.parse(next.body)).toMatchObject({ accepted: 1 });
    } finally {
      agent.destroy();
    }
  });
});
