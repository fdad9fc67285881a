import { isbot } from "isbot";
import { evaluate } from "../../flags/evaluate";
import type { Attributes, ConfigFlag, Decision } from "../../flags/types";
import { uuid } from "./uuid";
import { invalidEventReason } from "./validate-event";
import type { TrackEventOptions, WireEvent } from "./types";

export const EXPOSURE_EVENT = "$exposure";

/** What a user context needs from its client. */
export interface ContextHost {
  flag(flagKey: string): ConfigFlag | undefined;
  flags(): readonly ConfigFlag[];
  /** Queues an event; after close() the host refuses it (with a warning). */
  enqueue(event: WireEvent): void;
  rejectEvent(reason: string): void;
}

export interface DecideOptions {
  /** false: evaluate only, with no exposure and no effect on event attribution (e.g. during a React render). */
  exposure?: boolean;
}

const NO_DECISIONS: Readonly<Record<string, string>> = Object.freeze({});

/** One user's view of the flags: decisions, exposures and tracked events. */
export class UserContext {
  readonly userId: string;
  /** Targeting attributes, without `$userAgent` (used only for bot detection). */
  readonly attributes: Attributes;
  readonly isBot: boolean;
  /** Replaced, never mutated, so queued events can share it without copying. */
  private decisions: Readonly<Record<string, string>> = NO_DECISIONS;
  private readonly exposed = new Set<string>();
  private readonly eventAttributes: Attributes | undefined;

  constructor(
    private readonly host: ContextHost,
    userId: string,
    attributes: Attributes = {},
  ) {
    const { $userAgent, ...targeting } = attributes;
    this.userId = userId;
    this.attributes = targeting;
    this.isBot = typeof $userAgent === "string" && isbot($userAgent);
    this.eventAttributes = Object.keys(targeting).length > 0 ? targeting : undefined;
  }

  /** The decision for one flag, or null when the flag is unknown or archived. */
  decide(flagKey: string, options: DecideOptions = {}): Decision | null {
    const flag = this.host.flag(flagKey);
    return flag ? this.decideFlag(flag, options.exposure !== false) : null;
  }

  /** Decisions for every non-archived flag. */
  decideAll(options: DecideOptions = {}): Record<string, Decision> {
    const all: Record<string, Decision> = {};
    for (const flag of this.host.flags()) {
      const decision = this.decideFlag(flag, options.exposure !== false);
      if (decision) all[flag.key] = decision;
    }
    return all;
  }

  /** Queues a custom event; returns at once, never throws. Bad input is logged and dropped. */
  trackEvent(eventKey: string, options?: TrackEventOptions): void {
    if (this.isBot) return;
    const reason = invalidEventReason(eventKey, options);
    if (reason !== null) {
      this.host.rejectEvent(`trackEvent("${String(eventKey).slice(0, 100)}") dropped: ${reason}`);
      return;
    }
    const event = this.event(eventKey);
    if (options?.value !== undefined) event.value = options.value;
    if (options?.metadata !== undefined) event.metadata = options.metadata;
    this.host.enqueue(event);
  }

  private decideFlag(flag: ConfigFlag, record: boolean): Decision | null {
    // Bots see the flag off (defaults for its variables) and leave no trace.
    if (this.isBot) return evaluate({ ...flag, running: false }, this.userId);
    const decision = evaluate(flag, this.userId, this.attributes);
    if (decision && record) this.record(decision);
    return decision;
  }

  /** Remembers the variation for event attribution; one exposure per flag and variation. */
  private record(decision: Decision): void {
    const { flagKey, variationKey, ruleKey, ruleType } = decision;
    if (this.decisions[flagKey] !== variationKey) this.decisions = { ...this.decisions, [flagKey]: variationKey };
    const exposureKey = `${flagKey}\u0000${variationKey}`;
    if (ruleType === "targeted" || this.exposed.has(exposureKey)) return;
    this.exposed.add(exposureKey);
    const event = this.event(EXPOSURE_EVENT);
    event.metadata = { flagKey, variationKey, ruleKey };
    this.host.enqueue(event);
  }

  private event(eventKey: string): WireEvent {
    const event: WireEvent = { id: uuid(), eventKey, userId: this.userId, timestamp: new Date().toISOString() };
    if (this.eventAttributes) event.attributes = this.eventAttributes;
    if (this.decisions !== NO_DECISIONS) event.decisions = this.decisions;
    return event;
  }
}
