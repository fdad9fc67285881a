import { backoffDelay, parseRetryAfter } from "./backoff";
import { MAX_BATCH_BYTES, MAX_BATCH_EVENTS, batchBody, batchSize, utf8Length, type BatchLimits } from "./batch";
import { EventQueue, type QueuedEvent } from "./event-queue";
import { TimeoutError, sleep, unrefIf, withTimeout } from "./timers";
import type { ClientStats, FetchLike, Logger, ResponseLike, WireEvent } from "./types";

export interface DeliveryOptions {
  url: string;
  sdkKey: string;
  fetch: FetchLike;
  logger: Logger;
  flushAt: number;
  flushInterval: number;
  maxQueueSize: number;
  maxRetries: number;
  requestTimeout: number;
  unrefTimers: boolean;
  keepalive: boolean;
}

/** Browsers refuse keepalive requests whose bodies exceed 64 KiB in total. */
const KEEPALIVE_MAX_BYTES = 60_000;
const BATCH_LIMITS: BatchLimits = { maxEvents: MAX_BATCH_EVENTS, maxBytes: MAX_BATCH_BYTES };

type Outcome =
  | { kind: "delivered"; rejected: number }
  | { kind: "retry"; reason: string; retryAfter?: number }
  | { kind: "drop"; reason: string }
  | { kind: "split" };

interface RejectedEntry {
  index?: unknown;
  errors?: unknown;
}

/**
 * The event pipeline: a bounded queue, one request in flight, batching by count and bytes,
 * retries with backoff, and flush barriers. Events leave in enqueue order, so "everything
 * before seq N is settled" is just "the oldest pending event is newer than N".
 */
export class Delivery {
  private readonly queue: EventQueue;
  private inFlight: readonly QueuedEvent[] = [];
  private lastSeq = 0;
  /** Events up to this seq are sent regardless of flushAt (set by flush, the interval and close). */
  private drainThrough = 0;
  private pumping = false;
  private pumpScheduled = false;
  private waiters: Array<{ through: number; resolve: () => void }> = [];
  private readonly interval: ReturnType<typeof setInterval>;
  private droppedInBurst = 0;
  private readonly counts = { delivered: 0, rejected: 0, failed: 0, dropped: 0, invalid: 0 };

  constructor(private readonly options: DeliveryOptions) {
    this.queue = new EventQueue(options.maxQueueSize);
    this.interval = setInterval(() => this.drain(), options.flushInterval);
    unrefIf(this.interval, options.unrefTimers);
  }

  /** Hot path of trackEvent: O(1), no serialization, no timers. */
  enqueue(event: WireEvent): void {
    // maxQueueSize bounds everything held, the batch being sent or retried included.
    const room = this.options.maxQueueSize - this.inFlight.length;
    const seq = ++this.lastSeq;
    if (room <= 0) {
      // Every held event is in the request on the wire: the new one is the only one we can drop.
      this.onOverflow();
      return;
    }
    while (this.queue.length >= room) {
      this.queue.shift();
      this.onOverflow();
    }
    this.queue.push({ seq, event });
    if (this.queue.length >= this.options.flushAt) this.schedulePump();
  }

