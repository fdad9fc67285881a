"use client";

import "./events.css";
import { useInfiniteQuery, useQuery, type InfiniteData } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { EventKeysTable } from "./event-keys-table";
import { EventStream } from "./event-stream";
import type { EventKeySummary, RecentEventsPage } from "./types";

/** The stream is polled often (it is the "is my SDK sending?" view); key counts less so. */
const STREAM_POLL_MS = 5_000;
const KEYS_POLL_MS = 30_000;
const PAGE_SIZE = 50;

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `request failed (${response.status})`);
  }
  return (await response.json()) as T;
}

export interface ExplorerFilters {
  environment: string;
  eventKey: string;
  userId: string;
}

export function EventsExplorer({
  environments,
  initial,
  initialKeys,
  initialEvents,
}: {
  environments: string[];
  /** The filters the server rendered the initial data for. */
  initial: ExplorerFilters;
  initialKeys: EventKeySummary[];
  initialEvents: RecentEventsPage;
}) {
  const params = useSearchParams();
  const pathname = usePathname();
  const filters: ExplorerFilters = {
    environment: params.get("environment") ?? initial.environment,
    eventKey: params.get("key") ?? "",
    userId: params.get("user") ?? "",
  };
  const [live, setLive] = useState(true);
  const [userDraft, setUserDraft] = useState(filters.userId);
  useEffect(() => setUserDraft(filters.userId), [filters.userId]);

  const sameAsServer = (keys: Array<keyof ExplorerFilters>) => keys.every((k) => filters[k] === initial[k]);
  const keys = useQuery({
    queryKey: ["event-keys", filters.environment],
    queryFn: ({ signal }) =>
      getJson<{ keys: EventKeySummary[] }>(`/api/v1/events/keys?environment=${encodeURIComponent(filters.environment)}`, signal),
    initialData: sameAsServer(["environment"]) ? { keys: initialKeys } : undefined,
    refetchInterval: live ? KEYS_POLL_MS : false,
  });
  const stream = useInfiniteQuery<RecentEventsPage, Error, InfiniteData<RecentEventsPage, number | null>, readonly unknown[], number | null>({
    queryKey: ["events", filters.environment, filters.eventKey, filters.userId],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ environment: filters.environment, limit: String(PAGE_SIZE) });
      if (filters.eventKey) query.set("eventKey", filters.eventKey);
      if (filters.userId) query.set("userId", filters.userId);
      if (pageParam) query.set("before", String(pageParam));
      return getJson<RecentEventsPage>(`/api/v1/events?${query}`, signal);
    },
    initialPageParam: null,
    getNextPageParam: (last) => last.nextBefore,
    initialData: sameAsServer(["environment", "eventKey", "userId"]) ? { pages: [initialEvents], pageParams: [null] } : undefined,
    refetchInterval: live ? STREAM_POLL_MS : false,
  });

  // A changed filter shows other events, not new ones: the mark restarts with each filter.
  const events = stream.data?.pages.flatMap((p) => p.events) ?? [];
  const newest = events[0]?.id ?? 0;
  const filterKey = `${filters.environment}\0${filters.eventKey}\0${filters.userId}`;
  const shown = useRef({ filterKey, id: newest });
  const [freshSince, setFreshSince] = useState(newest);
  useEffect(() => {
    if (shown.current.filterKey !== filterKey) {
      shown.current = { filterKey, id: newest };
      setFreshSince(newest);
    } else if (newest > shown.current.id) {
      setFreshSince(shown.current.id);
      shown.current.id = newest;
    }
  }, [filterKey, newest]);

  const navigate = (next: Partial<ExplorerFilters>) => {
    const merged = { ...filters, ...next };
    const query = new URLSearchParams();
    if (merged.environment !== environments[0]) query.set("environment", merged.environment);
    if (merged.eventKey) query.set("key", merged.eventKey);
    if (merged.userId) query.set("user", merged.userId);
    const search = query.toString();
    window.history.pushState(null, "", search ? `${pathname}?${search}` : pathname);
  };

  const keyList = keys.data?.keys ?? [];
  const now = keys.dataUpdatedAt || Date.now();
  const filtered = Boolean(filters.eventKey || filters.userId);

  return (
    <>
      <form
        className="card explorer-filters"
        role="search"
        aria-label="Filter events"
        onSubmit={(e) => {
          e.preventDefault();
          navigate({ userId: userDraft.trim() });
        }}
      >
        <div className="field">
          <label htmlFor="ev-environment">Environment</label>
          <select id="ev-environment" className="input" value={filters.environment} onChange={(e) => navigate({ environment: e.target.value, eventKey: "", userId: "" })}>
            {environments.map((env) => <option key={env} value={env}>{env}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ev-key">Event key</label>
          <select id="ev-key" className="input" value={filters.eventKey} onChange={(e) => navigate({ eventKey: e.target.value })}>
            <option value="">All event keys</option>
            {filters.eventKey && !keyList.some((k) => k.eventKey === filters.eventKey) && <option value={filters.eventKey}>{filters.eventKey}</option>}
            {keyList.map((k) => <option key={k.eventKey} value={k.eventKey}>{k.eventKey}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ev-user">User id</label>
          <input id="ev-user" className="input mono" value={userDraft} placeholder="e.g. user-00042" onChange={(e) => setUserDraft(e.target.value)} />
        </div>
        <div className="explorer-actions">
          <button type="submit" className="btn">Apply</button>
          {filtered && (
            <button type="button" className="btn" onClick={() => navigate({ eventKey: "", userId: "" })}>
              Clear filters
            </button>
          )}
          <label className="live-toggle">
            <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} /> Live updates
          </label>
        </div>
      </form>

      <section className="card" aria-labelledby="keys-title">
        <h2 id="keys-title">Event keys</h2>
        {keys.isError && <p className="form-error" role="alert">Event keys could not be loaded: {keys.error.message}</p>}
        {keyList.length === 0 ? (
          <div className="empty">
            <h3>No events in {filters.environment} yet</h3>
            <p>Send one with an SDK, e.g. <code>userCtx.trackEvent(&apos;purchase_completed&apos;, {"{ value: 49.99 }"})</code>; it shows up here within seconds.</p>
          </div>
        ) : (
          <EventKeysTable keys={keyList} selected={filters.eventKey} onSelect={(eventKey) => navigate({ eventKey })} now={now} />
        )}
      </section>

      <section className="card" aria-labelledby="stream-title">
        <div className="stream-head">
          <h2 id="stream-title">
            Latest events
            {filters.eventKey && <> · <code>{filters.eventKey}</code></>}
            {filters.userId && <> · user <code>{filters.userId}</code></>}
          </h2>
          <span className="muted small" aria-live="polite">
            {live ? (
              <>
                <span className="live-dot" aria-hidden /> Newest received first · live, refreshes every 5 s
              </>
            ) : (
              "Newest received first · paused"
            )}
            {stream.isError && <span className="text-bad"> · refresh failed: {stream.error.message}</span>}
          </span>
        </div>
        {!stream.data ? (
          <p className="muted" aria-busy>Loading events…</p>
        ) : events.length === 0 ? (
          <div className="empty">
            <h3>No events match</h3>
            <p>{filtered ? "Nothing received for these filters yet." : "Nothing received in this environment yet."}</p>
          </div>
        ) : (
          <>
            <EventStream events={events} freshSince={freshSince} onUser={(userId) => navigate({ userId })} onKey={(eventKey) => navigate({ eventKey })} />
            {stream.hasNextPage && (
              <div className="load-older">
                <button type="button" className="btn" onClick={() => void stream.fetchNextPage()} disabled={stream.isFetchingNextPage}>
                  {stream.isFetchingNextPage ? "Loading…" : "Load older events"}
                </button>
              </div>
            )}
          </>
        )}
      </section>
    </>
  );
}
