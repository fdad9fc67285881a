import type { SignaKitClient } from "../core/client";
import { createClient } from "../core/client";
import type { Delivery } from "../core/delivery";
import { beaconUrl } from "../core/sdk-key";
import type { ClientOptions, WireEvent } from "../core/types";

export * from "../core/index";

export interface BrowserClientOptions extends ClientOptions {
  /** Keep unsent events in localStorage when the page is hidden and resend them on the next load. */
  persist?: boolean;
}

/** sendBeacon shares a 64 KiB in-flight quota per page. */
const BEACON_MAX_BYTES = 60_000;
/** Keeps the persisted backlog well inside localStorage quotas. */
const PERSIST_MAX_EVENTS = 1000;

function storageKey(sdkKey: string): string {
  return `signakit:events:${sdkKey}`;
}

function isWireEvent(value: unknown): value is WireEvent {
  const event = value as Partial<WireEvent> | null;
  return typeof event?.id === "string" && typeof event.eventKey === "string" && typeof event.userId === "string";
}

/** localStorage can throw (privacy modes, quota); persistence is best effort. */
function readPersisted(key: string): WireEvent[] {
  try {
    const stored = window.localStorage.getItem(key);
    window.localStorage.removeItem(key);
    const events: unknown = stored ? JSON.parse(stored) : [];
    return Array.isArray(events) ? events.filter(isWireEvent) : [];
  } catch {
    return [];
  }
}

function writePersisted(key: string, events: WireEvent[]): void {
  try {
    if (events.length === 0) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(events.slice(-PERSIST_MAX_EVENTS)));
  } catch {
    // best effort
  }
}

/** At page exit: beacon what is queued, then (with persist) store what is still unacknowledged. */
function installExitHandlers(delivery: Delivery, options: BrowserClientOptions): () => void {
  const url = beaconUrl(options.baseUrl.replace(/\/+$/, ""), options.sdkKey);
  const key = storageKey(options.sdkKey);
  const onHidden = () => {
    if (typeof navigator.sendBeacon === "function") {
      delivery.drainTo((body) => navigator.sendBeacon(url, body), BEACON_MAX_BYTES);
    }
    if (options.persist) writePersisted(key, delivery.pending());
  };
  const onVisibilityChange = () => {
    if (document.visibilityState === "hidden") onHidden();
    // Back on the page: the in-memory queue is authoritative again.
    else if (options.persist) writePersisted(key, []);
  };
  window.addEventListener("pagehide", onHidden);
  document.addEventListener("visibilitychange", onVisibilityChange);
  return () => {
    window.removeEventListener("pagehide", onHidden);
    document.removeEventListener("visibilitychange", onVisibilityChange);
  };
}

/**
 * A client for browsers: small requests use fetch keepalive, the queue is sent with
 * sendBeacon when the page is hidden or left, and with `persist` unsent events survive reloads.
 * Outside a browser (server rendering) it behaves like the core client.
 */
export function createInstance(options: BrowserClientOptions): SignaKitClient {
  let removeHandlers = () => {};
  const { client, delivery } = createClient(options, { keepalive: true, onClose: () => removeHandlers() });
  if (typeof window === "undefined" || typeof document === "undefined") return client;
  if (options.persist) delivery.restore(readPersisted(storageKey(options.sdkKey)));
  removeHandlers = installExitHandlers(delivery, options);
  return client;
}
