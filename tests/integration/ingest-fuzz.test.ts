import zlib from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as flagEvents from "@/app/v1/flag-events/route";
import { parseEventFast } from "@/lib/ingest/fast-path";
import { wireEventSchema } from "@/lib/ingest/schema";
import { describeOnDatabases } from "./helpers/databases";
import { createIngestProject, makeEvent, postEvents } from "./helpers/ingest-fixtures";
import { startRouteServer } from "./helpers/route-server";

// Values chosen to hit the edges of the schema and of PostgreSQL (NUL, lone surrogates, huge numbers).
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("", "\0", "a\0b", "\ud800", "x\udc00y", "\\u0000", "2024-02-30", "2024-01-01T25:00:00Z", "1700000000000", -1, 8.7e15, 1e308),
  fc.double(),
  fc.array(fc.string(), { maxLength: 3 }),
);
const sometimes = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: nasty });
const shortText = fc.string({ minLength: 1, maxLength: 20 });
const record = (values: fc.Arbitrary<unknown>) => fc.dictionary(fc.string({ unit: "binary", maxLength: 8 }), values, { maxKeys: 6 });

const fuzzEvent = fc.record(
  {
    id: sometimes(fc.uuid()),
    eventKey: sometimes(fc.constantFrom("fuzz", "$exposure")),
    userId: sometimes(shortText),
    timestamp: sometimes(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.integer({ min: 0, max: 4e12 }))),
    value: sometimes(fc.double({ noNaN: true, noDefaultInfinity: true })),
    metadata: sometimes(
      fc.oneof(
        record(fc.jsonValue({ maxDepth: 2 })),
        fc.record({ flagKey: sometimes(shortText), variationKey: sometimes(shortText), ruleKey: sometimes(fc.option(shortText)) }),
      ),
    ),
    attributes: sometimes(record(fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constant("Googlebot/2.1")))),
    decisions: sometimes(record(sometimes(shortText))),
  },
  { requiredKeys: [] },
);

const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
const malformedBody: fc.Arbitrary<{ body: string | Uint8Array; gzip?: boolean }> = fc.oneof(
  fc.record({ events: fc.array(fuzzEvent, { maxLength: 12 }), sentAt: fc.option(nasty) }).map((b) => ({ body: JSON.stringify(b) })),
  fc.array(fuzzEvent, { maxLength: 5 }).map((events) => ({ body: JSON.stringify({ events }), gzip: true })),
  fc.jsonValue().map((v) => ({ body: JSON.stringify(v) ?? "" })),
  fc.string({ unit: "binary", maxLength: 200 }).map((body) => ({ body })),
  fc.uint8Array({ maxLength: 200 }).map((body) => ({ body, gzip: true })),
  fc.record({ events: fc.array(fuzzEvent, { minLength: 1, maxLength: 4 }), cut: fc.nat() }).map(({ events, cut }) => {
    const text = JSON.stringify({ events });
    return { body: text.slice(0, cut % text.length) };
  }),
  fc.constantFrom(
    '{"events":[{"eventKey":"a","userId":"u","timestamp":1e400,"value":1e400}]}',
    `{"events":[{"eventKey":"a","userId":"u","timestamp":0,"metadata":${deep(40)}}]}`,
    `{"events":[{"eventKey":"a","userId":"u","timestamp":0,"attributes":${deep(2000)}}]}`,
    '{"events":[{"eventKey":"a","userId":"u","timestamp":0,"metadata":{"k":"\\u0000\\ud800"}}]}',
    '{"events":[{"eventKey":"$exposure","userId":"u","timestamp":0,"metadata":{"flagKey":"f\\u0000","variationKey":"v"}}]}',
    '{"events":[{"eventKey":"$exposure","userId":"\\ud800","timestamp":0,"metadata":{"flagKey":"f","variationKey":"v"}},' +
      '{"eventKey":"$exposure","userId":"\\ufffd","timestamp":0,"metadata":{"flagKey":"f","variationKey":"v"}}]}',
    '{"events":[],"sentAt":"8000-01-01T00:00:00Z"}',
    '{"events":[{"eventKey":"a","userId":"u","timestamp":0}],"sentAt":8.64e15}',
  ).map((body) => ({ body })),
);