  /** Resolves once every event enqueued before the call is delivered or has finally failed. */
  flush(): Promise<void> {
    const through = this.lastSeq;
    if (this.settled(through)) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ through, resolve });
      this.drain();
    });
  }

  stop(): void {
    clearInterval(this.interval);
  }

  countInvalid(): void {
    this.counts.invalid++;
  }

  stats(): ClientStats {
    return { queued: this.queue.length, inFlight: this.inFlight.length, ...this.counts };
  }

  /** Events not yet acknowledged: the in-flight batch, then the queue. */
  pending(): WireEvent[] {
    return [...this.inFlight, ...this.queue.toArray()].map((item) => item.event);
  }

  /** Re-queues events from an earlier page load; their ids let the server drop any already received. */
  restore(events: readonly WireEvent[]): void {
    for (const event of events) this.enqueue(event);
  }

  /**
   * Hands queued (not in-flight) events to `send` in bodies of at most `maxBytes`, for
   * sendBeacon at page exit. Stops at the first refusal; refused events stay queued.
   */
  drainTo(send: (body: string) => boolean, maxBytes: number): void {
    const limits = { maxEvents: MAX_BATCH_EVENTS, maxBytes };
    while (this.queue.length > 0) {
      const count = batchSize(this.queue, limits);
      if (count === 0) {
        this.dropOversized();
        continue;
      }
      if (!send(batchBody(this.queue.peek(count)))) break;
      this.queue.take(count);
      this.counts.delivered += count;
    }
    this.resolveWaiters();
  }

  private drain(): void {
    if (this.queue.length === 0) return;
    this.drainThrough = this.lastSeq;
    this.schedulePump();
  }

  /** Deferred to a microtask so the enqueue that crossed flushAt stays cheap. */
  private schedulePump(): void {
    if (this.pumping || this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      void this.pump();
    });
  }

  private shouldSend(): boolean {
    const head = this.queue.at(0);
    return head !== undefined && (this.queue.length >= this.options.flushAt || head.seq <= this.drainThrough);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.shouldSend()) {
        const count = batchSize(this.queue, BATCH_LIMITS);
        if (count === 0) {
          this.dropOversized();
          continue;
        }
        this.inFlight = this.queue.take(count);
        this.onQueueShrunk();
        await this.deliver(this.inFlight);
        this.inFlight = [];
        this.resolveWaiters();
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Sends one batch until it is delivered, dropped, or out of retries; never throws. */
  private async deliver(items: readonly QueuedEvent[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.post(items);
      switch (outcome.kind) {
        case "delivered":
          this.counts.delivered += items.length - outcome.rejected;
          this.counts.rejected += outcome.rejected;
          return;
        case "split": {
          // 413: the server's limit is below ours; halves converge on what it accepts.
          const half = Math.ceil(items.length / 2);
          await this.deliver(items.slice(0, half));
          await this.deliver(items.slice(half));
          return;
        }
        case "drop":
          this.fail(items.length, outcome.reason);
          return;
        case "retry":
          if (attempt >= this.options.maxRetries) {
            this.fail(items.length, `${outcome.reason}; gave up after ${attempt + 1} attempts`);
            return;
          }
          await sleep(outcome.retryAfter ?? backoffDelay(attempt), this.options.unrefTimers);
      }
    }
  }

  private async post(items: readonly QueuedEvent[]): Promise<Outcome> {
    const body = batchBody(items);
    const { fetch, url, sdkKey, keepalive, requestTimeout, unrefTimers } = this.options;
    try {
      return await withTimeout(
        async (signal) => {
          const response = await fetch(url, {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-SDK-Key": sdkKey },
            body,
            signal,
            keepalive: keepalive && utf8Length(body) <= KEEPALIVE_MAX_BYTES,
          });
          return this.classify(response, items);
        },
        requestTimeout,
        unrefTimers,
      );
    } catch (error) {
      return { kind: "retry", reason: error instanceof TimeoutError ? error.message : `network error: ${String(error)}` };
    }
  }

  private async classify(response: ResponseLike, items: readonly QueuedEvent[]): Promise<Outcome> {
    const { status } = response;
    const text = await response.text().catch(() => "");
    if (status >= 200 && status < 300) return { kind: "delivered", rejected: this.reportRejected(text, items) };
    if (status === 408 || status === 429 || status >= 500) {
      return { kind: "retry", reason: `HTTP ${status}`, retryAfter: parseRetryAfter(response.headers.get("Retry-After")) };
    }
    if (status === 413 && items.length > 1) return { kind: "split" };
    const detail = text.slice(0, 200);
    if (status === 401 || status === 403) return { kind: "drop", reason: `SDK key refused (HTTP ${status}) ${detail}` };
    return { kind: "drop", reason: `HTTP ${status} ${detail}` };
  }

  /** Logs events the server refused individually; returns how many. */
  private reportRejected(text: string, items: readonly QueuedEvent[]): number {
    let rejected: RejectedEntry[] = [];
    try {
      const parsed = JSON.parse(text) as { rejected?: unknown };
      if (Array.isArray(parsed.rejected)) rejected = parsed.rejected as RejectedEntry[];
    } catch {
      return 0; // a 2xx without a readable body still means the batch arrived
    }
    const [first] = rejected;
    if (first) {
      const index = typeof first.index === "number" ? first.index : -1;
      this.options.logger.warn(
        `server rejected ${rejected.length} of ${items.length} events; first: ${items[index]?.event.eventKey ?? "?"}`,
        first.errors,
      );
    }
    return Math.min(rejected.length, items.length);
  }

  private fail(count: number, reason: string): void {
    this.counts.failed += count;
    this.options.logger.error(`dropped a batch of ${count} events: ${reason}`);
  }

  private dropOversized(): void {
    this.queue.shift();
    this.fail(1, `event larger than ${MAX_BATCH_BYTES} bytes`);
  }

  /** Warns once per burst of overflow; the burst ends when a send makes room. */
  private onOverflow(): void {
    this.counts.dropped++;
    if (this.droppedInBurst++ === 0) {
      this.options.logger.warn(`event queue full (${this.options.maxQueueSize}); dropping the oldest events`);
    }
    if (this.waiters.length > 0) this.resolveWaiters();
  }

  private onQueueShrunk(): void {
    if (this.droppedInBurst === 0) return;
    this.options.logger.warn(`event queue overflow ended; ${this.droppedInBurst} events were dropped`);
    this.droppedInBurst = 0;
  }

  private settled(through: number): boolean {
    const oldest = this.inFlight[0] ?? this.queue.at(0);
    return oldest === undefined || oldest.seq > through;
  }

  private resolveWaiters(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (!this.settled(waiter.through)) return true;
      waiter.resolve();
      return false;
    });
  }
}
