import { beforeAll, expect, it } from "vitest";
import { findEnvironmentId, listEventKeys, listRecentEvents } from "@/lib/explorer/events";
import { eventKeysQuerySchema, parseQuery, recentEventsQuerySchema } from "@/lib/explorer/query";
import { ingestBatch } from "@/lib/ingest/ingest";
import { describeOnDatabases } from "./helpers/databases";
import { createIngestProject, makeEvent } from "./helpers/ingest-fixtures";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2025-06-15T12:00:00Z");

describeOnDatabases("events explorer", (db, kind) => {
  let fixture: Awaited<ReturnType<typeof createIngestProject>>;

  beforeAll(async () => {
    fixture = await createIngestProject(db(), `explore${kind}`);
    const target = { projectId: fixture.project.id, environmentId: fixture.development.id };
    const at = (msAgo: number, events: unknown[]) => ingestBatch(db(), target, { events, sentAt: null }, NOW.getTime() - msAgo);
    await at(20 * DAY, [makeEvent({ eventKey: "signup", userId: "old" })]);
    await at(3 * DAY, [makeEvent({ eventKey: "purchase", userId: "alice" }), makeEvent({ eventKey: "purchase", userId: "bob" })]);
    await at(2 * 60 * 60 * 1000, [makeEvent({ eventKey: "purchase", userId: "alice", value: 42, metadata: { plan: "pro" } })]);
    await at(60 * 1000, [makeEvent({ eventKey: "view", userId: "alice" })]);
    // Another environment's events stay out.
    await ingestBatch(db(), { projectId: fixture.project.id, environmentId: fixture.production.id }, { events: [makeEvent({ eventKey: "prod" })], sentAt: null }, NOW.getTime());
  });

  it("lists event keys with 24 h and 7 d counts, a 14-day series and last seen", async () => {
    const keys = await listEventKeys(db(), fixture.development.id, NOW);
    expect(keys.map((k) => [k.eventKey, k.last24h, k.last7d])).toEqual([
      ["view", 1, 1],
      ["purchase", 1, 3],
      ["signup", 0, 0],
    ]);
    const purchase = keys[1]!;
    expect(purchase.lastSeen).toBe(new Date(NOW.getTime() - 2 * 60 * 60 * 1000).toISOString());
    expect(purchase.daily).toHaveLength(14);
    expect(purchase.daily.at(-1)).toEqual({ day: "2025-06-15", count: 1 });
    expect(purchase.daily.at(-4)).toEqual({ day: "2025-06-12", count: 2 });
    expect(purchase.daily[0]!.day).toBe("2025-06-02");
    expect(purchase.daily.reduce((sum, d) => sum + d.count, 0)).toBe(3);
    expect(keys[2]!.daily.every((d) => d.count === 0)).toBe(true);
  });

  it("lists the latest events newest first, filtered by key and user, with paging", async () => {
    const all = await listRecentEvents(db(), fixture.development.id, { limit: 50 });
    expect(all.events.map((e) => e.eventKey)).toEqual(["view", "purchase", "purchase", "purchase", "signup"]);
    expect(all.nextBefore).toBeNull();
    const alice = await listRecentEvents(db(), fixture.development.id, { eventKey: "purchase", userId: "alice", limit: 50 });
    expect(alice.events).toHaveLength(2);
    expect(alice.events[0]).toMatchObject({ userId: "alice", value: 42, metadata: { plan: "pro" }, attributes: null });
    expect(Date.parse(alice.events[0]!.timestamp)).not.toBeNaN();
    const page1 = await listRecentEvents(db(), fixture.development.id, { limit: 2 });
    expect(page1.nextBefore).toBe(page1.events[1]!.id);
    const page2 = await listRecentEvents(db(), fixture.development.id, { limit: 2, before: page1.nextBefore! });
    expect(page2.events.map((e) => e.eventKey)).toEqual(["purchase", "purchase"]);
    expect(page2.events[0]!.id).toBeLessThan(page1.events[1]!.id);
  });

  it("finds environments by project and key", async () => {
    expect(await findEnvironmentId(db(), fixture.project.id, "production")).toBe(fixture.production.id);
    expect(await findEnvironmentId(db(), fixture.project.id, "staging")).toBeNull();
  });
});

it("validates explorer queries with messages naming the parameter", () => {
  const parse = (schema: Parameters<typeof parseQuery>[0], query: string) => parseQuery(schema, new URLSearchParams(query));
  expect(parse(recentEventsQuerySchema, "environment=production&limit=10&eventKey=buy")).toEqual({
    query: { environment: "production", limit: 10, eventKey: "buy" },
  });
  expect(parse(recentEventsQuerySchema, "environment=development")).toEqual({ query: { environment: "development", limit: 50 } });
  expect(parse(recentEventsQuerySchema, "environment=staging&limit=9999")).toEqual({
    error: "environment: expected development or production; limit: expected 1-500",
  });
  expect(parse(recentEventsQuerySchema, "environment=production&limit=abc&userId=")).toEqual({
    error: "userId: expected 1-256 characters; limit: expected a number",
  });
  expect(parse(eventKeysQuerySchema, "")).toEqual({ error: "environment: expected development or production" });
});
