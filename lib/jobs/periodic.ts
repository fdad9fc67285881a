/**
 * Runs `task` every `intervalMs` inside the server process: never two runs at once, errors logged
 * (the next tick retries), the timer unref'd so it never keeps the process alive. The returned stop
 * function resolves once a run in progress has finished, so the database can be closed after it.
 */
export function startPeriodicTask(name: string, intervalMs: number, task: () => Promise<unknown>): () => Promise<void> {
  let current: Promise<void> | null = null;
  const tick = async () => {
    try {
      await task();
    } catch (error) {
      console.error(`${name}: ${(error as Error).message}`);
    } finally {
      current = null;
    }
  };
  const timer = setInterval(() => {
    current ??= tick();
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}
