import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUCKET_COUNT, bucket, hashToBucket, murmur3 } from "@/lib/flags/hash";

/*
 * Expected values come from an independent implementation (Python, run once):
 *
 *   def murmur3_x86_32(data: bytes, seed=0):
 *       c1, c2, h = 0xcc9e2d51, 0x1b873593, seed
 *       n = len(data) // 4 * 4
 *       for i in range(0, n, 4):
 *           k = int.from_bytes(data[i:i+4], "little")
 *           k = (k*c1) & M; k = rotl(k, 15); k = (k*c2) & M
 *           h ^= k; h = rotl(h, 13); h = (h*5 + 0xe6546b64) & M
 *       k = int.from_bytes(data[n:], "little")
 *       if len(data) > n: k = (k*c1) & M; k = rotl(k, 15); k = (k*c2) & M; h ^= k
 *       h ^= len(data); h ^= h >> 16; h = (h*0x85ebca6b) & M; h ^= h >> 13
 *       h = (h*0xc2b2ae35) & M; h ^= h >> 16
 *       return h                       # M = 0xffffffff, rotl on 32 bits
 *
 *   bucket = murmur3_x86_32(f"{key}:{user}".encode()) % 10000
 */

describe("murmur3 x86 32-bit", () => {
  it.each([
    ["", 0, 0],
    ["", 1, 0x514e28b7],
    ["a", 0, 0x3c2569b2],
    ["ab", 0, 0x9bbfd75f],
    ["abc", 0, 0xb3dd93fa],
    ["abcd", 0, 0x43ed676a],
    ["hello", 0, 0x248bfa47],
    ["The quick brown fox jumps over the lazy dog", 0, 0x2e4ff723],
    ["héllo wörld ✓", 0, 238508760],
  ])("murmur3(%j, %i) = %i (published / independent vectors)", (text, seed, expected) => {
    expect(murmur3(text, seed)).toBe(expected);
  });
});

describe("hashToBucket", () => {
  it("matches the values fixed by DESIGN.md", () => {
    expect(hashToBucket("salt1", "user-1")).toBe(148);
    expect(hashToBucket("hello", "world")).toBe(7566);
  });

  it.each([
    ["checkout-salt:traffic", "user-0", 9544],
    ["checkout-salt:traffic", "user-1", 1415],
    ["checkout-salt:traffic", "user-2", 7037],
    ["checkout-salt:traffic", "user-42", 1572],
    ["checkout-salt:traffic", "user-999", 5993],
    ["checkout-salt:variation", "user-0", 2010],
    ["checkout-salt:variation", "user-1", 7446],
    ["checkout-salt:variation", "user-2", 8292],
    ["checkout-salt:variation", "user-42", 8427],
    ["checkout-salt:variation", "user-999", 2677],
    ["checkout-salt:default", "user-0", 3071],
    ["checkout-salt:default", "user-1", 9215],
    ["checkout-salt:default", "user-2", 1355],
    ["checkout-salt:default", "user-42", 9873],
    ["checkout-salt:default", "user-999", 6820],
    ["s", "üñí©ødé-user", 6748],
    ["xxxxxxx", "日本語", 6575],
  ])("hashToBucket(%j, %j) = %i (stable across runs and implementations)", (key, userId, expected) => {
    expect(hashToBucket(key, userId)).toBe(expected);
  });

  it("bucket(salt, ns, user) hashes \"{salt}:{ns}:{user}\"", () => {
    expect(bucket("checkout-salt", "traffic", "user-42")).toBe(1572);
    expect(bucket("checkout-salt", "variation", "user-42")).toBe(8427);
    expect(bucket("checkout-salt", "default", "user-42")).toBe(9873);
  });

  it("is deterministic and within 0..9999 for any input", () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ unit: "grapheme" }), (key, userId) => {
        const first = hashToBucket(key, userId);
        expect(Number.isInteger(first)).toBe(true);
        expect(first).toBeGreaterThanOrEqual(0);
        expect(first).toBeLessThan(BUCKET_COUNT);
        expect(hashToBucket(key, userId)).toBe(first);
      }),
      { numRuns: 2000 },
    );
  });

  it("spreads users uniformly: each bucket decile holds 10% ± 1% of 100k users", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom("traffic", "variation", "default"), (salt, ns) => {
        const users = 100_000;
        const deciles = new Array<number>(10).fill(0);
        for (let i = 0; i < users; i++) {
          const b = bucket(salt, ns, `user-${i}`);
          deciles[Math.floor(b / 1000)]! += 1;
        }
        for (const count of deciles) {
          expect(Math.abs(count / users - 0.1)).toBeLessThanOrEqual(0.01);
        }
      }),
      { numRuns: 5 },
    );
  });
});
