// Batches of SDK events for the ingest benchmark: 90% tracked events, 10% exposures, every event
// with its own id and its own user.
import crypto from "node:crypto";

export const EVENT_KEYS = ["purchase_completed", "add_to_cart", "page_view", "signup", "checkout_started"] as const;
export const BENCH_FLAG = "checkout_redesign";
export const VARIATIONS = ["control", "treatment_a", "treatment_b"] as const;

export interface GeneratedEvent {
  id: string;
  eventKey: string;
  userId: string;
  timestamp: number;
  value: number | null;
  metadata: string;
  attributes: string;
  decisions: string;
  exposure: { flagKey: string; variationKey: string; ruleKey: string } | null;
}

/** Unique ids without a random number per event: a random run prefix and a counter. */
export function eventSource(batchSize = 100) {
  const tag = crypto.randomBytes(6).toString("hex");
  const idPrefix = `${tag.slice(0, 8)}-${tag.slice(8, 12)}-4000-8000-`;
  let counter = 0;
  const next = (now: number): GeneratedEvent => {
    const n = counter++;
    const variationKey = VARIATIONS[n % 3]!;
    const exposure = n % 10 === 0;
    return {
      id: idPrefix + n.toString(16).padStart(12, "0"),
      eventKey: exposure ? "$exposure" : EVENT_KEYS[n % 5]!,
      userId: `user-${tag}-${n}`,
      timestamp: now,
      value: exposure ? null : (n % 997) / 10,
      metadata: exposure
        ? `{"flagKey":"${BENCH_FLAG}","variationKey":"${variationKey}","ruleKey":"experiment"}`
        : `{"plan":"${n % 2 ? "pro" : "free"}","items":${n % 7}}`,
      attributes: `{"plan":"${n % 2 ? "pro" : "free"}","country":"${n % 3 ? "DE" : "US"}"}`,
      decisions: `{"${BENCH_FLAG}":"${variationKey}"}`,
      exposure: exposure ? { flagKey: BENCH_FLAG, variationKey, ruleKey: "experiment" } : null,
    };
  };
  return {
    tag,
    batch(now = Date.now()): GeneratedEvent[] {
      return Array.from({ length: batchSize }, () => next(now));
    },
    /** The body an SDK sends for one batch. */
    body(now = Date.now()): string {
      const iso = new Date(now).toISOString();
      const parts = this.batch(now).map(
        (e) =>
          `{"id":"${e.id}","eventKey":"${e.eventKey}","userId":"${e.userId}","timestamp":"${iso}",` +
          (e.value === null ? "" : `"value":${e.value},`) +
          `"metadata":${e.metadata},"attributes":${e.attributes},"decisions":${e.decisions}}`,
      );
      return `{"sentAt":"${iso}","events":[${parts.join(",")}]}`;
    },
  };
}
