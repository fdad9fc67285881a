import type { Database, SqlExecutor } from "@/lib/db";
import type { EventRow, ExposureRow } from "./normalize";

export interface IngestTarget {
  projectId: string;
  environmentId: string;
}

/**
 * Writes one batch with one statement per table, whatever its size: events (duplicates of stored
 * client ids skipped), assignments, and the bot counter. Several statements run in one
 * transaction; a lone statement is atomic by itself and saves the BEGIN/COMMIT round trips.
 * Returns how many events were new.
 */
export async function writeBatch(
  db: Database,
  target: IngestTarget,
  batch: { events: EventRow[]; exposures: ExposureRow[]; bots: number },
  receivedAt: number,
): Promise<number> {
  const receivedAtIso = new Date(receivedAt).toISOString();
  const write = async (executor: SqlExecutor) => {
    const inserted = batch.events.length ? await insertEvents(executor, target, batch.events, receivedAtIso) : 0;
    if (batch.exposures.length) await upsertAssignments(executor, target.environmentId, batch.exposures);
    if (batch.bots) await countBots(executor, target.environmentId, batch.bots, receivedAtIso);
    return inserted;
  };
  const statements = [batch.events.length, batch.exposures.length, batch.bots].filter((n) => n > 0).length;
  if (statements === 0) return 0;
  return statements === 1 ? write(db.sql) : db.sql.transaction(write);
}

// Rows travel as one JSON document read with json_to_recordset: the stored JSON columns are
// spliced in as the text validation already produced, which costs Node far less than encoding
// one PostgreSQL array literal per column. Times are epoch milliseconds.
const text = (value: string | null) => (value === null ? "null" : JSON.stringify(value));

async function insertEvents(tx: SqlExecutor, target: IngestTarget, events: EventRow[], receivedAt: string) {
  const rows = events.map(
    (e) =>
      `{"c":${text(e.clientId)},"u":${text(e.userId)},"k":${text(e.eventKey)},"t":${e.timestamp},"v":${e.value ?? "null"},` +
      `"m":${e.metadata ?? "null"},"a":${e.attributes ?? "null"},"d":${e.decisions ?? "null"}}`,
  );
  const [row] = await tx.query<{ inserted: number }>(
    `with inserted as (
       insert into "Event" ("clientId", "projectId", "environmentId", "userId", "eventKey", "timestamp", "receivedAt",
                            "value", "metadata", "attributes", "decisions")
       select c, $1, $2, u, k, to_timestamp(t / 1000.0), $3, v, m, a, d
         from json_to_recordset($4::json) as x(c uuid, u text, k text, t float8, v float8, m jsonb, a jsonb, d jsonb)
       on conflict ("projectId", "clientId") do nothing
       returning 1)
     select count(*)::int as inserted from inserted`,
    [target.projectId, target.environmentId, receivedAt, `[${rows.join(",")}]`],
  );
  return row?.inserted ?? 0;
}

/**
 * One row per flag x user x variation: first and last exposure. The batch is reduced to one row per
 * key first (one statement cannot update a row twice) and sorted, so concurrent batches lock rows in
 * the same order and cannot deadlock. Rows are only rewritten when the window widens, so exposure
 * storms cost no writes.
 */
async function upsertAssignments(tx: SqlExecutor, environmentId: string, exposures: ExposureRow[]) {
  const byKey = new Map<string, { row: ExposureRow; first: number; last: number }>();
  for (const e of exposures) {
    const key = `${e.flagKey}\0${e.userId}\0${e.variationKey}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { row: e, first: e.timestamp, last: e.timestamp });
    else {
      if (e.timestamp < seen.first) Object.assign(seen, { row: e, first: e.timestamp });
      if (e.timestamp > seen.last) seen.last = e.timestamp;
    }
  }
  const rows = [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { row, first, last }]) =>
      `{"f":${text(row.flagKey)},"u":${text(row.userId)},"v":${text(row.variationKey)},"r":${text(row.ruleKey)},"fs":${first},"ls":${last}}`,
    );
  await tx.query(
    `insert into "Assignment" as a ("environmentId", "flagKey", "userId", "variationKey", "ruleKey", "firstSeenAt", "lastSeenAt")
     select $1, f, u, v, r, to_timestamp(fs / 1000.0), to_timestamp(ls / 1000.0)
       from json_to_recordset($2::json) as x(f text, u text, v text, r text, fs float8, ls float8)
     on conflict ("environmentId", "flagKey", "userId", "variationKey") do update
        set "firstSeenAt" = least(a."firstSeenAt", excluded."firstSeenAt"),
            "lastSeenAt" = greatest(a."lastSeenAt", excluded."lastSeenAt"),
            "ruleKey" = case when excluded."firstSeenAt" < a."firstSeenAt" then excluded."ruleKey" else a."ruleKey" end
      where excluded."firstSeenAt" < a."firstSeenAt" or excluded."lastSeenAt" > a."lastSeenAt"`,
    [environmentId, `[${rows.join(",")}]`],
  );
}

async function countBots(tx: SqlExecutor, environmentId: string, bots: number, receivedAt: string) {
  await tx.query(
    `insert into "IngestDrop" as d ("environmentId", "day", "bots")
     values ($1, ($2::timestamptz at time zone 'UTC')::date, $3)
     on conflict ("environmentId", "day") do update set "bots" = d."bots" + excluded."bots"`,
    [environmentId, receivedAt, bots],
  );
}
