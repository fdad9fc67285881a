import type { Database } from "@/lib/db";
import { digest, type ExperimentDigest, type ResultDigest } from "@/components/results/summary";

/**
 * The list's numbers come from cached result snapshots only, never from a fresh computation: one
 * query for all rows. Per rule it prefers the default view (frequentist, 95%, no correction, all
 * dates), else the newest snapshot over all dates. The JSON is cut down in SQL (no series).
 */
export async function loadDigests(db: Database, ruleIds: string[]): Promise<Map<string, ExperimentDigest>> {
  if (!ruleIds.length) return new Map();
  const rows = await db.sql.query<{ ruleId: string } & ResultDigest>(
    `select distinct on ("ruleId") "ruleId", result->'health' as health, result->'metrics' as metrics,
            result->'settings' as settings, result->>'computedAt' as "computedAt"
       from "ResultSnapshot"
      where "ruleId" = any($1::text[])
        and result->'settings'->>'from' is null and result->'settings'->>'to' is null
      order by "ruleId",
               (result->'settings'->>'engine' = 'frequentist' and result->'settings'->>'correction' = 'none'
                and (result->'settings'->>'confidence')::float8 = 0.95) desc,
               "computedAt" desc`,
    [ruleIds],
  );
  return new Map(rows.map((row) => [row.ruleId, digest(row)]));
}
