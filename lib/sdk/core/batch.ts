import type { EventQueue, QueuedEvent } from "./event-queue";

export const MAX_BATCH_EVENTS = 500;
export const MAX_BATCH_BYTES = 500_000;
/** Room for `{"sentAt":"<24-char ISO date>","events":[]}`. */
const ENVELOPE_BYTES = 64;

export interface BatchLimits {
  maxEvents: number;
  maxBytes: number;
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // surrogate pair: one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Serializes an event once; the cached JSON is what every retry re-sends. */
export function serialize(item: QueuedEvent): string {
  if (item.json === undefined) {
    item.json = JSON.stringify(item.event);
    item.bytes = utf8Length(item.json);
  }
  return item.json;
}

/**
 * How many events from the queue head fit in one request. 0 with a non-empty queue means the
 * head event alone exceeds the byte limit and can never be sent.
 */
export function batchSize(queue: EventQueue, limits: BatchLimits): number {
  let count = 0;
  let bytes = ENVELOPE_BYTES;
  for (let item = queue.at(0); item !== undefined && count < limits.maxEvents; item = queue.at(count)) {
    serialize(item);
    bytes += (item.bytes ?? 0) + 1; // + separating comma
    if (bytes > limits.maxBytes) break;
    count++;
  }
  return count;
}

export function batchBody(items: readonly QueuedEvent[], sentAt: Date = new Date()): string {
  return `{"sentAt":"${sentAt.toISOString()}","events":[${items.map(serialize).join(",")}]}`;
}
