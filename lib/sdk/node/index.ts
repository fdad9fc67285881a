import { createClient } from "../core/client";
import type { SignaKitClient } from "../core/client";
import type { ClientOptions } from "../core/types";

export * from "../core/index";

export interface NodeClientOptions extends ClientOptions {
  /** On SIGTERM: close the client (flushing), then let the signal end the process as usual. Default false. */
  flushOnSigterm?: boolean;
  /** How long the process may be kept alive at exit to deliver queued events, in ms. Default 10 000. */
  exitFlushTimeout?: number;
}

/** Resolves when `client.flush()` does or after `ms`, whichever is first; a ref'd timer keeps the process alive meanwhile. */
function flushWithin(flush: () => Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const deadline = setTimeout(resolve, ms);
    void flush().finally(() => {
      clearTimeout(deadline);
      resolve();
    });
  });
}

/**
 * A client for Node: its timers never hold the process open, and queued events are flushed
 * when the event loop empties (beforeExit) and, optionally, on SIGTERM.
 */
export function createInstance(options: NodeClientOptions): SignaKitClient {
  const { flushOnSigterm = false, exitFlushTimeout = 10_000, ...clientOptions } = options;
  let exitFlushStarted = false;

  const onBeforeExit = () => {
    const { queued, inFlight } = client.stats();
    // beforeExit fires again once our flush settles; flush at most once so a dead server cannot loop us.
    if (exitFlushStarted || queued + inFlight === 0) return;
    exitFlushStarted = true;
    void flushWithin(() => client.flush(), exitFlushTimeout);
  };
  const onSigterm = () => {
    void flushWithin(() => client.close(), exitFlushTimeout).then(() => {
      // Our listener replaced Node's default exit; restore it unless the app handles SIGTERM itself.
      if (process.listenerCount("SIGTERM") === 0) process.kill(process.pid, "SIGTERM");
    });
  };
  const removeListeners = () => {
    process.off("beforeExit", onBeforeExit);
    process.off("SIGTERM", onSigterm);
  };

  const { client } = createClient(clientOptions, { unrefTimers: true, onClose: removeListeners });
  process.on("beforeExit", onBeforeExit);
  if (flushOnSigterm) process.once("SIGTERM", onSigterm);
  return client;
}

/** A callback for Next.js `after()` (or any post-response hook): `after(flushCallback(client))`. */
export function flushCallback(client: SignaKitClient): () => Promise<void> {
  return () => client.flush();
}

/**
 * Wraps a serverless handler so queued events are delivered before the invocation is frozen:
 * through `waitUntil` when the platform offers one (Vercel, Cloudflare), else by awaiting the
 * flush before returning.
 */
export function withFlush<Args extends unknown[], Result>(
  client: SignaKitClient,
  handler: (...args: Args) => Promise<Result>,
  waitUntil?: (promise: Promise<unknown>) => void,
): (...args: Args) => Promise<Result> {
  return async (...args) => {
    try {
      return await handler(...args);
    } finally {
      if (waitUntil) waitUntil(client.flush());
      else await client.flush();
    }
  };
}
