// How far the data of an environment goes: snapshots and the result state record it.
import type { SqlExecutor } from "@/lib/db";

/** Highest Event.id of the environment: one probe of the (environmentId, id) index. */
export async function dataWatermark(sql: SqlExecutor, environmentId: string): Promise<number> {
  const [row] = await sql.query<{ id: number | null }>(`select max(id) as id from "Event" where "environmentId" = $1`, [environmentId]);
  return row?.id ?? 0;
}
