import { isbot } from "isbot";
import { parseEventFast } from "./fast-path";
import { MAX_FUTURE_MS } from "./limits";
import { describeIssues, EXPOSURE_EVENT_KEY, wireEventSchema, type WireEvent } from "./schema";

/** An event as written to the Event table; timestamps are epoch milliseconds. */
export interface EventRow {
  clientId: string | null;
  eventKey: string;
  userId: string;
  timestamp: number;
  value: number | null;
  metadata: string | null;
  attributes: string | null;
  decisions: string | null;
}

/** The Assignment row an exposure maintains. */
export interface ExposureRow {
  flagKey: string;
  userId: string;
  variationKey: string;
  ruleKey: string | null;
  timestamp: number;
}

export interface Rejection {
  index: number;
  errors: string[];
}

export interface NormalizedBatch {
  events: EventRow[];
  exposures: ExposureRow[];
  rejected: Rejection[];
  /** Bot events, dropped on purpose. */
  bots: number;
  /** Events whose id already occurred earlier in the same batch. */
  duplicates: number;
}

/**
 * Validates and normalises a batch: invalid events are rejected with reasons, bots are dropped,
 * repeated ids are kept once, and timestamps are corrected for the client's clock skew.
 */
export function normalizeBatch(rawEvents: readonly unknown[], receivedAt: number, sentAt: number | null): NormalizedBatch {
  const batch: NormalizedBatch = { events: [], exposures: [], rejected: [], bots: 0, duplicates: 0 };
  const skew = sentAt === null ? 0 : receivedAt - sentAt;
  const seenIds = new Set<string>();
  const botByUserAgent = new Map<string, boolean>();
  rawEvents.forEach((raw, index) => {
    const parsed = parseEvent(raw);
    if ("errors" in parsed) {
      batch.rejected.push({ index, errors: parsed.errors });
      return;
    }
    const event = parsed.event;
    if (isBotEvent(event, botByUserAgent)) {
      batch.bots++;
      return;
    }
    // PostgreSQL compares UUIDs case-insensitively; so must the in-batch dedupe.
    const clientId = event.id ? event.id.toLowerCase() : null;
    if (clientId !== null) {
      if (seenIds.has(clientId)) {
        batch.duplicates++;
        return;
      }
      seenIds.add(clientId);
    }
    const timestamp = correctTimestamp(event.timestamp, skew, receivedAt);
    batch.events.push({
      clientId,
      eventKey: event.eventKey,
      userId: event.userId,
      timestamp,
      value: event.value ?? null,
      metadata: event.metadata?.json ?? null,
      attributes: event.attributes?.json ?? null,
      decisions: event.decisions?.json ?? null,
    });
    if (event.eventKey === EXPOSURE_EVENT_KEY) batch.exposures.push(exposureOf(event, timestamp));
  });
  return batch;
}

function parseEvent(raw: unknown): { event: WireEvent } | { errors: string[] } {
  const fast = parseEventFast(raw);
  if (fast) return { event: fast };
  const result = wireEventSchema.safeParse(raw);
  return result.success ? { event: result.data } : { errors: describeIssues(result.error) };
}

function isBotEvent(event: WireEvent, memo: Map<string, boolean>): boolean {
  const userAgent = event.attributes?.value.$userAgent;
  if (typeof userAgent !== "string") return false;
  let bot = memo.get(userAgent);
  if (bot === undefined) memo.set(userAgent, (bot = isbot(userAgent)));
  return bot;
}

/** Shifts a client time onto the server clock, and refuses times far in the future. */
function correctTimestamp(timestamp: number, skew: number, receivedAt: number): number {
  const corrected = timestamp + skew;
  if (corrected > receivedAt + MAX_FUTURE_MS) return receivedAt;
  return Math.max(corrected, 0);
}

function exposureOf(event: WireEvent, timestamp: number): ExposureRow {
  const metadata = event.metadata!.value as { flagKey: string; variationKey: string; ruleKey?: string | null };
  return {
    // Well-formed, so that keys that differ only in unpaired surrogates don't collide once UTF-8 encoded.
    flagKey: metadata.flagKey.toWellFormed(),
    variationKey: metadata.variationKey.toWellFormed(),
    ruleKey: metadata.ruleKey ? metadata.ruleKey.toWellFormed() : null,
    userId: event.userId,
    timestamp,
  };
}
