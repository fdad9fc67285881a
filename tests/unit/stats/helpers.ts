// Test helpers: relative-tolerance comparison and a small seeded PRNG (mulberry32).
import { expect } from "vitest";

/** Asserts |actual − expected| ≤ rel·max(1, |expected|) — at least 6 significant digits by default. */
export function expectClose(actual: number | null | undefined, expected: number, rel = 1e-6): void {
  expect(actual).not.toBeNull();
  expect(actual).toBeTypeOf("number");
  const tolerance = rel * Math.max(1e-12, Math.abs(expected));
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

/** mulberry32: a tiny, well-mixed 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box–Muller on a uniform source. */
export function normalSource(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
