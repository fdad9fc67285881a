import type { Attributes, ConfigFlag, ProjectConfig } from "../../flags/types";
import { ConfigPoller, type ConfigPollerOptions } from "./config-poller";
import { Delivery } from "./delivery";
import { consoleLogger } from "./logger";
import { configUrl, eventsUrl, parseSdkKey } from "./sdk-key";
import type { ClientOptions, ClientStats, Logger, PlatformHooks, ReadyResult, WireEvent } from "./types";
import { UserContext, type ContextHost } from "./user-context";

const DEFAULTS = {
  pollingInterval: 30_000,
  flushAt: 20,
  flushInterval: 5_000,
  maxQueueSize: 10_000,
  maxRetries: 8,
  requestTimeout: 10_000,
};

/** The client and its event pipeline; platform layers (node, browser) hook into the pipeline. */
export interface ClientParts {
  client: SignaKitClient;
  delivery: Delivery;
}

export class SignaKitClient {
  private config: ProjectConfig | null = null;
  private flagsByKey = new Map<string, ConfigFlag>();
  private revision = 0;
  private readonly listeners = new Set<() => void>();
  private readonly ready: Promise<ReadyResult>;
  private closed = false;
  private warnedClosed = false;
  private readonly host: ContextHost;

  private readonly poller: ConfigPoller | null;

  /** `polling` null means the client cannot start (bad SDK key); `readyFailure` says why. */
  constructor(
    private readonly delivery: Delivery,
    polling: Omit<ConfigPollerOptions, "onConfig"> | null,
    private readonly logger: Logger,
    private readonly platform: PlatformHooks,
    readyFailure?: string,
  ) {
    this.poller = polling ? new ConfigPoller({ ...polling, onConfig: (config) => this.setConfig(config) }) : null;
    this.ready = this.poller ? this.poller.start() : Promise.resolve({ success: false, reason: readyFailure });
    this.host = {
      flag: (key) => this.flagsByKey.get(key),
      flags: () => this.config?.flags ?? [],
      enqueue: (event) => this.enqueue(event),
      rejectEvent: (reason) => {
        this.delivery.countInvalid();
        this.logger.warn(reason);
      },
    };
  }

  /** Resolves after the first config fetch: `{ success: false, reason }` if it failed (polling keeps trying). */
  onReady(): Promise<ReadyResult> {
    return this.ready;
  }

  isReady(): boolean {
    return this.config !== null;
  }

  getConfig(): ProjectConfig | null {
    return this.config;
  }

  /** Increases on every new config; 0 before the first. */
  getRevision(): number {
    return this.revision;
  }

  /** Calls `listener` on every new config; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A context for one user, or null until the first config has arrived. */
  createUserContext(userId: string, attributes: Attributes = {}): UserContext | null {
    if (!this.config) {
      this.logger.warn("createUserContext called before the client is ready; await client.onReady()");
      return null;
    }
    if (typeof userId !== "string" || userId.length === 0) {
      this.logger.error("createUserContext needs a non-empty string userId");
      return null;
    }
    return new UserContext(this.host, userId, attributes);
  }

  /** Resolves when everything queued before the call is delivered or has finally failed. */
  flush(): Promise<void> {
    return this.delivery.flush();
  }

  /** Refuses new events, flushes, then stops polling and timers. */
  async close(): Promise<void> {
    if (this.closed) return this.delivery.flush();
    this.closed = true;
    this.poller?.stop();
    this.platform.onClose?.();
    await this.delivery.flush();
    this.delivery.stop();
  }

  stats(): ClientStats {
    return this.delivery.stats();
  }

  private setConfig(config: ProjectConfig): void {
    this.config = config;
    this.flagsByKey = new Map(config.flags.map((flag) => [flag.key, flag]));
    this.revision++;
    for (const listener of this.listeners) listener();
  }

  private enqueue(event: WireEvent): void {
    if (!this.closed) {
      this.delivery.enqueue(event);
      return;
    }
    this.delivery.countInvalid();
    if (this.warnedClosed) return;
    this.warnedClosed = true;
    this.logger.warn("client is closed; new events are dropped");
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** Builds a client for a platform. Never throws: a bad key yields a client whose onReady() fails. */
export function createClient(options: ClientOptions, platform: PlatformHooks = {}): ClientParts {
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const logger = options.logger ?? consoleLogger;
  const fetchFn = options.fetch ?? ((url: string, init: RequestInit) => globalThis.fetch(url, init));
  const baseUrl = trimSlash(options.baseUrl ?? "");
  const unrefTimers = platform.unrefTimers ?? false;
  const delivery = new Delivery({
    url: eventsUrl(baseUrl),
    sdkKey: options.sdkKey,
    fetch: fetchFn,
    logger,
    flushAt: Math.max(1, settings.flushAt),
    flushInterval: settings.flushInterval,
    maxQueueSize: Math.max(1, settings.maxQueueSize),
    maxRetries: Math.max(0, settings.maxRetries),
    requestTimeout: settings.requestTimeout,
    unrefTimers,
    keepalive: platform.keepalive ?? false,
  });
  const key = typeof options.sdkKey === "string" ? parseSdkKey(options.sdkKey) : null;
  if (!key) {
    logger.error("invalid SDK key; expected sk_{dev|prod}_{orgId}_{projectId}_{random}");
    return { client: new SignaKitClient(delivery, null, logger, platform, "invalid SDK key"), delivery };
  }
  const polling = {
    url: configUrl(baseUrl, key),
    fetch: fetchFn,
    logger,
    pollingInterval: settings.pollingInterval,
    requestTimeout: settings.requestTimeout,
    unrefTimers,
  };
  return { client: new SignaKitClient(delivery, polling, logger, platform), delivery };
}

/** Options explicitly set to undefined must not erase defaults. */
function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Creates a client with no platform specifics; prefer the node or browser entry points. */
export function createInstance(options: ClientOptions): SignaKitClient {
  return createClient(options).client;
}
