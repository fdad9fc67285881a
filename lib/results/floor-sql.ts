// The benchmark's floor: the per-variation totals of one experiment's metrics written as the simplest
// hand-written query (no series, filters, windows or caps). Results must stay within 1.5× its time.
import type { SqlExecutor } from "@/lib/db";

export interface FloorRow {
  variation: string;
  metric: string;
  users: number;
  sum: number;
  sumSquares: number;
}

/** Users, Σx and Σx² per variation for each event key (x = value sum per user; 0 without events). */
export async function floorTotals(
  sql: SqlExecutor,
  environmentId: string,
  flagKey: string,
  eventKeys: readonly string[],
): Promise<FloorRow[]> {
  return sql.query<FloorRow>(
    `with exposed as (
       select "userId" as user_id, min("variationKey") as variation, min("firstSeenAt") as first_seen
       from "Assignment" where "environmentId" = $1 and "flagKey" = $2
       group by "userId" having count(*) = 1
     ),
     per_user as (
       select x.variation, e."eventKey" as metric, x.user_id, sum(coalesce(e.value, 0)) as total
       from exposed x
       join "Event" e on e."environmentId" = $1 and e."eventKey" = any($3::text[]) and e."userId" = x.user_id and e."timestamp" >= x.first_seen
       group by x.variation, e."eventKey", x.user_id
     ),
     sums as (select variation, metric, sum(total) as s, sum(total * total) as s2 from per_user group by variation, metric),
     arms as (select variation, count(*) as users from exposed group by variation)
     select a.variation, k.metric, a.users::float8 as users, coalesce(s.s, 0)::float8 as "sum", coalesce(s.s2, 0)::float8 as "sumSquares"
     from arms a cross join unnest($3::text[]) as k(metric)
     left join sums s on s.variation = a.variation and s.metric = k.metric`,
    [environmentId, flagKey, eventKeys],
  );
}
