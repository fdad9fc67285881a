import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/results/badges";
import { DigestCells } from "@/components/results/digest-cells";
import { daysBetween, integer } from "@/components/results/format";
import { ListFilters } from "@/components/results/list-filters";
import { LiveDigestCells } from "@/components/results/live-digest-cells";
import { getDatabase } from "@/lib/db";
import { getCurrentProject } from "@/lib/projects/current";
import { discoverExperiments, listExperiments } from "@/lib/results";
import { loadDigests } from "./snapshot-digests";

export const metadata: Metadata = { title: "Experiments" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const STATUS_ORDER = { running: 0, draft: 1, stopped: 2 } as const;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function ExperimentsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const status = first(params.status);
  const environment = first(params.environment);
  const project = await getCurrentProject();
  const db = await getDatabase();
  const all = project ? await listExperiments(db, { projectId: project.id }) : [];
  // Running experiments first (what is read every morning), then drafts, then stopped ones; newest first within.
  const experiments = all
    .filter((e) => (!status || e.status === status) && (!environment || e.environment === environment))
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  const [digests, discovered] = await Promise.all([
    loadDigests(db, experiments.map((e) => e.id)),
    project ? discoverExperiments(db, { projectId: project.id }) : [],
  ]);
  const now = Date.now();

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Experiments</h1>
          <p className="subtitle">A/B tests and bandits, with how their primary metric is doing.</p>
        </div>
        {all.length > 0 && <ListFilters environments={project?.environments.map((e) => e.key) ?? []} />}
      </div>
      {all.length === 0 ? (
        <div className="card empty">
          <h2>No experiments yet</h2>
          <p>An experiment is an A/B test or bandit rule on a flag. Define a metric, then add an experiment rule to a flag.</p>
          <Link className="btn btn-primary" href="/flags">Go to flags</Link>
        </div>
      ) : experiments.length === 0 ? (
        <div className="card empty">
          <h2>No experiments match these filters</h2>
          <p>
            <Link href="/experiments">Show all {all.length} experiments</Link>
          </p>
        </div>
      ) : (
        <div className="card table-card">
          <table className="table experiments-table">
            <caption className="visually-hidden">Experiments of {project?.name}</caption>
            <thead>
              <tr>
                <th scope="col">Experiment</th>
                <th scope="col">Flag</th>
                <th scope="col">Environment</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Days</th>
                <th scope="col" className="num">Exposed users</th>
                <th scope="col">Primary metric lift</th>
                <th scope="col">Health</th>
              </tr>
            </thead>
            <tbody>
              {experiments.map((e) => {
                const digest = digests.get(e.id);
                const days = e.status === "draft" ? null : daysBetween(e.startedAt, null, now);
                return (
                  <tr key={e.id}>
                    <td>
                      <Link href={`/experiments/${e.id}`} className="strong-link">{e.name}</Link>
                      {e.type === "multi-armed-bandit" && <span className="badge badge-info type-badge">Bandit</span>}
                    </td>
                    <td className="mono">{e.flagKey}</td>
                    <td>{e.environment}</td>
                    <td><StatusBadge status={e.status} /></td>
                    <td className="num">{days === null ? "–" : integer(days)}</td>
                    {digest ? <DigestCells digest={digest} /> : <LiveDigestCells experimentId={e.id} />}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {discovered.length > 0 && (
        <div className="card">
          <h2>Seen in exposures, not set up as experiments</h2>
          <p className="muted small">SDKs report exposures for these flags, but no A/B test or bandit rule exists for them here.</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Flag</th>
                <th scope="col">Environment</th>
                <th scope="col">Variations</th>
                <th scope="col" className="num">Users</th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {discovered.map((d) => (
                <tr key={`${d.environmentId}:${d.flagKey}`}>
                  <td className="mono">{d.flagKey}</td>
                  <td>{d.environment}</td>
                  <td>{d.variations.join(", ")}</td>
                  <td className="num">{integer(d.users)}</td>
                  <td>{new Date(d.lastSeenAt).toISOString().slice(0, 16).replace("T", " ")} UTC</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
