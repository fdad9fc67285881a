import type { Database } from "@/lib/db";
import type { RecentEventsQuery } from "./query";

const DAY_MS = 24 * 60 * 60 * 1000;
export const SERIES_DAYS = 14;

/** One event key of an environment, by time of receipt (the explorer shows what arrived). */
export interface EventKeySummary {
  eventKey: string;
  last24h: number;
  last7d: number;
  /** SERIES_DAYS UTC days, oldest first, today last; days without events count 0. */
  daily: { day: string; count: number }[];
  lastSeen: string;
}

export interface ExplorerEvent {
  id: number;
  clientId: string | null;
  eventKey: string;
  userId: string;
  timestamp: string;
  receivedAt: string;
  value: number | null;
  metadata: unknown;
  attributes: unknown;
  decisions: unknown;
}

/** The environment of a project by key, or null. */
export async function findEnvironmentId(db: Database, projectId: string, environment: string): Promise<string | null> {
  const [row] = await db.sql.query<{ id: string }>(
    `select id from "Environment" where "projectId" = $1 and key::text = $2`,
    [projectId, environment],
  );
  return row?.id ?? null;
}

/**
 * Every event key seen in an environment, most recently received first, with counts for the last 24 h
 * and 7 days and a daily series for a sparkline, by when events happened (skew-corrected timestamp),
 * so back-filled or batched traffic lands on its own days. Reads the environment's events once: fine for
 * the explorer's occasional use; a rollup table would be the next step for very large logs.
 */
export async function listEventKeys(db: Database, environmentId: string, now: Date = new Date()): Promise<EventKeySummary[]> {
  const days = seriesDays(now);
  const since24h = new Date(now.getTime() - DAY_MS).toISOString();
  const since7d = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  const [keys, series] = await Promise.all([
    db.sql.query<{ eventKey: string; last24h: number; last7d: number; lastSeen: Date | string }>(
      `select "eventKey",
              count(*) filter (where "timestamp" > $2)::int as "last24h",
              count(*) filter (where "timestamp" > $3)::int as "last7d",
              max("receivedAt") as "lastSeen"
         from "Event" where "environmentId" = $1
        group by "eventKey"
        order by "lastSeen" desc, "eventKey"`,
      [environmentId, since24h, since7d],
    ),
    db.sql.query<{ eventKey: string; day: string; count: number }>(
      `select "eventKey", to_char(("timestamp" at time zone 'UTC')::date, 'YYYY-MM-DD') as day, count(*)::int as count
         from "Event" where "environmentId" = $1 and "timestamp" >= $2
        group by 1, 2`,
      [environmentId, `${days[0]}T00:00:00Z`],
    ),
  ]);
  const counts = new Map(series.map((row) => [`${row.eventKey}\0${row.day}`, row.count]));
  return keys.map((row) => ({
    eventKey: row.eventKey,
    last24h: row.last24h,
    last7d: row.last7d,
    daily: days.map((day) => ({ day, count: counts.get(`${row.eventKey}\0${day}`) ?? 0 })),
    lastSeen: new Date(row.lastSeen).toISOString(),
  }));
}

/** The latest events of an environment, newest first, optionally of one key and/or one user. */
export async function listRecentEvents(
  db: Database,
  environmentId: string,
  filter: Pick<RecentEventsQuery, "eventKey" | "userId" | "limit" | "before">,
): Promise<{ events: ExplorerEvent[]; nextBefore: number | null }> {
  const rows = await db.sql.query<ExplorerEvent & { timestamp: Date | string; receivedAt: Date | string }>(
    `select id, "clientId", "eventKey", "userId", "timestamp", "receivedAt", value, metadata, attributes, decisions
       from "Event"
      where "environmentId" = $1
        and ($2::text is null or "eventKey" = $2)
        and ($3::text is null or "userId" = $3)
        and ($4::bigint is null or id < $4)
      order by id desc
      limit $5`,
    [environmentId, filter.eventKey ?? null, filter.userId ?? null, filter.before ?? null, filter.limit],
  );
  const events = rows.map((row) => ({
    ...row,
    timestamp: new Date(row.timestamp).toISOString(),
    receivedAt: new Date(row.receivedAt).toISOString(),
  }));
  const last = events.at(-1);
  return { events, nextBefore: events.length === filter.limit && last ? last.id : null };
}

/** The UTC days of the series, as YYYY-MM-DD, oldest first. */
function seriesDays(now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: SERIES_DAYS }, (_, i) => new Date(today - (SERIES_DAYS - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}
