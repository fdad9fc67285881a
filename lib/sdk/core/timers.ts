/** In Node an unref'd timer does not keep the process alive; browsers have no such notion. */
export function unrefIf(timer: unknown, unref: boolean): void {
  if (!unref || typeof timer !== "object" || timer === null) return;
  const { unref: release } = timer as { unref?: unknown };
  if (typeof release === "function") release.call(timer);
}

export function sleep(ms: number, unref: boolean): Promise<void> {
  return new Promise((resolve) => unrefIf(setTimeout(resolve, ms), unref));
}

export class TimeoutError extends Error {
  constructor(ms: number) {
    super(`request timed out after ${ms} ms`);
    this.name = "TimeoutError";
  }
}

/**
 * Runs `task` with an abort signal that fires after `ms`, and rejects with TimeoutError at that
 * moment even if the task ignores the signal (some fetch polyfills do).
 */
export async function withTimeout<T>(task: (signal: AbortSignal) => Promise<T>, ms: number, unref: boolean): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TimeoutError(ms));
    }, ms);
    unrefIf(timer, unref);
  });
  try {
    return await Promise.race([task(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
