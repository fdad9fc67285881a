import type { Database } from "@/lib/db";
import type { EventRow, ExposureRow } from "./normalize";

export interface IngestTarget {
  projectId: string;
  environmentId: string;
}

/**
 * Writes one batch with one statement, whatever its size: events (duplicates of stored client ids
 * skipped), assignments and the bot counter are data-modifying CTEs of a single statement, so the
 * batch is atomic without BEGIN/COMMIT and costs one round trip. Returns how many events were new.
 */
export async function writeBatch(
  db: Database,
  target: IngestTarget,
  batch: { events: EventRow[]; exposures: ExposureRow[]; bots: number },
  receivedAt: number,
): Promise<number> {
  const receivedAtIso = new Date(receivedAt).toISOString();
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const parts: string[] = [];
  if (batch.events.length) parts.push(`events as (${insertEventsSql(param, target, batch.events, receivedAtIso)})`);
  if (batch.exposures.length) parts.push(`assignments as (${upsertAssignmentsSql(param, target.environmentId, batch.exposures)})`);
  if (batch.bots) parts.push(`bots as (${countBotsSql(param, target.environmentId, batch.bots, receivedAtIso)})`);
  if (parts.length === 0) return 0;
  const [row] = await db.sql.query<{ inserted: number }>(
    `with ${parts.join(", ")} select ${batch.events.length ? "(select count(*) from events)::int" : "0"} as inserted`,
    params,
  );
  return row?.inserted ?? 0;
}

type Param = (value: unknown) => string;

// Rows travel as one JSON document read with json_to_recordset: the stored JSON columns are
// spliced in as the text validation already produced, which costs Node far less than encoding
// one PostgreSQL array literal per column. Times are epoch milliseconds.
const text = (value: string | null) => (value === null ? "null" : JSON.stringify(value));

function insertEventsSql(param: Param, target: IngestTarget, events: EventRow[], receivedAt: string) {
  const rows = events.map(
    (e) =>
      `{"c":${text(e.clientId)},"u":${text(e.userId)},"k":${text(e.eventKey)},"t":${e.timestamp},"v":${e.value ?? "null"},` +
      `"m":${e.metadata ?? "null"},"a":${e.attributes ?? "null"},"d":${e.decisions ?? "null"}}`,
  );
  return `insert into "Event" ("clientId", "projectId", "environmentId", "userId", "eventKey", "timestamp", "receivedAt",
                            "value", "metadata", "attributes", "decisions")
       select c, ${param(target.projectId)}, ${param(target.environmentId)}, u, k, to_timestamp(t / 1000.0), ${param(receivedAt)}::timestamptz, v, m, a, d
         from json_to_recordset(${param(`[${rows.join(",")}]`)}::json) as x(c uuid, u text, k text, t float8, v float8, m jsonb, a jsonb, d jsonb)
       on conflict ("projectId", "clientId") do nothing
       returning 1`;
}

/**
 * One row per flag x user x variation: first and last exposure. The batch is reduced to one row per
 * key first (one statement cannot update a row twice) and sorted, so concurrent batches lock rows in
 * the same order and cannot deadlock. Rows are only rewritten when the window widens, so exposure
 * storms cost no writes.
 */
function upsertAssignmentsSql(param: Param, environmentId: string, exposures: ExposureRow[]) {
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
  return `insert into "Assignment" as a ("environmentId", "flagKey", "userId", "variationKey", "ruleKey", "firstSeenAt", "lastSeenAt")
     select ${param(environmentId)}, f, u, v, r, to_timestamp(fs / 1000.0), to_timestamp(ls / 1000.0)
       from json_to_recordset(${param(`[${rows.join(",")}]`)}::json) as x(f text, u text, v text, r text, fs float8, ls float8)
     on conflict ("environmentId", "flagKey", "userId", "variationKey") do update
        set "firstSeenAt" = least(a."firstSeenAt", excluded."firstSeenAt"),
            "lastSeenAt" = greatest(a."lastSeenAt", excluded."lastSeenAt"),
            "ruleKey" = case when excluded."firstSeenAt" < a."firstSeenAt" then excluded."ruleKey" else a."ruleKey" end
      where excluded."firstSeenAt" < a."firstSeenAt" or excluded."lastSeenAt" > a."lastSeenAt"`;
}

function countBotsSql(param: Param, environmentId: string, bots: number, receivedAt: string) {
  return `insert into "IngestDrop" as d ("environmentId", "day", "bots")
     values (${param(environmentId)}, (${param(receivedAt)}::timestamptz at time zone 'UTC')::date, ${param(bots)}::int)
     on conflict ("environmentId", "day") do update set "bots" = d."bots" + excluded."bots"`;
}
