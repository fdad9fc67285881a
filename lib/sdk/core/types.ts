import type { Attributes } from "../../flags/types";

export interface Logger {
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** The subset of the Fetch API Response the SDK reads. */
export interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<ResponseLike>;

export interface ClientOptions {
  /** `sk_{dev|prod}_{orgId}_{projectId}_{random}` */
  sdkKey: string;
  /** Server root, e.g. `https://flags.example.com`. */
  baseUrl: string;
  /** Config re-poll period in ms; 0 disables polling. Default 30 000. */
  pollingInterval?: number;
  /** Send as soon as this many events wait. Default 20. */
  flushAt?: number;
  /** Send waiting events at least this often, in ms. Default 5 000. */
  flushInterval?: number;
  /** Most events held (queued + in flight); beyond it the oldest queued ones are dropped. Default 10 000. */
  maxQueueSize?: number;
  /** Retries of a failed batch before it is given up. Default 8. */
  maxRetries?: number;
  /** Per-request timeout in ms. Default 10 000. */
  requestTimeout?: number;
  fetch?: FetchLike;
  logger?: Logger;
}

/** What the platform layers (node, browser) change in the core's behaviour. */
export interface PlatformHooks {
  /** Node: timers must not keep the process alive. */
  unrefTimers?: boolean;
  /** Browser: let small requests outlive the page. */
  keepalive?: boolean;
  /** Called once when the client closes, to remove platform listeners. */
  onClose?: () => void;
}

export interface ReadyResult {
  success: boolean;
  reason?: string;
}

export interface TrackEventOptions {
  value?: number;
  metadata?: Record<string, unknown>;
}

/** One event as sent to POST /v1/flag-events. */
export interface WireEvent {
  id: string;
  eventKey: string;
  userId: string;
  timestamp: string;
  value?: number;
  metadata?: Record<string, unknown>;
  attributes?: Attributes;
  /** flagKey -> variationKey */
  decisions?: Record<string, string>;
}

export interface ClientStats {
  /** Waiting in the queue (not yet handed to a request). */
  queued: number;
  /** In the batch currently being sent or retried. */
  inFlight: number;
  /** Acknowledged by the server (or handed to sendBeacon). */
  delivered: number;
  /** Refused by the server for the event itself (`rejected` in a 200 answer). */
  rejected: number;
  /** Given up: retries exhausted, non-retryable answer or too large to send. */
  failed: number;
  /** Oldest events pushed out of a full queue. */
  dropped: number;
  /** Refused by trackEvent for bad input or after close. */
  invalid: number;
}
