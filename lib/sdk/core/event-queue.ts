import type { WireEvent } from "./types";

export interface QueuedEvent {
  /** Position in enqueue order; flush() waits on it. */
  seq: number;
  event: WireEvent;
  /** Serialized once, then reused on every retry. */
  json?: string;
  bytes?: number;
}

/** FIFO with O(1) push, shift and drop-oldest; the backing array is compacted lazily. */
export class EventQueue {
  private items: QueuedEvent[] = [];
  private head = 0;

  constructor(readonly capacity: number) {}

  get length(): number {
    return this.items.length - this.head;
  }

  /** Appends; when full, removes and returns the oldest event. */
  push(item: QueuedEvent): QueuedEvent | undefined {
    const dropped = this.length >= this.capacity ? this.shift() : undefined;
    this.items.push(item);
    return dropped;
  }

  at(index: number): QueuedEvent | undefined {
    return this.items[this.head + index];
  }

  shift(): QueuedEvent | undefined {
    const item = this.items[this.head];
    if (item === undefined) return undefined;
    this.head++;
    this.compact();
    return item;
  }

  /** The `count` oldest events, left in place. */
  peek(count: number): QueuedEvent[] {
    return this.items.slice(this.head, this.head + count);
  }

  /** Removes and returns the `count` oldest events. */
  take(count: number): QueuedEvent[] {
    const taken = this.items.slice(this.head, this.head + count);
    this.head += taken.length;
    this.compact();
    return taken;
  }

  toArray(): QueuedEvent[] {
    return this.items.slice(this.head);
  }

  private compact(): void {
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
