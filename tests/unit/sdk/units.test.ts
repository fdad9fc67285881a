import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BACKOFF_CAP_MS, RETRY_AFTER_MAX_MS, backoffDelay, parseRetryAfter } from "@/lib/sdk/core/backoff";
import { utf8Length } from "@/lib/sdk/core/batch";
import { EventQueue, type QueuedEvent } from "@/lib/sdk/core/event-queue";
import { beaconUrl, configUrl, parseSdkKey } from "@/lib/sdk/core/sdk-key";
import { uuid } from "@/lib/sdk/core/uuid";

afterEach(() => vi.unstubAllGlobals());

describe("SDK keys", () => {
  it("parses sk_{dev|prod}_{org}_{project}_{random}", () => {
    expect(parseSdkKey("sk_dev_org1_proj2_r4nd_om")).toEqual({ environment: "development", orgId: "org1", projectId: "proj2" });
    expect(parseSdkKey("sk_prod_o_p_r")).toEqual({ environment: "production", orgId: "o", projectId: "p" });
    for (const bad of ["", "sk_test_o_p_r", "sk_prod_o_p", "pk_prod_o_p_r", "sk_prod__p_r"]) expect(parseSdkKey(bad)).toBeNull();
  });

  it("builds the config and beacon URLs", () => {
    expect(configUrl("https://h", { environment: "production", orgId: "o", projectId: "p" })).toBe("https://h/configs/o/p/production/latest.json");
    expect(beaconUrl("https://h", "sk_prod_o_p_r+")).toBe("https://h/v1/flag-events?sdkKey=sk_prod_o_p_r%2B");
  });
});

describe("backoff", () => {
  it("is full jitter under an exponential cap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const delay = backoffDelay(attempt, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.min(BACKOFF_CAP_MS, 500 * 2 ** attempt));
      }),
    );
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter(" 30 ", now)).toBe(30_000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
    expect(parseRetryAfter("999999", now)).toBe(RETRY_AFTER_MAX_MS);
  });
});

describe("EventQueue", () => {
  const item = (seq: number): QueuedEvent => ({ seq, event: { id: String(seq), eventKey: "e", userId: "u", timestamp: "" } });

  it("is FIFO and drops the oldest when full", () => {
    const queue = new EventQueue(3);
    expect([1, 2, 3].map((n) => queue.push(item(n)))).toEqual([undefined, undefined, undefined]);
    expect(queue.push(item(4))?.seq).toBe(1);
    expect(queue.length).toBe(3);
    expect(queue.peek(2).map((i) => i.seq)).toEqual([2, 3]);
    expect(queue.take(2).map((i) => i.seq)).toEqual([2, 3]);
    expect(queue.shift()?.seq).toBe(4);
    expect(queue.shift()).toBeUndefined();
  });

  it("behaves like an array model under any sequence of operations", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant("push"), fc.constant("shift"), fc.integer({ min: 0, max: 600 })), { maxLength: 3000 }), (ops) => {
        const queue = new EventQueue(700);
        const model: number[] = [];
        let seq = 0;
        for (const op of ops) {
          if (op === "push") {
            queue.push(item(++seq));
            model.push(seq);
            if (model.length > 700) model.shift();
          } else if (op === "shift") {
            expect(queue.shift()?.seq).toBe(model.shift());
          } else {
            expect(queue.take(op).map((i) => i.seq)).toEqual(model.splice(0, op));
          }
          expect(queue.length).toBe(model.length);
        }
        expect(queue.toArray().map((i) => i.seq)).toEqual(model);
      }),
      { numRuns: 200 },
    );
  });
});

describe("utf8Length", () => {
  it("equals the encoded byte length", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
      }),
    );
  });
});

describe("uuid", () => {
  const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  it("is a v4 UUID, also where crypto.randomUUID is missing (plain-http pages)", () => {
    expect(uuid()).toMatch(V4);
    const { getRandomValues } = globalThis.crypto;
    vi.stubGlobal("crypto", { getRandomValues: getRandomValues.bind(globalThis.crypto) });
    const ids = Array.from({ length: 1000 }, uuid);
    for (const id of ids) expect(id).toMatch(V4);
    expect(new Set(ids).size).toBe(1000);
  });
});
