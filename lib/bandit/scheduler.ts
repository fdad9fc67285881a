// Periodic re-weighting of running bandits, inside the server process.
import type { Database } from "@/lib/db";
import { startPeriodicTask } from "@/lib/jobs/periodic";
import { runBandit, type BanditRunResult } from "./run";

/** SIGNAKIT_BANDIT_INTERVAL_MINUTES (default 60): time between two re-weightings of a bandit. */
export function banditIntervalMinutes(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SIGNAKIT_BANDIT_INTERVAL_MINUTES ?? 60);
  return Number.isFinite(value) && value > 0 ? value : 60;
}

/** Runs every running bandit whose latest run is older than the interval (or that never ran). */
export async function runDueBandits(
  db: Database,
  options: { now?: Date; intervalMinutes?: number } = {},
): Promise<BanditRunResult[]> {
  const now = options.now ?? new Date();
  const dueBefore = new Date(now.getTime() - (options.intervalMinutes ?? banditIntervalMinutes()) * 60_000);
  const rules = await db.prisma.rule.findMany({
    where: {
      type: "multi_armed_bandit",
      status: "running",
      archivedAt: null,
      banditRuns: { none: { computedAt: { gt: dueBefore } } },
    },
    select: { id: true },
  });
  const results: BanditRunResult[] = [];
  for (const rule of rules) {
    try {
      results.push(await runBandit(db, rule.id, { now }));
    } catch (error) {
      // One misconfigured bandit must not stop the others; it is retried on the next tick.
      console.error(`bandit ${rule.id}: ${(error as Error).message}`);
    }
  }
  return results;
}

/**
 * Checks for due bandits every minute (or every interval, when shorter), so a restart delays a run by
 * at most that. The timer is unref'd: it never keeps the process alive. The stop function resolves
 * once a run in progress has finished, so the database can be closed safely after it.
 */
export function startBanditScheduler(
  getDb: () => Promise<Database>,
  options: { intervalMinutes?: number } = {},
): () => Promise<void> {
  const intervalMinutes = options.intervalMinutes ?? banditIntervalMinutes();
  return startPeriodicTask("bandit scheduler", Math.min(intervalMinutes, 1) * 60_000, async () =>
    runDueBandits(await getDb(), { intervalMinutes }),
  );
}
