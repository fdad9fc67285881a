import crypto from "node:crypto";
import http from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as flagEvents from "@/app/v1/flag-events/route";
import { revokeSdkKey } from "@/lib/auth/sdk-keys";
import { setDatabase } from "@/lib/db";
import { createTestDatabase, describeOnDatabases } from "./helpers/databases";
import { createIngestProject, exposure, makeEvent, postEvents } from "./helpers/ingest-fixtures";
import { startRouteServer } from "./helpers/route-server";

describeOnDatabases("POST /v1/flag-events", (db, kind) => {
  let server: { url: string; close: () => Promise<void> };
  let fixture: Awaited<ReturnType<typeof createIngestProject>>;
  const post = (body: unknown, options: Parameters<typeof postEvents>[2] = {}) =>
    postEvents(server.url, body, { key: fixture.developmentKey, ...options });
  const countEvents = async (where = "true", params: unknown[] = []) => {
    const [row] = await db().sql.query<{ n: number }>(
      `select count(*)::int as n from "Event" where "environmentId" = $1 and (${where})`,
      [fixture.development.id, ...params],
    );
    return row!.n;
  };

  beforeAll(async () => {
    server = await startRouteServer([{ pattern: "/v1/flag-events", module: flagEvents }]);
    fixture = await createIngestProject(db(), `ingest${kind}`);
  });
  afterAll(() => server.close());

  it("stores a batch of 1000 events in one request", async () => {
    const events = Array.from({ length: 1000 }, (_, i) => makeEvent({ eventKey: "bulk", userId: `bulk-${i}`, value: i }));
    const answer = await post({ events });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ accepted: 1000, duplicates: 0, dropped: 0, rejected: [] });
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    expect(await countEvents(`"eventKey" = 'bulk'`)).toBe(1000);
    const [row] = await db().sql.query<{ value: number; metadata: unknown; projectId: string }>(
      `select value, metadata, "projectId" from "Event" where "userId" = 'bulk-7'`,
    );
    expect(row).toEqual({ value: 7, metadata: { plan: "pro" }, projectId: fixture.project.id });
  });

  it("stores the valid events of a mixed batch and names the fields of the invalid ones", async () => {
    const isoEvent = makeEvent({ eventKey: "mixed", timestamp: "2024-03-01T10:00:00.123456789+02:00" });
    const events = [
      makeEvent({ eventKey: "mixed" }),
      makeEvent({ eventKey: "mixed", timestamp: "yesterday" }),
      makeEvent({ eventKey: "", userId: "x".repeat(257) }),
      makeEvent({ eventKey: "mixed", value: "12" }),
      makeEvent({ eventKey: "mixed", metadata: { text: "x".repeat(5000) } }),
      makeEvent({ eventKey: "mixed", attributes: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`a${i}`, i])) }),
      makeEvent({ eventKey: "mixed", decisions: { flag: 1 } }),
      makeEvent({ eventKey: "mixed", id: "not-a-uuid" }),
      { eventKey: "$exposure", userId: "u", timestamp: Date.now(), metadata: { flagKey: "f" } },
      "not an event",
      makeEvent({ eventKey: "mixed", timestamp: 1_700_000_000_000, attributes: { plan: "pro" }, decisions: { flag: "on" } }),
      isoEvent,
    ];
    const answer = await post({ events });
    expect(answer.status).toBe(200);
    expect(answer.json.accepted).toBe(3);
    expect(answer.json.rejected).toEqual([
      { index: 1, errors: ["timestamp: expected ISO-8601 or epoch milliseconds"] },
      { index: 2, errors: ["eventKey: expected a string of 1-100 characters", "userId: expected a string of 1-256 characters"] },
      { index: 3, errors: ["value: expected a finite number"] },
      { index: 4, errors: [expect.stringMatching(/^metadata: at most 5000 serialised characters/)] },
      { index: 5, errors: ["attributes: at most 50 keys"] },
      { index: 6, errors: ["decisions.flag: expected a variation key (string)"] },
      { index: 7, errors: ["id: expected a UUID"] },
      { index: 8, errors: [expect.stringMatching(/^metadata\.variationKey: required for \$exposure events/)] },
      { index: 9, errors: ["event: expected an object"] },
    ]);
    expect(await countEvents(`"eventKey" = 'mixed'`)).toBe(3);
    const [iso] = await db().sql.query<{ timestamp: Date }>(
      `select timestamp from "Event" where "clientId" = $1`,
      [isoEvent.id],
    );
    expect(new Date(iso!.timestamp).toISOString()).toBe("2024-03-01T08:00:00.123Z");
  });

  it("stores re-sent ids once and counts them as duplicates", async () => {
    const events = Array.from({ length: 50 }, () => makeEvent({ eventKey: "retry" }));
    expect((await post({ events })).json).toMatchObject({ accepted: 50, duplicates: 0 });
    const again = await post({ events: [...events, makeEvent({ eventKey: "retry" })] });
    expect(again.json).toMatchObject({ accepted: 1, duplicates: 50 });
    const upper = { ...events[0]!, id: events[0]!.id.toUpperCase() };
    const twice = makeEvent({ eventKey: "retry" });
    expect((await post({ events: [upper, twice, twice] })).json).toMatchObject({ accepted: 1, duplicates: 2 });
    expect(await countEvents(`"eventKey" = 'retry'`)).toBe(52);
  });

  it("accepts gzip bodies and sendBeacon's text/plain with the key in the query", async () => {
    const gz = zlib.gzipSync(JSON.stringify({ events: [makeEvent({ eventKey: "gz" }), makeEvent({ eventKey: "gz" })] }));
    const answer = await post(new Uint8Array(gz), { headers: { "Content-Encoding": "gzip" } });
    expect(answer.json).toMatchObject({ accepted: 2 });
    const beacon = await fetch(`${server.url}/v1/flag-events?sdkKey=${fixture.developmentKey}`, {
      method: "POST",
      headers: { "Content-Type": "text/plain;charset=UTF-8" },
      body: JSON.stringify({ events: [makeEvent({ eventKey: "gz" })] }),
    });
    expect(beacon.status).toBe(200);
    expect(await countEvents(`"eventKey" = 'gz'`)).toBe(3);
    const broken = await post(new Uint8Array(Buffer.from("not gzip")), { headers: { "Content-Encoding": "gzip" } });
    expect(broken.status).toBe(400);
    expect((await post("{}", { headers: { "Content-Encoding": "br" } })).status).toBe(415);
  });

  it("refuses missing, unknown and revoked keys with 401", async () => {
    const body = { events: [makeEvent({ eventKey: "nokey" })] };
    expect((await postEvents(server.url, body)).status).toBe(401);
    expect((await post(body, { key: "sk_dev_acme_nothere_abc123" })).status).toBe(401);
    const { productionKey, production } = fixture;
    const keyRow = await db().prisma.sdkKey.findUniqueOrThrow({ where: { key: productionKey } });
    expect((await post(body, { key: productionKey })).status).toBe(200);
    await revokeSdkKey(db(), keyRow.id);
    const revoked = await post(body, { key: productionKey });
    expect(revoked.status).toBe(401);
    expect(revoked.json.error).toMatch(/SDK key/);
    expect(await countEvents(`"eventKey" = 'nokey'`)).toBe(0);
    const [stored] = await db().sql.query<{ n: number }>(
      `select count(*)::int as n from "Event" where "environmentId" = $1 and "eventKey" = 'nokey'`,
      [production.id],
    );
    expect(stored!.n).toBe(1);
  });

  it("answers 413 beyond 1 MB (plain or gzip bomb) and beyond 1000 events", async () => {
    const big = JSON.stringify({ events: [makeEvent({ eventKey: "big", metadata: { pad: "x".repeat(1_100_000) } })] });
    const plain = await post(big);
    expect(plain.status).toBe(413);
    expect(plain.json.error).toMatch(/1048576 bytes/);
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024, " "));
    const bombAnswer = await post(new Uint8Array(bomb), { headers: { "Content-Encoding": "gzip" } });
    expect(bombAnswer.status).toBe(413);
    // Without Content-Length (chunked), the limit is enforced while reading.
    const chunked = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${server.url}/v1/flag-events`, { method: "POST", headers: { "X-SDK-Key": fixture.developmentKey } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
      for (let i = 0; i < 12; i++) request.write("x".repeat(100_000));
      request.end();
    });
    expect(chunked).toBe(413);
    const many = await post({ events: Array.from({ length: 1001 }, () => makeEvent({ eventKey: "big" })) });
    expect(many.status).toBe(413);
    expect(many.json.error).toMatch(/at most 1000 events/);
    expect(await countEvents(`"eventKey" = 'big'`)).toBe(0);
  });

  it("answers 400 to malformed JSON and bodies without an events array, storing nothing", async () => {
    for (const body of ['{"events": [', "", "[]", '{"events": {}}', '{"event": []}', "null"]) {
      const answer = await post(body);
      expect(answer.status, body).toBe(400);
      expect(answer.json.error).toBeTypeOf("string");
    }
    const badSentAt = await post({ sentAt: "soon", events: [makeEvent({ eventKey: "bad" })] });
    expect(badSentAt.status).toBe(400);
    expect(badSentAt.json.error).toMatch(/^sentAt:/);
    expect(await countEvents(`"eventKey" = 'bad'`)).toBe(0);
  });

  it("corrects the client's clock skew, clamps far-future times and stores the time of receipt", async () => {
    const clientNow = Date.now() + 3 * 60 * 60 * 1000; // the client's clock runs 3 h ahead
    const skewed = makeEvent({ eventKey: "skew", timestamp: new Date(clientNow - 60_000).toISOString() });
    const future = makeEvent({ eventKey: "skew", timestamp: Date.now() + 48 * 60 * 60 * 1000 });
    const before = Date.now();
    await post({ sentAt: new Date(clientNow).toISOString(), events: [skewed] });
    await post({ events: [future] });
    const after = Date.now();
    const rows = await db().sql.query<{ clientId: string; timestamp: Date; receivedAt: Date }>(
      `select "clientId", timestamp, "receivedAt" from "Event" where "eventKey" = 'skew'`,
    );
    const byId = new Map(rows.map((r) => [r.clientId, r]));
    const s = byId.get(skewed.id)!;
    const received = new Date(s.receivedAt).getTime();
    expect(received).toBeGreaterThanOrEqual(before);
    expect(received).toBeLessThanOrEqual(after);
    expect(new Date(s.timestamp).getTime()).toBe(received - 60_000);
    const f = byId.get(future.id)!;
    expect(new Date(f.timestamp).getTime()).toBe(new Date(f.receivedAt).getTime());
  });

  it("keeps one assignment for an exposure sent 1000 times and records a second variation", async () => {
    const start = Date.now() - 10_000;
    const storm = Array.from({ length: 1000 }, (_, i) =>
      exposure("storm-user", "checkout", "treatment", { timestamp: start + i }),
    );
    const answer = await post({ events: storm });
    expect(answer.json).toMatchObject({ accepted: 1000, rejected: [] });
    expect((await post({ events: storm.slice(0, 10).map((e) => ({ ...e, id: crypto.randomUUID() })) })).status).toBe(200);
    const assignments = () =>
      db().sql.query<{ variationKey: string; ruleKey: string; firstSeenAt: Date; lastSeenAt: Date }>(
        `select "variationKey", "ruleKey", "firstSeenAt", "lastSeenAt" from "Assignment"
          where "environmentId" = $1 and "flagKey" = 'checkout' and "userId" = 'storm-user' order by "firstSeenAt"`,
        [fixture.development.id],
      );
    let rows = await assignments();
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0]!.firstSeenAt).getTime()).toBe(start);
    expect(new Date(rows[0]!.lastSeenAt).getTime()).toBe(start + 999);
    expect(rows[0]!.ruleKey).toBe("r1");

    // An earlier exposure arriving late moves firstSeenAt back; another variation adds a row.
    await post({ events: [exposure("storm-user", "checkout", "treatment", { timestamp: start - 5000 })] });
    await post({ events: [exposure("storm-user", "checkout", "control", { timestamp: start + 5000 })] });
    rows = await assignments();
    expect(rows.map((r) => r.variationKey)).toEqual(["treatment", "control"]);
    expect(new Date(rows[0]!.firstSeenAt).getTime()).toBe(start - 5000);
    expect(await countEvents(`"eventKey" = '$exposure' and "userId" = 'storm-user'`)).toBe(1012);
  });

  it("drops bot events and counts them per environment and day", async () => {
    const googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    const human = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
    const events = [
      makeEvent({ eventKey: "botcheck", attributes: { $userAgent: googlebot } }),
      exposure("bot-user", "checkout", "control", { attributes: { $userAgent: googlebot } }),
      makeEvent({ eventKey: "botcheck", attributes: { $userAgent: human } }),
    ];
    expect((await post({ events })).json).toEqual({ accepted: 1, duplicates: 0, dropped: 2, rejected: [] });
    await post({ events: [makeEvent({ eventKey: "botcheck", attributes: { $userAgent: googlebot } })] });
    expect(await countEvents(`"eventKey" = 'botcheck'`)).toBe(1);
    const drops = await db().sql.query<{ bots: number; day: string }>(
      `select bots, to_char(day, 'YYYY-MM-DD') as day from "IngestDrop" where "environmentId" = $1`,
      [fixture.development.id],
    );
    expect(drops).toEqual([{ bots: 3, day: new Date().toISOString().slice(0, 10) }]);
    const [assignment] = await db().sql.query<{ n: number }>(`select count(*)::int as n from "Assignment" where "userId" = 'bot-user'`);
    expect(assignment!.n).toBe(0);
  });

  it("answers CORS preflights", async () => {
    const response = await fetch(`${server.url}/v1/flag-events`, {
      method: "OPTIONS",
      headers: { Origin: "https://shop.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "x-sdk-key, content-type" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toMatch(/X-SDK-Key/);
    expect(response.headers.get("access-control-allow-headers")).toMatch(/Content-Encoding/);
  });

  it("answers 503 with Retry-After when the database is unavailable, writing nothing", async () => {
    const broken = await createTestDatabase(kind);
    await broken.drop();
    setDatabase(broken.db);
    try {
      const answer = await post({ events: [makeEvent({ eventKey: "down" })] });
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toBe("5");
      expect(answer.json.error).toMatch(/unavailable/);
    } finally {
      setDatabase(db());
    }
    expect(await countEvents(`"eventKey" = 'down'`)).toBe(0);
  });
});
