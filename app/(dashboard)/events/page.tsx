import type { Metadata } from "next";
import { EventsExplorer } from "@/components/events/events-explorer";
import { getDatabase } from "@/lib/db";
import { findEnvironmentId, listEventKeys, listRecentEvents } from "@/lib/explorer/events";
import { getCurrentProject } from "@/lib/projects/current";

export const metadata: Metadata = { title: "Events" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function EventsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const project = await getCurrentProject();
  const header = (
    <div className="page-header">
      <div>
        <h1>Events</h1>
        <p className="subtitle">What SDKs are sending: every event key with its volume, and the latest events as they arrive.</p>
      </div>
    </div>
  );
  if (!project) {
    return (
      <>
        {header}
        <div className="card empty">
          <h2>No project yet</h2>
          <p>Create a project in Settings, then send events with its SDK key.</p>
        </div>
      </>
    );
  }
  const environments = project.environments.map((e) => e.key as string);
  const requested = first(params.environment);
  const environment = environments.includes(requested) ? requested : (environments[0] ?? "development");
  const filters = { environment, eventKey: first(params.key).slice(0, 100), userId: first(params.user).slice(0, 256) };
  const db = await getDatabase();
  const environmentId = await findEnvironmentId(db, project.id, environment);
  const [keys, events] = environmentId
    ? await Promise.all([
        listEventKeys(db, environmentId),
        listRecentEvents(db, environmentId, { eventKey: filters.eventKey || undefined, userId: filters.userId || undefined, limit: 50 }),
      ])
    : [[], { events: [], nextBefore: null }];
  return (
    <>
      {header}
      <EventsExplorer environments={environments} initial={filters} initialKeys={keys} initialEvents={events} />
    </>
  );
}
