import type { ProjectConfig } from "../../flags/types";
import { unrefIf, withTimeout } from "./timers";
import type { FetchLike, Logger, ReadyResult } from "./types";

export interface ConfigPollerOptions {
  url: string;
  fetch: FetchLike;
  logger: Logger;
  pollingInterval: number;
  requestTimeout: number;
  unrefTimers: boolean;
  onConfig: (config: ProjectConfig) => void;
}

function isProjectConfig(value: unknown): value is ProjectConfig {
  return typeof value === "object" && value !== null && Array.isArray((value as { flags?: unknown }).flags);
}

/** Fetches the project config, then re-polls it with If-None-Match so unchanged configs cost a 304. */
export class ConfigPoller {
  private etag: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly options: ConfigPollerOptions) {}

  /** First fetch; resolves with its outcome. Polling continues either way, so a failed start can recover. */
  async start(): Promise<ReadyResult> {
    try {
      await this.fetchOnce();
      return { success: true };
    } catch (error) {
      return { success: false, reason: error instanceof Error ? error.message : String(error) };
    } finally {
      this.scheduleNext();
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private scheduleNext(): void {
    if (this.stopped || this.options.pollingInterval <= 0) return;
    this.timer = setTimeout(() => {
      this.fetchOnce()
        .catch((error: unknown) => this.options.logger.warn(`config refresh failed: ${String(error)}`))
        .finally(() => this.scheduleNext());
    }, this.options.pollingInterval);
    unrefIf(this.timer, this.options.unrefTimers);
  }

  private async fetchOnce(): Promise<void> {
    const { fetch, url, requestTimeout, unrefTimers } = this.options;
    const headers: Record<string, string> = { Accept: "application/json" };
    if (this.etag) headers["If-None-Match"] = this.etag;
    const fetched = await withTimeout(
      async (signal) => {
        const response = await fetch(url, { method: "GET", headers, signal });
        if (response.status === 304) return null;
        if (response.status !== 200) throw new Error(`config request failed with HTTP ${response.status}`);
        return { etag: response.headers.get("ETag"), config: JSON.parse(await response.text()) as unknown };
      },
      requestTimeout,
      unrefTimers,
    );
    if (fetched === null) return;
    if (!isProjectConfig(fetched.config)) throw new Error("config response is not a project config");
    this.etag = fetched.etag;
    if (!this.stopped) this.options.onConfig(fetched.config);
  }
}
