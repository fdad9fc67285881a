import type { Database } from "@/lib/db";
import { EXPOSURE_EVENT_KEY } from "./metric-schema";

const MAX_KEYS = 500;

/**
 * Distinct event keys seen in the project, for the metric form's suggestions. A loose index scan per
 * environment: each step jumps to the next key in the (environmentId, eventKey, ...) index, so the cost
 * grows with the number of keys, not of events.
 */
export async function listEventKeys(db: Database, projectId: string): Promise<string[]> {
  const environments = await db.prisma.environment.findMany({ where: { projectId }, select: { id: true } });
  const keys = new Set<string>();
  for (const { id } of environments) {
    const rows = await db.sql.query<{ eventKey: string }>(
      `with recursive keys as (
         (select "eventKey" from "Event" where "environmentId" = $1 order by "eventKey" limit 1)
         union all
         select (select e."eventKey" from "Event" e
                  where e."environmentId" = $1 and e."eventKey" > keys."eventKey"
                  order by e."eventKey" limit 1)
           from keys where keys."eventKey" is not null
       )
       select "eventKey" from keys where "eventKey" is not null limit $2`,
      [id, MAX_KEYS + 1],
    );
    for (const row of rows) if (row.eventKey !== EXPOSURE_EVENT_KEY) keys.add(row.eventKey);
  }
  return [...keys].sort().slice(0, MAX_KEYS);
}
