// Keeps the default-settings snapshot of every running experiment current in the background, so the
// experiments list and the first view of a results page read a snapshot instead of waiting for SQL.
import type { Database } from "@/lib/db";
import { startPeriodicTask } from "@/lib/jobs/periodic";
import { DEFAULT_SETTINGS } from "./model";
import { getExperimentResults, resultsTtlMinutes } from "./results";

/** Recomputes each running experiment's default snapshot when its data moved and the TTL passed. Returns how many were recomputed. */
export async function refreshRunningExperiments(db: Database, options: { now?: Date; ttlMinutes?: number } = {}): Promise<number> {
  const rules = await db.prisma.rule.findMany({
    where: { status: "running", archivedAt: null, type: { in: ["ab_test", "multi_armed_bandit"] } },
    select: { id: true },
    orderBy: { startedAt: "asc" },
  });
  let recomputed = 0;
  for (const rule of rules) {
    try {
      const results = await getExperimentResults(db, rule.id, DEFAULT_SETTINGS, options);
      if (results && !results.cached) recomputed++;
    } catch (error) {
      // One broken experiment (e.g. a metric with invalid filters) must not starve the others.
      console.error(`results refresh ${rule.id}: ${(error as Error).message}`);
    }
  }
  return recomputed;
}

/** Runs refreshRunningExperiments every TTL (at least a minute). Returns the stop function. */
export function startSnapshotRefresher(getDb: () => Promise<Database>): () => Promise<void> {
  return startPeriodicTask("results refresh", Math.max(1, resultsTtlMinutes()) * 60_000, async () =>
    refreshRunningExperiments(await getDb()),
  );
}