const identifiersOf = (event: Record<string, unknown>) => {
  const metadata = (event.metadata ?? {}) as Record<string, unknown>;
  return [event.eventKey, event.userId, metadata.flagKey, metadata.variationKey, metadata.ruleKey];
};

it("the fast path accepts only what the schema accepts, and returns the same event", () => {
  fc.assert(
    fc.property(fuzzEvent, (event) => {
      const fast = parseEventFast(event);
      const schema = wireEventSchema.safeParse(event);
      if (fast) expect(schema.success && schema.data).toEqual(fast);
      // Everything valid takes the fast path, except identifiers with unpaired surrogates (the schema repairs those).
      if (schema.success && identifiersOf(event).every((v) => typeof v !== "string" || v.isWellFormed())) {
        expect(fast).not.toBeNull();
      }
    }),
    { numRuns: 5000 },
  );
  expect(parseEventFast(makeEvent({ attributes: { country: "DE" }, decisions: { checkout: "treatment" } }))).not.toBeNull();
  // An own "__proto__" key (JSON.parse makes one) is data like any other key, on both paths.
  const proto = JSON.parse('{"eventKey":"a","userId":"u","timestamp":0,"attributes":{"__proto__":{"x":1}},"decisions":{"__proto__":"v"}}');
  const stored = wireEventSchema.parse(proto);
  expect(stored).toEqual(parseEventFast(proto));
  expect([stored.attributes?.json, stored.decisions?.json]).toEqual(['{"__proto__":{"x":1}}', '{"__proto__":"v"}']);
  expect(wireEventSchema.safeParse({ ...makeEvent(), decisions: { checkout: 1 } }).error?.issues[0]).toMatchObject({
    path: ["decisions", "checkout"],
    message: "expected a variation key (string)",
  });
});

describeOnDatabases("POST /v1/flag-events fuzzing", (db, kind) => {
  let server: { url: string; close: () => Promise<void> };
  let key = "";
  let environmentId = "";

  beforeAll(async () => {
    server = await startRouteServer([{ pattern: "/v1/flag-events", module: flagEvents }]);
    const fixture = await createIngestProject(db(), `fuzz${kind}`);
    key = fixture.developmentKey;
    environmentId = fixture.development.id;
  });
  afterAll(() => server.close());

  it("answers 1000+ malformed bodies with JSON 4xx or success, and stores interleaved valid events exactly once", async () => {
    const sent: ReturnType<typeof makeEvent>[] = [];
    let malformed = 0;
    await fc.assert(
      fc.asyncProperty(malformedBody, fc.nat(), async ({ body, gzip }, pick) => {
        const payload = gzip ? new Uint8Array(zlib.gzipSync(body)) : body;
        const answer = await postEvents(server.url, payload, { key, headers: gzip ? { "Content-Encoding": "gzip" } : {} });
        malformed++;
        expect(answer.status, answer.text).toBeLessThan(500);
        expect(answer.headers.get("content-type")).toMatch(/application\/json/);
        if (answer.status === 200) {
          expect(answer.json).toMatchObject({ accepted: expect.any(Number), duplicates: expect.any(Number), dropped: expect.any(Number) });
        } else {
          expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(answer.json.error).toBeTypeOf("string");
        }
        // A valid event, sometimes along with a retry of an earlier one.
        const fresh = makeEvent({ eventKey: "fuzz-valid", metadata: { n: sent.length } });
        const retry = sent.length && pick % 3 === 0 ? [sent[pick % sent.length]!] : [];
        const valid = await postEvents(server.url, { events: [fresh, ...retry] }, { key });
        expect(valid.json).toEqual({ accepted: 1, duplicates: retry.length, dropped: 0, rejected: [] });
        sent.push(fresh);
      }),
      { numRuns: 1000 },
    );
    expect(malformed).toBeGreaterThanOrEqual(1000);
    const rows = await db().sql.query<{ clientId: string; n: number }>(
      `select "clientId", count(*)::int as n from "Event" where "environmentId" = $1 and "eventKey" = 'fuzz-valid' group by 1`,
      [environmentId],
    );
    expect(rows).toHaveLength(sent.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.clientId))).toEqual(new Set(sent.map((e) => e.id)));
  });
});
